package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.gateway.accounts.AccountEndpoint;
import io.optionchain.gateway.accounts.AccountKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code config/accounts.yaml}, the OpenAlgo servers market data may come from, one broker account each,
 * into endpoints in the file's order. Beside {@link ConfigLoader}, which reads the rest of the config directory,
 * and in its words: every mistake is "file, line N, field: what is wrong". Keys come from the environment or
 * from files their owner alone may read ({@link AccountKeySource}); no message ever holds one.
 */
public final class AccountsFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern BROKER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

    private final Path file;
    private final Map<String, Integer> lines;

    private AccountsFile(Path file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /**
     * @param environment where {@code api_key_env} is looked up (the process's, given by its caller)
     * @param keys        {@link KeyNeeds#NONE} for the embedded market, whose keys the application makes
     * @return every account, in the file's order; with {@link KeyNeeds#NONE} each key is empty
     * @throws ConfigException naming the file, line and field of the first mistake
     */
    public static List<AccountEndpoint> read(Path file, Map<String, String> environment, KeyNeeds keys) {
        ConfigLoader loader = new ConfigLoader();
        Shape shape = loader.read(file, Shape.class);
        AccountsFile reading = new AccountsFile(file, loader.valueLines(file));
        if (shape.accounts() == null || shape.accounts().isEmpty()) {
            throw reading.refused("accounts", "list at least one account");
        }
        List<Entry> entries = shape.accounts();
        List<AccountEndpoint> accounts = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            accounts.add(reading.endpoint(i, entries.get(i), keys));
        }
        reading.checkNamesAndPrimary(accounts);
        if (keys == KeyNeeds.NONE) {
            reading.checkEmbeddedPorts(accounts);
            return List.copyOf(accounts);
        }
        // read only once the file is otherwise right, so a key is never looked up for a file about to be refused
        AccountKeySource source = new AccountKeySource(file, environment);
        List<AccountEndpoint> keyed = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            AccountEndpoint account = accounts.get(i);
            Entry entry = entries.get(i);
            String where = "accounts[" + i + "]";
            AccountKey key;
            try {
                // a key file is read again when the account's key is refused: the operator's new key is taken
                // without a restart; a variable cannot change under a running process
                key = entry.apiKeyEnv() != null ? AccountKey.fixed(source.fromEnvironment(entry.apiKeyEnv().strip()))
                        : AccountKey.reading(account.name(), () -> source.fromFile(entry.apiKeyFile().strip()));
            } catch (IllegalArgumentException e) {
                throw reading.refused(where + (entry.apiKeyEnv() != null ? ".api_key_env" : ".api_key_file"),
                        e.getMessage());
            }
            keyed.add(new AccountEndpoint(account.profile(), account.restUrl(), account.wsUrl(), key));
        }
        return List.copyOf(keyed);
    }

    private AccountEndpoint endpoint(int i, Entry entry, KeyNeeds keys) {
        String where = "accounts[" + i + "]";
        if (entry == null) {
            throw refused(where, "an empty entry; give name, broker, role, priority, rest_url, ws_url and a key");
        }
        String name = required(where + ".name", entry.name());
        if (!NAME.matcher(name).matches()) {
            throw refused(where + ".name", "must be letters, digits, '.', '_' or '-' (at most 64), got '" + name + "'");
        }
        String broker = required(where + ".broker", entry.broker());
        if (!BROKER.matcher(broker).matches()) {
            throw refused(where + ".broker", "must be the broker's id in lower case (letters, digits, '.', '_' or"
                    + " '-'), as in zerodha, got '" + broker + "'");
        }
        AccountRole role = switch (required(where + ".role", entry.role())) {
            case "primary" -> AccountRole.PRIMARY;
            case "backup" -> AccountRole.BACKUP;
            default -> throw refused(where + ".role", "must be primary or backup, got '" + entry.role().strip() + "'");
        };
        String priority = required(where + ".priority", entry.priority());
        if (!WHOLE.matcher(priority).matches()) {
            throw refused(where + ".priority", "must be a whole number, 0 or more, got '" + priority + "'");
        }
        String restUrl = url(where + ".rest_url", entry.restUrl(), "http", "https", "http://127.0.0.1:5000", keys);
        String wsUrl = url(where + ".ws_url", entry.wsUrl(), "ws", "wss", "ws://127.0.0.1:8765", keys);
        if (entry.apiKeyEnv() != null && entry.apiKeyFile() != null) {
            throw refused(where + ".api_key_file", "give api_key_env or api_key_file, not both");
        }
        if (keys == KeyNeeds.EVERY_ACCOUNT && entry.apiKeyEnv() == null && entry.apiKeyFile() == null) {
            throw refused(where, "no key: give api_key_env (an environment variable) or api_key_file (a file its"
                    + " owner alone may read)");
        }
        return new AccountEndpoint(new AccountProfile(name, broker, role, Integer.parseInt(priority)), restUrl, wsUrl,
                "");
    }

    /** The URL without a trailing '/', since the clients append their paths. */
    private String url(String field, String value, String scheme, String secureScheme, String example,
                       KeyNeeds keys) {
        String text = required(field, value);
        String shape = "must be " + scheme + ":// or " + secureScheme + ":// with a host, as in " + example;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused(field, shape + ", got '" + text + "'");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // what is there may be a key: say what is wrong, not what was written
            throw refused(field, "must not carry a user, password, query or fragment; the key goes in api_key_env or"
                    + " api_key_file (the value is not shown)");
        }
        if (!scheme.equals(uri.getScheme()) && !secureScheme.equals(uri.getScheme()) || uri.getHost() == null) {
            throw refused(field, shape + ", got '" + text + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw refused(field, "port must be 1..65535, got " + uri.getPort());
        }
        if (keys == KeyNeeds.NONE) {
            if (uri.getPort() < 0) {
                throw refused(field, "needs a port: the embedded account listens there");
            }
            String host = uri.getHost();
            if (!host.equalsIgnoreCase("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
                throw refused(field, "must be a loopback address (127.0.0.1 or localhost): the embedded market"
                        + " listens on loopback only");
            }
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private void checkNamesAndPrimary(List<AccountEndpoint> accounts) {
        Map<String, Integer> named = new HashMap<>();
        int primary = -1;
        for (int i = 0; i < accounts.size(); i++) {
            AccountProfile profile = accounts.get(i).profile();
            Integer earlier = named.putIfAbsent(profile.name(), i);
            if (earlier != null) {
                throw refused("accounts[" + i + "].name", "'" + profile.name() + "' is also accounts[" + earlier
                        + "]'s name; names must be unique");
            }
            if (profile.primary() && primary >= 0) {
                throw refused("accounts[" + i + "].role", "a second primary (accounts[" + primary + "] is primary);"
                        + " exactly one account is primary, the rest backup");
            }
            primary = profile.primary() ? i : primary;
        }
        if (primary < 0) {
            throw refused("accounts", "no account has role: primary; exactly one must, the rest backup");
        }
    }

    /** Each embedded account is a server of its own, so no two of the file's ports may be the same. */
    private void checkEmbeddedPorts(List<AccountEndpoint> accounts) {
        Map<Integer, String> taken = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            String[][] urls = {{"rest_url", accounts.get(i).restUrl()}, {"ws_url", accounts.get(i).wsUrl()}};
            for (String[] url : urls) {
                String field = "accounts[" + i + "]." + url[0];
                int port = URI.create(url[1]).getPort();
                String earlier = taken.putIfAbsent(port, field);
                if (earlier != null) {
                    throw refused(field, "port " + port + " is also " + earlier + "'s; each embedded account listens"
                            + " on ports of its own");
                }
            }
        }
    }

    private String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw refused(field, "missing a value");
        }
        return value.strip();
    }

    /** A mistake at {@code field} ("accounts[1].ws_url"), on its value's line, else on its account's first line. */
    private ConfigException refused(String field, String problem) {
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
        Integer line = lines.get(pointer);
        if (line == null) {
            String within = (field.contains(".") ? pointer.substring(0, pointer.lastIndexOf('/')) : pointer) + "/";
            line = lines.entrySet().stream().filter(e -> e.getKey().startsWith(within))
                    .map(Map.Entry::getValue).min(Integer::compare).orElse(0);
        }
        return new ConfigException(ConfigLoader.located(file, line, field, problem), null);
    }

    /** Shape of {@code accounts.yaml}. */
    record Shape(List<Entry> accounts) {
    }

    /**
     * One account as written. Every field is text, judged by {@link AccountsFile} so each mistake gets its own
     * words. The six in the constructor must be there; the two key fields may be left out (one of them is needed
     * unless {@link KeyNeeds#NONE}), which is why they are fields rather than a record's components.
     */
    static final class Entry {
        private final String name;
        private final String broker;
        private final String role;
        private final String priority;
        private final String restUrl;
        private final String wsUrl;
        @JsonProperty
        private String apiKeyEnv;
        @JsonProperty
        private String apiKeyFile;

        @JsonCreator
        Entry(@JsonProperty("name") String name, @JsonProperty("broker") String broker,
              @JsonProperty("role") String role, @JsonProperty("priority") String priority,
              @JsonProperty("rest_url") String restUrl, @JsonProperty("ws_url") String wsUrl) {
            this.name = name;
            this.broker = broker;
            this.role = role;
            this.priority = priority;
            this.restUrl = restUrl;
            this.wsUrl = wsUrl;
        }

        String name() {
            return name;
        }

        String broker() {
            return broker;
        }

        String role() {
            return role;
        }

        String priority() {
            return priority;
        }

        String restUrl() {
            return restUrl;
        }

        String wsUrl() {
            return wsUrl;
        }

        String apiKeyEnv() {
            return apiKeyEnv;
        }

        String apiKeyFile() {
            return apiKeyFile;
        }
    }
}
