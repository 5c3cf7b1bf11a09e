package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.web.json.JsonText;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The positions topic of the {@link StreamHub}'s three: every risk decision as a {@code decision} event, and
 * the positions as a {@code positions} event whenever their JSON changes, at most once a cycle. Positions are
 * only snapshotted while someone watches; a first watcher gets a fresh snapshot with its own event id.
 */
public final class PositionsPublisher implements StreamHub.Publisher {
    private final RiskDecisions decisions;
    private final Supplier<Map<String, Object>> positions;
    private final Watchers watchers;
    private StreamEvent lastPositions;
    private String lastPositionsText;
    private long sequence;

    /** @param positions the positions' JSON, read on the hub's thread and on a newcomer's */
    public PositionsPublisher(RiskDecisions decisions, Supplier<Map<String, Object>> positions, StreamHub hub) {
        this.decisions = decisions;
        this.positions = positions;
        this.watchers = hub.watchers();
    }

    /** Streams positions and risk decisions on {@code ctx} until the client goes: the positions first. Blocks. */
    void stream(Context ctx) {
        watchers.serve(ctx, client -> {
            if (lastPositions == null) {
                lastPositionsText = JsonText.of(positions.get());
                lastPositions = new StreamEvent("positions", lastPositionsText, String.valueOf(++sequence));
            }
            return lastPositions;
        });
    }

    @Override
    public void publish() {
        synchronized (watchers) {
            if (watchers.isEmpty()) {
                // nobody watching: no snapshot of every position each cycle; decisions stay in the audit file
                decisions.drain();
                lastPositions = null;
                lastPositionsText = null;
                return;
            }
            for (String decision : decisions.drain()) {
                watchers.fanOut(new StreamEvent("decision", decision, String.valueOf(++sequence)));
            }
            String text = JsonText.of(positions.get());
            if (!text.equals(lastPositionsText)) {
                lastPositionsText = text;
                lastPositions = new StreamEvent("positions", text, String.valueOf(++sequence));
                watchers.fanOut(lastPositions);
            }
        }
    }

    @Override
    public void close() {
        watchers.close();
    }
}
