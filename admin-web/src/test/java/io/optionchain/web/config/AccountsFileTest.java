package io.optionchain.web.config;

import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.engine.accounts.FailoverHierarchy;
import io.optionchain.gateway.accounts.AccountEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsFileTest {
    private static final Path SHIPPED = Path.of("..", "config");
    private static final String MAIN_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String FILE_KEY = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private static final Map<String, String> ENV = Map.of("OPENALGO_KEY_MAIN", "  " + MAIN_KEY + "\n");

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryAccountInFileOrderWithItsKeyFromTheEnvironmentOrItsOwnersFile() throws IOException {
        keyFile("dhan.key", FILE_KEY + "\n", "rw-------");
        Path file = write("""
                accounts:
                  - name: zerodha-main
                    broker: zerodha
                    role: primary
                    priority: 1
                    rest_url: http://127.0.0.1:5000/
                    ws_url: ws://127.0.0.1:8765
                    api_key_env: OPENALGO_KEY_MAIN
                  - name: dhan-1
                    broker: dhan
                    role: backup
                    priority: 2
                    rest_url: https://openalgo.example.in
                    ws_url: wss://openalgo.example.in/ws
                    api_key_file: dhan.key
                """);

        List<AccountEndpoint> accounts = AccountsFile.read(file, ENV, KeyNeeds.EVERY_ACCOUNT);

        assertThat(accounts).extracting(AccountEndpoint::profile).containsExactly(
                new AccountProfile("zerodha-main", "zerodha", AccountRole.PRIMARY, 1),
                new AccountProfile("dhan-1", "dhan", AccountRole.BACKUP, 2));
        assertThat(accounts.get(0).restUrl()).as("the client appends /api/v1/").isEqualTo("http://127.0.0.1:5000");
        assertThat(accounts.get(0).wsUrl()).isEqualTo("ws://127.0.0.1:8765");
        assertThat(accounts.get(1).wsUrl()).isEqualTo("wss://openalgo.example.in/ws");
        assertThat(accounts).extracting(AccountEndpoint::apiKey).as("trimmed").containsExactly(MAIN_KEY, FILE_KEY);
        assertThat(accounts.toString()).doesNotContain(MAIN_KEY).doesNotContain(FILE_KEY);
    }

    @Test
    void shouldOrderTheHierarchyPrimaryThenItsBrokersBackupsThenOtherBrokersEachByPriority() throws IOException {
        Path file = write("accounts:\n"
                + account("dhan-2", "dhan", "backup", "1", 5001)
                + account("zerodha-2", "zerodha", "backup", "5", 5002)
                + account("zerodha-main", "zerodha", "primary", "9", 5003)
                + account("dhan-1", "dhan", "backup", "0", 5004)
                + account("zerodha-3", "zerodha", "backup", "2", 5005));

        List<AccountEndpoint> accounts = AccountsFile.read(file, Map.of(), KeyNeeds.NONE);

        assertThat(accounts).extracting(AccountEndpoint::name).as("file order")
                .containsExactly("dhan-2", "zerodha-2", "zerodha-main", "dhan-1", "zerodha-3");
        assertThat(FailoverHierarchy.of(accounts.stream().map(AccountEndpoint::profile).toList()).order())
                .extracting(AccountProfile::name)
                .containsExactly("zerodha-main", "zerodha-3", "zerodha-2", "dhan-1", "dhan-2");
    }

    @Test
    void shouldRefuseAKeyFileOpenToAnyoneButItsOwnerNamingThePathButNeverTheKey() throws IOException {
        for (String permissions : new String[] {"rw-r-----", "rw----r--", "rw-rw----", "rw-----w-", "rwx--x---"}) {
            Path key = keyFile("main.key", FILE_KEY, permissions);
            String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                    .replace("api_key_env: OPENALGO_KEY_MAIN", "api_key_file: main.key");
            assertRefused(text, "api_key_file: main.key", "accounts[0].api_key_file",
                    key + " is open to others (" + permissions + "); a key file must allow its owner only:"
                            + " chmod 600 " + key);
        }
        keyFile("main.key", FILE_KEY, "r--------");
        String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                .replace("api_key_env: OPENALGO_KEY_MAIN", "api_key_file: " + dir.resolve("main.key"));
        assertThat(AccountsFile.read(write(text), Map.of(), KeyNeeds.EVERY_ACCOUNT).get(0).apiKey())
                .as("an absolute path, read-only for its owner").isEqualTo(FILE_KEY);
    }

    @Test
    void shouldRefuseAKeyFileThatIsMissingEmptyOrHoldsMoreThanAKey() throws IOException {
        String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                .replace("api_key_env: OPENALGO_KEY_MAIN", "api_key_file: keys/main.key");
        Path key = dir.resolve("keys/main.key");
        assertRefused(text, "api_key_file:", "accounts[0].api_key_file", "no such file: " + key);
        Files.createDirectories(key.getParent());
        keyFile("keys/main.key", " \n\t", "rw-------");
        assertRefused(text, "api_key_file:", "accounts[0].api_key_file", key + " is empty");
        keyFile("keys/main.key", MAIN_KEY + "\n" + FILE_KEY + "\n", "rw-------");
        assertRefused(text, "api_key_file:", "accounts[0].api_key_file",
                key + " holds more than one word; a key file holds the key alone");
    }

    @Test
    void shouldRefuseAnUnsetOrEmptyEnvironmentVariable() throws IOException {
        String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000);
        assertRefused(text, Map.of(), "api_key_env:", "accounts[0].api_key_env",
                "the environment variable OPENALGO_KEY_MAIN is not set");
        assertRefused(text, Map.of("OPENALGO_KEY_MAIN", " \t"), "api_key_env:", "accounts[0].api_key_env",
                "the environment variable OPENALGO_KEY_MAIN is empty");
    }

    @Test
    void shouldRefuseAKeyWrittenWhereItsVariablesNameOrFilesPathBelongsWithoutShowingIt() throws IOException {
        String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                .replace("api_key_env: OPENALGO_KEY_MAIN", "api_key_env: " + MAIN_KEY);
        assertRefused(text, Map.of(), "api_key_env:", "accounts[0].api_key_env",
                "looks like a key itself; name the environment variable that holds it (the value is not shown)");
        text = text.replace("api_key_env:", "api_key_file:");
        assertRefused(text, Map.of(), "api_key_file:", "accounts[0].api_key_file",
                "looks like a key itself; name the file that holds it (the value is not shown)");
    }

    @Test
    void shouldRefuseBothKeySourcesOrNeither() throws IOException {
        String both = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                + "    api_key_file: main.key\n";
        assertRefused(both, "api_key_file:", "accounts[0].api_key_file",
                "give api_key_env or api_key_file, not both");
        String neither = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                .replace("    api_key_env: OPENALGO_KEY_MAIN\n", "");
        assertRefused(neither, "- name: main", "accounts[0]",
                "no key: give api_key_env (an environment variable) or api_key_file (a file its owner alone may read)");
    }

    @Test
    void shouldRefuseNoPrimaryOrTwoPrimaries() throws IOException {
        String none = "accounts:\n" + account("a", "zerodha", "backup", "1", 5000)
                + account("b", "zerodha", "backup", "2", 5001);
        assertRefused(none, "accounts:", "accounts",
                "no account has role: primary; exactly one must, the rest backup");
        String two = "accounts:\n" + account("a", "zerodha", "primary", "1", 5000)
                + account("b", "dhan", "primary", "2", 5001);
        assertRefused(two, "role: primary", 2, "accounts[1].role",
                "a second primary (accounts[0] is primary); exactly one account is primary, the rest backup");
    }

    @Test
    void shouldRefuseANameGivenTwice() throws IOException {
        String text = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000)
                + account("spare", "zerodha", "backup", "1", 5001)
                + account("main", "dhan", "backup", "2", 5002);
        assertRefused(text, "- name: main", 2, "accounts[2].name", "'main' is also accounts[0]'s name; names must"
                + " be unique");
    }

    @Test
    void shouldRefuseBadUrlsNamingTheField() throws IOException {
        String good = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000);
        String[][] cases = {
                {"rest_url: http://127.0.0.1:5000", "rest_url: ftp://127.0.0.1:5000", "accounts[0].rest_url",
                        "must be http:// or https:// with a host, as in http://127.0.0.1:5000, got 'ftp://127.0.0.1:5000'"},
                {"rest_url: http://127.0.0.1:5000", "rest_url: 127.0.0.1:5000", "accounts[0].rest_url",
                        "must be http:// or https:// with a host"},
                {"rest_url: http://127.0.0.1:5000", "rest_url: http:///api", "accounts[0].rest_url",
                        "must be http:// or https:// with a host"},
                {"rest_url: http://127.0.0.1:5000", "rest_url: ws://127.0.0.1:5000", "accounts[0].rest_url",
                        "must be http:// or https:// with a host"},
                {"rest_url: http://127.0.0.1:5000", "rest_url: http://127.0.0.1:70000", "accounts[0].rest_url",
                        "port must be 1..65535, got 70000"},
                {"ws_url: ws://127.0.0.1:6000", "ws_url: http://127.0.0.1:6000", "accounts[0].ws_url",
                        "must be ws:// or wss:// with a host, as in ws://127.0.0.1:8765, got 'http://127.0.0.1:6000'"},
                {"ws_url: ws://127.0.0.1:6000", "ws_url: ws://", "accounts[0].ws_url",
                        "must be ws:// or wss:// with a host"},
                {"ws_url: ws://127.0.0.1:6000", "ws_url: ws://bad host:6000", "accounts[0].ws_url",
                        "must be ws:// or wss:// with a host"},
        };
        for (String[] bad : cases) {
            assertRefused(good.replace(bad[0], bad[1]), bad[1], bad[2], bad[3]);
        }
        // a user, password or query might be a key: refused without being repeated
        String secret = good.replace("rest_url: http://127.0.0.1:5000",
                "rest_url: http://127.0.0.1:5000/?apikey=" + FILE_KEY);
        assertRefused(secret, "rest_url:", "accounts[0].rest_url",
                "must not carry a user, password, query or fragment; the key goes in api_key_env or api_key_file"
                        + " (the value is not shown)");
        secret = good.replace("ws_url: ws://127.0.0.1:6000", "ws_url: ws://me:" + FILE_KEY + "@127.0.0.1:6000");
        assertRefused(secret, "ws_url:", "accounts[0].ws_url", "must not carry a user, password, query or fragment");
    }

    @Test
    void shouldRefuseUnknownAndMissingFieldsABadRoleBrokerOrNameAndAPriorityThatIsNotAWholeNumber()
            throws IOException {
        String good = "accounts:\n" + account("main", "zerodha", "primary", "1", 5000);
        assertRefused(good.replace("    priority: 1\n", "    priority: 1\n    api_key: abc\n"), "api_key: abc",
                "accounts[0].api_key", "unknown field; expected one of");
        assertRefused(good.replace("    broker: zerodha\n", ""), "- name: main", "accounts[0].broker",
                "missing; every field of this section must be set");
        assertRefused(good.replace("broker: zerodha", "broker:"), "broker:", "accounts[0].broker",
                "missing a value");
        assertRefused(good.replace("role: primary", "role: main"), "role: main", "accounts[0].role",
                "must be primary or backup, got 'main'");
        assertRefused(good.replace("broker: zerodha", "broker: Zerodha"), "broker: Zerodha", "accounts[0].broker",
                "must be the broker's id in lower case (letters, digits, '.', '_' or '-'), as in zerodha, got"
                        + " 'Zerodha'");
        assertRefused(good.replace("name: main", "name: main account"), "name: main account", "accounts[0].name",
                "must be letters, digits, '.', '_' or '-' (at most 64), got 'main account'");
        for (String priority : new String[] {"1.5", "-1", "first", "99999999999"}) {
            assertRefused(good.replace("priority: 1", "priority: " + priority), "priority: " + priority,
                    "accounts[0].priority", "must be a whole number, 0 or more, got '" + priority + "'");
        }
        assertRefused("acounts:\n  - name: main\n", "acounts:", "accounts", "missing");
    }

    @Test
    void shouldRefuseAnEmptyListOrFile() throws IOException {
        assertRefused("accounts: []\n", "accounts:", "accounts", "list at least one account");
        assertRefused("# none yet\naccounts:\n", "accounts:", "accounts", "list at least one account");
        Path empty = write("# nothing\n");
        assertThatThrownBy(() -> AccountsFile.read(empty, ENV, KeyNeeds.EVERY_ACCOUNT))
                .isInstanceOf(ConfigException.class).hasMessage(empty + ": file is empty");
        Path missing = dir.resolve("nowhere.yaml");
        assertThatThrownBy(() -> AccountsFile.read(missing, ENV, KeyNeeds.EVERY_ACCOUNT))
                .isInstanceOf(ConfigException.class).hasMessage(missing + ": file not found");
    }

    @Test
    void shouldReadTheEmbeddedMarketsAccountsWithoutKeysOnLoopbackPortsOfTheirOwn() throws IOException {
        String text = "accounts:\n" + account("a", "zerodha", "primary", "1", 15101).replace("    api_key_env:"
                + " OPENALGO_KEY_MAIN\n", "") + account("b", "dhan", "backup", "1", 15102);

        List<AccountEndpoint> accounts = AccountsFile.read(write(text), Map.of(), KeyNeeds.NONE);

        assertThat(accounts).extracting(AccountEndpoint::restUrl)
                .containsExactly("http://127.0.0.1:15101", "http://127.0.0.1:15102");
        assertThat(accounts).extracting(AccountEndpoint::apiKey).as("the application makes them").containsOnly("");

        assertRefused(text.replace("ws_url: ws://127.0.0.1:16102", "ws_url: ws://127.0.0.1:15101"), Map.of(),
                KeyNeeds.NONE, "ws_url: ws://127.0.0.1:15101", 1, "accounts[1].ws_url",
                "port 15101 is also accounts[0].rest_url's; each embedded account listens on ports of its own");
        assertRefused(text.replace("http://127.0.0.1:15102", "http://127.0.0.1"), Map.of(), KeyNeeds.NONE,
                "rest_url: http://127.0.0.1\n", 1, "accounts[1].rest_url",
                "needs a port: the embedded account listens there");
        assertRefused(text.replace("http://127.0.0.1:15102", "http://10.0.0.7:15102"), Map.of(), KeyNeeds.NONE,
                "rest_url: http://10.0.0.7", 1, "accounts[1].rest_url",
                "must be a loopback address (127.0.0.1 or localhost): the embedded market listens on loopback only");
    }

    @Test
    void shouldReadTheShippedTemplateAndDemoFiles() {
        List<AccountEndpoint> template = AccountsFile.read(SHIPPED.resolve("accounts.yaml"),
                Map.of("OPENALGO_API_KEY", MAIN_KEY), KeyNeeds.EVERY_ACCOUNT);
        assertThat(template).singleElement().satisfies(account -> {
            assertThat(account.profile().primary()).isTrue();
            assertThat(account.restUrl()).isEqualTo("http://127.0.0.1:5000");
            assertThat(account.wsUrl()).isEqualTo("ws://127.0.0.1:8765");
            assertThat(account.apiKey()).isEqualTo(MAIN_KEY);
        });

        List<AccountEndpoint> demo = AccountsFile.read(SHIPPED.resolve("accounts-demo.yaml"), Map.of(),
                KeyNeeds.NONE);
        assertThat(demo).extracting(a -> a.profile().broker()).containsExactly("zerodha", "zerodha", "dhan");
        assertThat(FailoverHierarchy.of(demo.stream().map(AccountEndpoint::profile).toList()).order())
                .extracting(AccountProfile::role)
                .containsExactly(AccountRole.PRIMARY, AccountRole.BACKUP, AccountRole.BACKUP);
    }

    /** One account on {@code 127.0.0.1:port}, its market data on {@code port + 1000}, keyed by OPENALGO_KEY_MAIN. */
    private static String account(String name, String broker, String role, String priority, int port) {
        return "  - name: " + name + "\n"
                + "    broker: " + broker + "\n"
                + "    role: " + role + "\n"
                + "    priority: " + priority + "\n"
                + "    rest_url: http://127.0.0.1:" + port + "\n"
                + "    ws_url: ws://127.0.0.1:" + (port + 1000) + "\n"
                + "    api_key_env: OPENALGO_KEY_MAIN\n";
    }

    private void assertRefused(String text, String lineNeedle, String field, String problem) throws IOException {
        assertRefused(text, ENV, KeyNeeds.EVERY_ACCOUNT, lineNeedle, 1, field, problem);
    }

    private void assertRefused(String text, String lineNeedle, int occurrence, String field, String problem)
            throws IOException {
        assertRefused(text, ENV, KeyNeeds.EVERY_ACCOUNT, lineNeedle, occurrence, field, problem);
    }

    private void assertRefused(String text, Map<String, String> env, String lineNeedle, String field, String problem)
            throws IOException {
        assertRefused(text, env, KeyNeeds.EVERY_ACCOUNT, lineNeedle, 1, field, problem);
    }

    /** The message names file, line and field and says what is wrong; no key is in it or in any cause's. */
    private void assertRefused(String text, Map<String, String> env, KeyNeeds keys, String lineNeedle,
                               int occurrence, String field, String problem) throws IOException {
        Path file = write(text);
        assertThatThrownBy(() -> AccountsFile.read(file, env, keys))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ", line " + lineOf(text, lineNeedle, occurrence) + ", " + field + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(MAIN_KEY).doesNotContain(FILE_KEY);
                        assertThat(t.toString()).doesNotContain(MAIN_KEY).doesNotContain(FILE_KEY);
                    }
                });
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), text);
    }

    private Path keyFile(String name, String content, String permissions) throws IOException {
        Path key = dir.resolve(name);
        Files.deleteIfExists(key);
        Files.writeString(key, content);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));
        return key;
    }

    private static int lineOf(String text, String needle, int occurrence) {
        String[] lines = text.split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if ((lines[i] + "\n").contains(needle) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in file");
    }
}
