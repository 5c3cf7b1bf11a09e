package io.optionchain.gateway.feed.pool;

import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.ReconnectReport;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link MarketDataPool}'s connections as one {@link FeedStatus}, the {@code total} of its {@link PoolStatus}:
 * counters summed over every socket, the state of the worst connection (a hot standby pair is as good as its better
 * socket), its symbols counted once a connection, the latest recovery, and a detail naming the troubled sockets.
 */
final class PoolTotals {
    private PoolTotals() {
    }

    /** @param byConnection each connection's sockets, its primary first */
    static FeedStatus sum(String account, List<List<FeedStatus>> byConnection) {
        if (byConnection.isEmpty()) {
            return new FeedStatus(account, account, ConnectionState.DISCONNECTED, "no connection opened yet", 0, 0,
                    0, 0, 0, 0, 0, 0, 0, Map.of(), null);
        }
        ConnectionState worst = ConnectionState.CONNECTED;
        long frames = 0, ticks = 0, malformed = 0, oversized = 0, unknown = 0, dropped = 0, reconnects = 0;
        long lastTick = 0;
        int symbols = 0;
        Map<String, String> failed = new HashMap<>();
        ReconnectReport recovery = null;
        Map<ConnectionState, Integer> byState = new EnumMap<>(ConnectionState.class);
        StringBuilder trouble = new StringBuilder();
        for (List<FeedStatus> sockets : byConnection) {
            ConnectionState state = sockets.get(0).state();
            for (FeedStatus socket : sockets) {
                state = PooledConnection.pairState(state, socket.state());
            }
            if (badness(state) > badness(worst)) {
                worst = state;
            }
            byState.merge(state, 1, Integer::sum);
            symbols += sockets.get(0).subscribedSymbols();
        }
        for (FeedStatus s : byConnection.stream().flatMap(List::stream).toList()) {
            if (s.state() != ConnectionState.CONNECTED) {
                trouble.append("; ").append(s.connection()).append(": ").append(s.detail());
            }
            frames += s.frames();
            ticks += s.ticks();
            malformed += s.malformed();
            oversized += s.oversized();
            unknown += s.unknownSymbols();
            dropped += s.dropped();
            reconnects += s.reconnects();
            lastTick = Math.max(lastTick, s.lastTickEpochMillis());
            failed.putAll(s.failedSubscriptions());
            if (s.lastRecovery() != null && (recovery == null
                    || s.lastRecovery().recoveredAt().isAfter(recovery.recoveredAt()))) {
                recovery = s.lastRecovery();
            }
        }
        int connections = byConnection.size();
        String detail = connections + (connections == 1 ? " connection " : " connections ") + byState
                .toString().toLowerCase(Locale.ROOT) + trouble;
        return new FeedStatus(account, account, worst, detail, frames, ticks, malformed, oversized, unknown, dropped,
                reconnects, lastTick, symbols, failed, recovery);
    }

    private static int badness(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> 0;
            case AUTHENTICATING -> 1;
            case CONNECTING -> 2;
            case DISCONNECTED -> 3;
            case FAILED -> 4;
        };
    }
}
