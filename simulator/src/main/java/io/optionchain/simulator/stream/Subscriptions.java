package io.optionchain.simulator.stream;

import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sessions want which symbol, published as an immutable snapshot so the tick publisher reads it
 * without a lock. Changes (subscribe, unsubscribe, disconnect) are rare and rebuild the snapshot.
 * Which modes a session wants is the session's own business ({@link ClientSession}).
 */
public final class Subscriptions {
    /** A symbol and every session subscribed to it in any mode. */
    record Route(SimulatedSymbol symbol, ClientSession[] sessions) {
    }

    private static final ClientSession[] NONE = new ClientSession[0];

    private final Map<SimulatedSymbol, Set<ClientSession>> bySymbol = new LinkedHashMap<>();
    /**
     * Options with working orders, and how many order desks watch each (one per account holding orders
     * in it): they must keep ticking to fill, whether or not anyone subscribed.
     */
    private final Map<SimulatedSymbol, Integer> watched = new LinkedHashMap<>();
    private volatile List<Route> options = List.of();
    private volatile Route[] indices = emptyIndexRoutes();
    private volatile ClientSession[] sessions = NONE;

    /** Options with at least one subscriber, in first-subscribed order, then watched ones nobody subscribed. */
    List<Route> options() {
        return options;
    }

    /** Every session subscribed to anything, each once. */
    ClientSession[] sessions() {
        return sessions;
    }

    /** The index's route; always present, with no sessions when nobody subscribed. */
    Route index(SimulatedIndex index) {
        return indices[index.ordinal()];
    }

    synchronized void attach(ClientSession session, Collection<SimulatedSymbol> symbols) {
        for (SimulatedSymbol symbol : symbols) {
            bySymbol.computeIfAbsent(symbol, s -> new LinkedHashSet<>()).add(session);
        }
        publish();
    }

    synchronized void detach(ClientSession session, Collection<SimulatedSymbol> symbols) {
        for (SimulatedSymbol symbol : symbols) {
            Set<ClientSession> sessions = bySymbol.get(symbol);
            if (sessions != null && sessions.remove(session) && sessions.isEmpty()) {
                bySymbol.remove(symbol);
            }
        }
        publish();
    }

    /** Keeps an option ticking, with or without subscribers, until every desk that watched it unwatches. */
    public synchronized void watch(SimulatedSymbol symbol) {
        if (!symbol.isIndex() && watched.merge(symbol, 1, Integer::sum) == 1) {
            publish();
        }
    }

    public synchronized void unwatch(SimulatedSymbol symbol) {
        if (watched.containsKey(symbol)
                && watched.computeIfPresent(symbol, (s, watchers) -> watchers == 1 ? null : watchers - 1) == null) {
            publish();
        }
    }

    synchronized void detachEverywhere(ClientSession session) {
        bySymbol.values().removeIf(sessions -> sessions.remove(session) && sessions.isEmpty());
        publish();
    }

    private void publish() {
        List<Route> optionRoutes = new ArrayList<>();
        Route[] indexRoutes = emptyIndexRoutes();
        Set<ClientSession> subscribers = new LinkedHashSet<>();
        bySymbol.forEach((symbol, symbolSessions) -> {
            subscribers.addAll(symbolSessions);
            Route route = new Route(symbol, symbolSessions.toArray(NONE));
            if (symbol.isIndex()) {
                indexRoutes[symbol.index().ordinal()] = route;
            } else {
                optionRoutes.add(route);
            }
        });
        for (SimulatedSymbol symbol : watched.keySet()) {
            if (!bySymbol.containsKey(symbol)) {
                optionRoutes.add(new Route(symbol, NONE));
            }
        }
        options = List.copyOf(optionRoutes);
        indices = indexRoutes;
        sessions = subscribers.toArray(NONE);
    }

    private static Route[] emptyIndexRoutes() {
        Route[] routes = new Route[SimulatedIndex.values().length];
        for (SimulatedIndex index : SimulatedIndex.values()) {
            routes[index.ordinal()] = new Route(SimulatedSymbol.index(index), NONE);
        }
        return routes;
    }
}
