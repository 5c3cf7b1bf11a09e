package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountProfile;

import java.util.Objects;

/**
 * Where one account's OpenAlgo server answers and the key it takes. OpenAlgo serves one broker account per
 * server, so an account is an endpoint. The key never leaves this record in words: {@link #toString()} masks it.
 *
 * @param restUrl {@code http(s)://host:port}; the API lives under {@code /api/v1/}
 * @param wsUrl   {@code ws(s)://host:port} of the market-data WebSocket
 */
public record AccountEndpoint(AccountProfile profile, String restUrl, String wsUrl, String apiKey) {
    public AccountEndpoint {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    public String name() {
        return profile.name();
    }

    @Override
    public String toString() {
        return "AccountEndpoint[" + profile + ", restUrl=" + restUrl + ", wsUrl=" + wsUrl + ", apiKey=****]";
    }
}
