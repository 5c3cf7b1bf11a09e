package io.optionchain.simulator;

/**
 * One OpenAlgo server the simulator plays, as {@link SimulatedBrokers} is asked for it: OpenAlgo serves one
 * broker account per server, so an account is its own REST port, WebSocket port and API key.
 *
 * @param name     the account's name, unique among the simulator's accounts
 * @param broker   the broker it belongs to; accounts naming the same broker go down together
 * @param apiKey   the one key the account accepts, in REST bodies and WS authenticate
 * @param restPort port of its REST API ({@code /api/v1/...} and {@code /sim/...}); 0 picks a free one
 * @param wsPort   port of its market-data WebSocket (served at path "/"); 0 picks a free one
 */
public record AccountSpec(String name, String broker, String apiKey, int restPort, int wsPort) {

    public AccountSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account name must be set");
        }
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException("account '" + name + "' needs a broker");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("account '" + name + "' needs an apiKey");
        }
        port(name, "restPort", restPort);
        port(name, "wsPort", wsPort);
    }

    /** Masks the key: this record's toString may reach a log. */
    @Override
    public String toString() {
        return "AccountSpec[name=" + name + ", broker=" + broker + ", apiKey=****, restPort=" + restPort
                + ", wsPort=" + wsPort + "]";
    }

    private static void port(String name, String field, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("account '" + name + "' " + field + " must be 0..65535, got " + port);
        }
    }
}
