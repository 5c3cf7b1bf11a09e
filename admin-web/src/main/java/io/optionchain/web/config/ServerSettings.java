package io.optionchain.web.config;

/**
 * The HTTP server.
 *
 * @param host  interface to bind; 127.0.0.1 keeps the API off the network unless a person says otherwise
 * @param port  TCP port; 0 picks a free one (tests)
 * @param token bearer token for every request that changes state; empty: the environment variable
 *              {@code OPTIONCHAIN_API_TOKEN}, else one generated into the data directory on first start.
 *              A secret: never printed (see {@link #toString()})
 */
public record ServerSettings(String host, int port, String token) {
    /** Shortest token accepted: a guessable token protects nothing. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be set, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        token = token == null ? "" : token.strip();
        if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token must be empty (generated) or at least " + MIN_TOKEN_LENGTH
                    + " characters, got " + token.length());
        }
    }

    public ServerSettings(String host, int port) {
        this(host, port, "");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", token=" + (token.isEmpty() ? "generated" : "****")
                + "]";
    }
}
