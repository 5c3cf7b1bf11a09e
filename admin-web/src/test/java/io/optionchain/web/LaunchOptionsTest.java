package io.optionchain.web;

import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.gateway.accounts.AccountEndpoint;
import io.optionchain.web.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void shouldTakeTodaysFlagsAsAOneAccountFile() {
        String key = "0123456789abcdef0123456789abcdef";
        LaunchOptions options = LaunchOptions.parse(new String[] {"--feed", "openalgo", "--openalgo-url",
                "http://127.0.0.1:5000/", "--ws-url", "ws://127.0.0.1:8765"}, Map.of(LaunchOptions.API_KEY_VARIABLE, key));

        List<AccountEndpoint> accounts = options.accounts(Map.of());

        assertThat(accounts).singleElement().satisfies(account -> {
            assertThat(account.profile()).isEqualTo(new AccountProfile("primary", "openalgo", AccountRole.PRIMARY, 1));
            assertThat(account.restUrl()).isEqualTo("http://127.0.0.1:5000");
            assertThat(account.wsUrl()).isEqualTo("ws://127.0.0.1:8765");
            assertThat(account.apiKey()).isEqualTo(key);
        });
        assertThat(accounts.toString()).doesNotContain(key);
    }

    @Test
    void shouldReadEveryRealServersKeyFromTheVariableItsAccountNames(@TempDir Path dir) throws IOException {
        String key = "fedcba9876543210fedcba9876543210";
        Path file = Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - name: zerodha-main
                    broker: zerodha
                    role: primary
                    priority: 1
                    rest_url: http://127.0.0.1:5000
                    ws_url: ws://127.0.0.1:8765
                    api_key_env: OPENALGO_KEY_ZERODHA_MAIN
                  - name: dhan-spare
                    broker: dhan
                    role: backup
                    priority: 1
                    rest_url: http://127.0.0.1:5001
                    ws_url: ws://127.0.0.1:8766
                    api_key_env: OPENALGO_KEY_DHAN
                """);
        Map<String, String> env = Map.of("OPENALGO_KEY_ZERODHA_MAIN", key, "OPENALGO_KEY_DHAN", key + "2");

        LaunchOptions options = LaunchOptions.parse(new String[] {"--feed", "openalgo", "--accounts", file.toString()},
                env);

        assertThat(options.simulated()).isFalse();
        assertThat(options.accounts(env)).extracting(AccountEndpoint::name, AccountEndpoint::apiKey)
                .containsExactly(tuple("zerodha-main", key), tuple("dhan-spare", key + "2"));
        assertThat(options.toString()).contains("accounts=" + file).doesNotContain(key);
        assertThatThrownBy(() -> options.accounts(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("accounts[0].api_key_env: the environment variable OPENALGO_KEY_ZERODHA_MAIN"
                        + " is not set");
    }

    @Test
    void shouldRunTheDemoFilesAccountsOnTheEmbeddedMarketAtTheirPorts() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--accounts", "../config/accounts-demo.yaml"},
                Map.of());

        assertThat(options.simulated()).isTrue();
        assertThat(options.accounts(Map.of())).extracting(AccountEndpoint::restUrl, AccountEndpoint::wsUrl)
                .containsExactly(tuple("http://127.0.0.1:15101", "ws://127.0.0.1:18101"),
                        tuple("http://127.0.0.1:15102", "ws://127.0.0.1:18102"),
                        tuple("http://127.0.0.1:15103", "ws://127.0.0.1:18103"));
    }

    @Test
    void shouldRunOneEmbeddedAccountOnFreePortsWithoutAFile() {
        assertThat(LaunchOptions.parse(new String[0], Map.of()).accounts(Map.of())).singleElement()
                .satisfies(account -> {
                    assertThat(account.profile().primary()).isTrue();
                    assertThat(account.restUrl()).isEqualTo("http://127.0.0.1:0");
                    assertThat(account.wsUrl()).isEqualTo("ws://127.0.0.1:0");
                });
    }

    @Test
    void shouldRefuseServerUrlsBesideAnAccountsFile() {
        for (String flag : new String[] {"--openalgo-url", "--ws-url"}) {
            assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--feed", "openalgo", "--accounts",
                    "config/accounts.yaml", flag, "http://127.0.0.1:5000"}, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--accounts names every account's URLs; leave out --openalgo-url and --ws-url");
        }
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--feed", "openalgo"}, Map.of()))
                .hasMessageContaining("--accounts FILE");
        assertThat(LaunchOptions.USAGE).contains("--accounts FILE");
    }
}
