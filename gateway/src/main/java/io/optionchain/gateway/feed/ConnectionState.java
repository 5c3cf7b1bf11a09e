package io.optionchain.gateway.feed;

/** Where a {@link MarketDataClient} is in its connection's life, as {@link FeedStatus} reports it. */
public enum ConnectionState {
    /** Not connected: not yet started, closed, or waiting out a reconnect backoff. */
    DISCONNECTED,
    /** Opening the WebSocket. */
    CONNECTING,
    /** Connected, the authenticate request sent, waiting for the reply. */
    AUTHENTICATING,
    /** Authenticated; subscriptions are live. */
    CONNECTED,
    /** The server rejected the API key; the client stops rather than retry a key that cannot work. */
    FAILED
}
