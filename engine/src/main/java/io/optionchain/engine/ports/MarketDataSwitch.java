package io.optionchain.engine.ports;

/**
 * What the lifecycle turns on and off: the market-data connections and whether the subscriptions the chains
 * and positions want are sent. Subscriptions asked for while the switch is off are remembered, not lost, and
 * go out when it goes live. Implementations return at once; the work happens on their own threads.
 */
public interface MarketDataSwitch {
    /** Opens the connections and authenticates; sends no subscription until {@link #goLive()}. */
    void connect();

    /** Sends every remembered subscription and forwards later ones as they come. */
    void goLive();

    /**
     * Unsubscribes everything at the server and closes the connections, remembering what was wanted.
     *
     * @param why what status says of the feed until it connects again ("holiday: Christmas", "account lost")
     */
    void disconnect(String why);

    /** Where the connections stand. */
    Link link();

    enum LinkState {
        /** No connection open: before the connect time, after the clean-up, or after a refusal. */
        DOWN,
        /** Opening or authenticating. */
        CONNECTING,
        /** Authenticated. */
        AUTHENTICATED,
        /** The server refused the key: the account behind it cannot stream. */
        REFUSED
    }

    /** @param detail the server's words for a refusal, or what the connection is doing; never a key */
    record Link(LinkState state, String detail) {
        public static Link down() {
            return new Link(LinkState.DOWN, "");
        }
    }
}
