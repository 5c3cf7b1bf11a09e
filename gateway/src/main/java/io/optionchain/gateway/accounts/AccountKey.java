package io.optionchain.gateway.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An account's API key as it stands now. A key read from a file can be read again: when OpenAlgo refuses a key
 * and the operator puts the account's new one in its file, the account is tried again without a restart. A key
 * from an environment variable cannot change while the process runs. Never shown: {@link #toString()} masks it.
 */
public final class AccountKey implements Supplier<String> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountKey.class);

    private final String account;
    private final Supplier<String> source;
    private volatile String current;

    private AccountKey(String account, String key, Supplier<String> source) {
        this.account = account;
        this.current = Objects.requireNonNull(key, "key");
        this.source = source;
    }

    /** A key that stays what it is (from the environment, or given in code). */
    public static AccountKey fixed(String key) {
        return new AccountKey("", key, null);
    }

    /**
     * A key read now from {@code source}, and again by {@link #reload()}.
     *
     * @param source reads the key; throws {@link IllegalArgumentException} with words that never hold the key
     */
    public static AccountKey reading(String account, Supplier<String> source) {
        return new AccountKey(account, source.get(), source);
    }

    @Override
    public String get() {
        return current;
    }

    /**
     * Reads the key's place again.
     *
     * @return true when it now holds a different key, which from here on is the one every new request and
     *         connection of the account takes
     */
    public boolean reload() {
        if (source == null) {
            return false;
        }
        String read;
        try {
            read = source.get();
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot read the key of account {} again: {}", account, e.getMessage());
            return false;
        }
        if (read.equals(current)) {
            return false;
        }
        current = read;
        LOG.info("the key of account {} changed", account);
        return true;
    }

    /** Whether {@link #reload()} can ever find a new key. */
    public boolean changeable() {
        return source != null;
    }

    @Override
    public String toString() {
        return "****";
    }
}
