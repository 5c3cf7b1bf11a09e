package io.optionchain.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link SimulatorMain}'s {@code --accounts name:broker:restPort:wsPort,...}: several OpenAlgo servers in
 * one process. Each account's key comes from the environment variable {@link #keyVariable} names (as
 * {@code config/accounts.yaml}'s {@code api_key_env} would name it), or is generated; keys are never
 * printed.
 */
final class AccountsOption {
    static final String FLAG = "--accounts";

    private AccountsOption() {
    }

    /** The accounts {@code args} ask for; empty when there is no {@code --accounts}, the one-account simulator. */
    static List<AccountSpec> parse(String[] args, Function<String, String> env, Supplier<String> newKey) {
        String value = null;
        boolean ports = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            value = FLAG.equals(args[i]) ? args[i + 1] : value;
            ports |= args[i].equals("--rest-port") || args[i].equals("--ws-port");
        }
        if (value == null) {
            return List.of();
        }
        if (ports) {
            throw new IllegalArgumentException(FLAG + " names each account's ports: leave out --rest-port and --ws-port");
        }
        List<AccountSpec> accounts = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String[] parts = item.strip().split(":", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException(FLAG + " takes name:broker:restPort:wsPort, comma-separated; got '"
                        + item + "'");
            }
            String key = env.apply(keyVariable(parts[0]));
            accounts.add(new AccountSpec(parts[0], parts[1], key == null || key.isBlank() ? newKey.get() : key.strip(),
                    port(item, parts[2]), port(item, parts[3])));
        }
        return accounts;
    }

    /** {@code OPENALGO_KEY_} and the name in capitals, every other character an underscore: zerodha-main → OPENALGO_KEY_ZERODHA_MAIN. */
    static String keyVariable(String account) {
        return "OPENALGO_KEY_" + account.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static int port(String item, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FLAG + " port must be a number, got '" + value + "' in '" + item + "'");
        }
    }
}
