package io.optionchain.engine.ports;

/** OpenAlgo's market-data subscription modes, with their wire numbers. */
public enum FeedMode {
    LTP(1), QUOTE(2), DEPTH(3);

    private final int code;

    FeedMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
