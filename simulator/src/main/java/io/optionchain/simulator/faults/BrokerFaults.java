package io.optionchain.simulator.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one switch a whole broker shares: down or up. Every account of the broker joins it with its own way
 * of dropping its connections, so taking the broker down through any one account (or by the broker's
 * name) drops the market-data sockets of all of them, and each of them refuses REST and new sockets while
 * it stays down ({@link Faults#brokerDown(boolean)}).
 */
public final class BrokerFaults {
    private final String name;
    private final List<Runnable> dropConnections = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public BrokerFaults(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("broker name must be set");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** An account of this broker, by the way it aborts every one of its market-data connections. */
    void join(Runnable accountDropConnections) {
        dropConnections.add(accountDropConnections);
    }

    /** Down: every account's sockets go at once, as when the broker's gateway disappears. Up: all serve again. */
    public void down(boolean on) {
        down = on;
        if (on) {
            dropConnections.forEach(Runnable::run);
        }
    }

    public boolean isDown() {
        return down;
    }
}
