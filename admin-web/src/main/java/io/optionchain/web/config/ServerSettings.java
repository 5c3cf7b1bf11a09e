package io.optionchain.web.config;

/**
 * The HTTP server.
 *
 * @param host interface to bind; 127.0.0.1 keeps the API off the network unless a person says otherwise
 * @param port TCP port; 0 picks a free one (tests)
 */
public record ServerSettings(String host, int port) {
    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be set, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }
}
