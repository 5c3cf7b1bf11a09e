package io.optionchain.web;

import io.optionchain.web.api.ApiToken;
import io.optionchain.web.config.DashboardSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The token a start generates when none is configured: where it goes, who may read it, what the log says. */
class ApiTokenTest {

    @Test
    void shouldGenerateAnOwnerOnlyTokenFileLogItsPathOnlyAndKeepItAcrossRestarts(@TempDir Path data) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String token;
        try (PrintStream tee = new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8)) {
            System.setErr(tee); // slf4j-simple writes to whatever System.err is at the time
            try (RunningApplication app = RunningApplication.start(data, DashboardSettings.defaults(), "")) {
                Path file = data.resolve(ApiToken.FILE_NAME);
                assertThat(file).isRegularFile();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                token = Files.readString(file).strip();
                assertThat(token).hasSizeGreaterThanOrEqualTo(40);

                assertThat(app.http().post("/api/option-chain/latency/reset").statusCode()).isEqualTo(401);
                assertThat(app.http().post("/api/option-chain/latency/reset", "Bearer " + token + "x").statusCode())
                        .isEqualTo(403);
                assertThat(app.http().post("/api/option-chain/latency/reset", "Bearer " + token).statusCode())
                        .isEqualTo(200);
            } finally {
                System.setErr(stderr);
            }
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("generated into " + data.resolve(ApiToken.FILE_NAME).toAbsolutePath());
        assertThat(logged).doesNotContain(token);

        try (RunningApplication again = RunningApplication.start(data, DashboardSettings.defaults(), "")) {
            assertThat(Files.readString(data.resolve(ApiToken.FILE_NAME)).strip()).isEqualTo(token);
            assertThat(again.http().post("/api/option-chain/latency/reset", "Bearer " + token).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldPreferTheConfiguredTokenThenTheEnvironmentAndWriteNoFileForEither(@TempDir Path data) {
        assertThat(ApiToken.resolve("configured-token-0123456789", "from-environment-0123456789", data).source())
                .isEqualTo("config");
        assertThat(ApiToken.resolve("", "from-environment-0123456789", data).source()).isEqualTo("environment");
        assertThat(data.resolve(ApiToken.FILE_NAME)).doesNotExist();
        assertThat(ApiToken.resolve("", null, data).source()).startsWith("file ");
        assertThat(data.resolve(ApiToken.FILE_NAME)).isRegularFile();
    }

    /** Copies what the application logs to the console and to the test. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
