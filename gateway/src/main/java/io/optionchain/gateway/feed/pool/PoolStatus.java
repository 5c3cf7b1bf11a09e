package io.optionchain.gateway.feed.pool;

import io.optionchain.gateway.feed.FeedStatus;

import java.util.List;

/**
 * A {@link MarketDataPool} for dashboards: the account's feed as a whole, then each connection.
 *
 * @param total        every connection summed; its state is the worst connection's
 * @param connections  each connection, in the order opened
 * @param unplaced     symbols wanted but held by no connection (all full, no more allowed)
 * @param movedSymbols symbols moved to another connection after theirs was lost or refused them
 */
public record PoolStatus(FeedStatus total, List<FeedStatus> connections, List<String> unplaced, long movedSymbols) {

    public PoolStatus {
        connections = List.copyOf(connections);
        unplaced = List.copyOf(unplaced);
    }
}
