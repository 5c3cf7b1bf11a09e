package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.PositionJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The positions topic of the {@link StreamHub}'s three. Events:
 * <ul>
 *   <li>{@code positions}: the whole book, {@code {"positions":[…],"strategies":[…],"greeks":{…}}} as
 *       {@code GET /api/positions} gives it; the first event of every connection (a reconnecting client's too,
 *       whatever its {@code Last-Event-ID}), and only then.</li>
 *   <li>{@code positions-changed}: what changed since the cycle before, at most once a cycle and only when
 *       something did: {@code {"positions":[…]}} with each position whose JSON changed (or that is new) whole,
 *       {@code "removed":[ids]} for those that left memory, {@code "strategies":[…]} and the book's
 *       {@code "greeks":{…}} when the P&amp;L or Greeks per strategy changed. A client applies it to the book it
 *       holds.</li>
 *   <li>{@code decision}: each risk decision, before the same cycle's changes; at most half a client's queue of them
 *       a cycle, oldest first, so a burst (many stops reached at once, hundreds of positions opened in a second) is
 *       spread over the next cycles instead of overflowing every client's queue and having it dropped as slow.
 *       Decisions made while nobody watched stay in the audit file only.</li>
 * </ul>
 * Every event's id counts up across the three. Ended positions no longer move with the market, so a book of
 * thousands of them costs a quiet stream nothing; their JSON is not even written again. Nothing is read while
 * nobody watches.
 */
public final class PositionsPublisher implements StreamHub.Publisher {
    private final RiskDecisions decisions;
    private final Supplier<List<Position>> positions;
    private final Function<List<Position>, List<StrategyPnl>> strategies;
    private final Watchers watchers;
    /** Decisions sent a cycle: with the cycle's change, half a client's queue, which a live client empties first. */
    private final int decisionsPerCycle;
    /** Each position as last published, by id; null while nobody watches. Guarded by the watchers' monitor. */
    private Map<Long, Published> published;
    private String publishedStrategies;
    /** The book's net Greeks as last sent: the strategies' sum, so they change only with them. */
    private String publishedGreeks;
    private long sequence;

    /** A position's JSON as last sent, and whether it had ended (its JSON can no longer change). */
    private record Published(String json, boolean ended) {
    }

    /**
     * @param positions  the desk's positions, read on the hub's thread and on a newcomer's
     * @param strategies the desk's P&amp;L per strategy over the positions just read, so one cycle prices the book once
     */
    public PositionsPublisher(RiskDecisions decisions, Supplier<List<Position>> positions,
                              Function<List<Position>, List<StrategyPnl>> strategies, StreamHub hub) {
        this.decisions = decisions;
        this.positions = positions;
        this.strategies = strategies;
        this.watchers = hub.watchers();
        this.decisionsPerCycle = Math.max(1, watchers.queueEvents() / 2 - 1);
    }

    /** Streams positions and risk decisions on {@code ctx} until the client goes: the whole book first. Blocks. */
    void stream(Context ctx) {
        watchers.serve(ctx, client -> {
            if (published == null) {
                published = new TreeMap<>();
                changes();   // the baseline the next cycle's changes are taken against
                decisions.drain();   // made while nobody watched: the audit file has them, the book shows their effect
            }
            List<String> book = published.values().stream().map(Published::json).toList();
            return new StreamEvent("positions", JsonText.of(PositionJson.book(book, publishedStrategies,
                    publishedGreeks)),
                    String.valueOf(++sequence));
        });
    }

    @Override
    public void publish() {
        synchronized (watchers) {
            if (watchers.isEmpty() || published == null) {
                // nobody watching: no snapshot of every position each cycle; decisions stay in the audit file
                decisions.drain();
                published = null;
                publishedStrategies = null;
                publishedGreeks = null;
                return;
            }
            for (String decision : decisions.drain(decisionsPerCycle)) {
                watchers.fanOut(new StreamEvent("decision", decision, String.valueOf(++sequence)));
            }
            String changes = changes();
            if (changes != null) {
                watchers.fanOut(new StreamEvent("positions-changed", changes, String.valueOf(++sequence)));
            }
        }
    }

    @Override
    public void close() {
        watchers.close();
    }

    /** Makes the book as of now the one published, and returns what changed in it as JSON; null when nothing did. */
    private String changes() {
        List<String> changed = new ArrayList<>();
        Map<Long, Published> now = new TreeMap<>();
        List<Position> book = positions.get();
        for (Position position : book) {
            Published before = published.get(position.id());
            boolean ended = position.state() == PositionState.CLOSED || position.state() == PositionState.CANCELLED;
            if (before != null && before.ended() && ended) {
                now.put(position.id(), before);
                continue;
            }
            String json = JsonText.of(PositionJson.position(position));
            if (before == null || !before.json().equals(json)) {
                changed.add(json);
            }
            now.put(position.id(), new Published(json, ended));
        }
        List<Long> removed = published.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        List<StrategyPnl> pnl = strategies.apply(book);
        String strategyJson = JsonText.of(PositionJson.strategies(pnl));
        boolean strategiesChanged = !strategyJson.equals(publishedStrategies);
        published = now;
        publishedStrategies = strategyJson;
        publishedGreeks = JsonText.of(PositionJson.totalGreeks(pnl));
        if (changed.isEmpty() && removed.isEmpty() && !strategiesChanged) {
            return null;
        }
        return JsonText.of(PositionJson.changes(changed, removed, strategiesChanged ? strategyJson : null,
                publishedGreeks));
    }
}
