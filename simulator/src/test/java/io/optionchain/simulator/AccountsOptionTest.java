package io.optionchain.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsOptionTest {
    private static final Map<String, String> ENV = Map.of("OPENALGO_KEY_ZERODHA_MAIN", " key-from-env ");

    @Test
    void shouldReadEachAccountWithItsKeyFromTheEnvironmentOrAGeneratedOne() {
        List<AccountSpec> accounts = parse("--seed", "3", "--accounts", "zerodha-main:zerodha:5000:8765, angel.1:angel:0:0");

        assertThat(accounts).containsExactly(new AccountSpec("zerodha-main", "zerodha", "key-from-env", 5000, 8765),
                new AccountSpec("angel.1", "angel", "generated", 0, 0));
        assertThat(AccountsOption.keyVariable("angel.1")).isEqualTo("OPENALGO_KEY_ANGEL_1");
        assertThat(parse("--seed", "3")).as("no --accounts: the one-account simulator").isEmpty();
        assertThat(SimulatorMain.parse(new String[] {"--accounts", "a:b:0:0", "--seed", "4"}, SimulatorConfig.defaults("k"))
                .seed()).isEqualTo(4);
    }

    @Test
    void shouldRefuseAccountsItCannotRunNamingWhatIsWrong() {
        assertThatThrownBy(() -> parse("--accounts", "a:b:0")).hasMessageContaining("name:broker:restPort:wsPort")
                .hasMessageContaining("'a:b:0'");
        assertThatThrownBy(() -> parse("--accounts", "a:b:x:0")).hasMessageContaining("'x' in 'a:b:x:0'");
        assertThatThrownBy(() -> parse("--accounts", "a:b:70000:0")).hasMessageContaining("restPort must be 0..65535");
        assertThatThrownBy(() -> parse("--accounts", "a::0:0")).hasMessageContaining("'a' needs a broker");
        assertThatThrownBy(() -> parse("--rest-port", "5000", "--accounts", "a:b:0:0"))
                .hasMessageContaining("leave out --rest-port and --ws-port");
    }

    private static List<AccountSpec> parse(String... args) {
        return AccountsOption.parse(args, ENV::get, () -> "generated");
    }
}
