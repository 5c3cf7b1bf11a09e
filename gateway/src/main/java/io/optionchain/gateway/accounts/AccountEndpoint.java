package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountProfile;

import java.util.Objects;

/**
 * Where one account's OpenAlgo server answers and the key it takes. OpenAlgo serves one broker account per
 * server, so an account is an endpoint. The key never leaves this record in words: {@link #toString()} masks it.
 * The key is the one its {@link AccountKey} holds now: one read from a file may change while the process runs.
 *
 * @param restUrl {@code http(s)://host:port}; the API lives under {@code /api/v1/}
 * @param wsUrl   {@code ws(s)://host:port} of the market-data WebSocket
 */
public record AccountEndpoint(AccountProfile profile, String restUrl, String wsUrl, AccountKey key) {
    public AccountEndpoint {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(key, "key");
    }

    public AccountEndpoint(AccountProfile profile, String restUrl, String wsUrl, String apiKey) {
        this(profile, restUrl, wsUrl, AccountKey.fixed(apiKey));
    }

    /** The key as it stands now. */
    public String apiKey() {
        return key.get();
    }

    public String name() {
        return profile.name();
    }

    @Override
    public String toString() {
        return "AccountEndpoint[" + profile + ", restUrl=" + restUrl + ", wsUrl=" + wsUrl + ", key=****]";
    }
}
