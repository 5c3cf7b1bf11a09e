package io.optionchain.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void shouldDefaultToTheEmbeddedSimulator() {
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of());
        assertThat(options.simulated()).isTrue();
        assertThat(options.port()).isNull();
        assertThat(options.dataDir()).isEqualTo(Path.of("data"));
        assertThat(options.configDir()).isEqualTo(Path.of("config"));
    }

    @Test
    void shouldTakeTheApiKeyFromTheEnvironmentAndNeverPrintIt() {
        String key = "0123456789abcdef0123456789abcdef";
        LaunchOptions options = LaunchOptions.parse(new String[] {"--feed", "openalgo", "--openalgo-url",
                "http://127.0.0.1:5000/", "--ws-url", "ws://127.0.0.1:8765", "--port", "8080"},
                Map.of(LaunchOptions.API_KEY_VARIABLE, key));
        assertThat(options.apiKey()).isEqualTo(key);
        assertThat(options.openAlgoUrl()).isEqualTo("http://127.0.0.1:5000");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.toString()).doesNotContain(key).contains("apiKey=****");
    }

    @Test
    void shouldRefuseARealFeedWithoutAKeyOrUrls() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--feed", "openalgo", "--openalgo-url", "http://x",
                "--ws-url", "ws://x"}, Map.of())).hasMessageContaining(LaunchOptions.API_KEY_VARIABLE);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--feed", "openalgo"}, Map.of("OPENALGO_API_KEY", "k")))
                .hasMessageContaining("--openalgo-url");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--feed", "kite"}, Map.of()))
                .hasMessageContaining("simulator or openalgo");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--port", "x"}, Map.of()))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--api-key", "k"}, Map.of()))
                .hasMessageContaining("unknown option --api-key");
    }

    @Test
    void shouldStartTheClockAtTheInstantAskedFor() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--trading-hours", "nse-fo", "--clock",
                "2026-12-28T09:14:50+05:30"}, Map.of());
        assertThat(options.tradingHours()).isEqualTo("nse-fo");
        java.time.Instant realNow = java.time.Instant.parse("2026-12-07T10:00:00Z");
        java.time.Clock system = java.time.Clock.fixed(realNow, java.time.ZoneOffset.UTC);
        assertThat(options.clock(system).instant()).isEqualTo(java.time.Instant.parse("2026-12-28T03:44:50Z"));
        assertThat(LaunchOptions.parse(new String[] {}, Map.of()).clock(system)).isSameAs(system);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--clock", "2026-12-28 09:14"}, Map.of()))
                .hasMessageContaining("--clock must be a date and time with its offset");
    }
}
