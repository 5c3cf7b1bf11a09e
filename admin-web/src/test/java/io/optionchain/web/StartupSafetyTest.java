package io.optionchain.web;

import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.api.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the application leaves on disk and in its log at start: owner-only data, the port it really bound. */
class StartupSafetyTest {
    private static final String API_KEY = "startup-key-9a8b7c6d";

    @Test
    void shouldKeepTheDataDirectoryAndItsFilesToTheOwner(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (RunningApplication app = RunningApplication.start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("positions.journal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("risk-audit.jsonl"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("chain-state.cm3"))).isEqualTo("rw-------");
        }
        Path fresh = parent.resolve("fresh");
        try (RunningApplication app = RunningApplication.start(fresh)) {
            assertThat(mode(fresh)).isEqualTo("rwx------");
        }
    }

    @Test
    void shouldRefuseATokenFileOthersCanRead(@TempDir Path data) throws Exception {
        Path file = data.resolve(ApiToken.FILE_NAME);
        Files.writeString(file, "a-token-of-at-least-sixteen-characters\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ApiToken.resolve("", null, data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ApiToken.resolve("", null, data).source()).contains(file.toAbsolutePath().toString());
    }

    @Test
    void shouldLogThePortItBoundNotTheConfiguredOne(@TempDir Path data, @TempDir Path logs) throws Exception {
        Path log = logs.resolve("application.log");
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(7))) {
            ApplicationProcess app = ApplicationProcess.on(market, data,
                    Map.of(LaunchOptions.API_KEY_VARIABLE, API_KEY), log);
            try {
                app.awaitServing(Duration.ofSeconds(60));
                String text = Files.readString(log);
                assertThat(text).contains("port=" + app.port()).doesNotContain("port=7070");
            } finally {
                app.close();
            }
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
