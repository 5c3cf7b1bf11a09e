package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.LiveChainJson;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chain topic of the {@link StreamHub}'s three: on each cycle, for each chain someone watches and whose
 * underlying has ticked since (the activity counter the ring's last stage keeps), reads one snapshot out of
 * chain state and offers one event to every watcher.
 *
 * <p>Events: {@code chain} (the whole chain: first on every connection, and whenever ATM moves) and
 * {@code update} (header, metrics and only the rows that changed), each with an id that counts the chain's
 * published states.
 */
public final class ChainPublisher implements StreamHub.Publisher {
    private final ChainBook book;
    private final Clock clock;
    private final LiveChainJson frames;
    private final StreamHub hub;
    private final Map<OptionChain, Topic> topics = new ConcurrentHashMap<>();

    public ChainPublisher(ChainBook book, ExecutionThresholds thresholds, Clock clock, StreamHub hub) {
        this.book = book;
        this.clock = clock;
        this.frames = new LiveChainJson(thresholds);
        this.hub = hub;
    }

    /** Streams {@code chain} on {@code ctx} until the client goes: the whole chain first, then updates. Blocks. */
    void stream(OptionChain chain, Context ctx) {
        Topic topic = topics.computeIfAbsent(chain, c -> new Topic(c, hub.watchers()));
        topic.watchers.serve(ctx, topic::whole);
    }

    @Override
    public void publish() {
        for (Topic topic : topics.values()) {
            if (topic.watchers.isEmpty()) {
                continue;
            }
            long ticks = ticks(topic.chain);
            if (ticks == topic.seenTicks) {
                continue;
            }
            synchronized (topic.watchers) {
                topic.seenTicks = ticks;
                topic.publishNext();
            }
        }
    }

    @Override
    public void close() {
        topics.values().forEach(topic -> topic.watchers.close());
    }

    private long ticks(OptionChain chain) {
        return book.activity(chain.underlying().name()).ticks();
    }

    private Map<String, Object> snapshot(OptionChain chain) {
        Instant now = clock.instant();
        return frames.of(chain.snapshot(ZonedDateTime.ofInstant(now, ExpiryDates.EXCHANGE_ZONE)),
                ChainSelector.expiries(book.chains(chain.underlying().name())), now);
    }

    /** One chain's watchers and the last state they were sent; guarded by the watchers' monitor. */
    private final class Topic {
        final OptionChain chain;
        final Watchers watchers;
        long seenTicks = -1;
        long sequence;
        Map<String, Object> published;

        Topic(OptionChain chain, Watchers watchers) {
            this.chain = chain;
            this.watchers = watchers;
        }

        /** The whole chain as of now, for a new watcher; the first becomes the baseline later updates diff against. */
        StreamEvent whole(StreamClient client) {
            Map<String, Object> json = snapshot(chain);
            if (published == null) {
                published = json;
                seenTicks = ticks(chain);
            }
            client.window(json.get("atm_strike"));
            return new StreamEvent("chain", JsonText.of(json), String.valueOf(sequence));
        }

        /**
         * Sends what changed since the last cycle: the rows that changed to a client whose table shows the same
         * window, the whole chain to one whose table does not (ATM moved, or moved back since it joined).
         */
        void publishNext() {
            Map<String, Object> json = snapshot(chain);
            Object atm = json.get("atm_strike");
            boolean sameAtm = ChainFrames.sameAtm(published, json);
            Map<String, Object> diff = sameAtm ? ChainFrames.diff(published, json) : null;
            if (diff == null && sameAtm && watchers.clients().stream().allMatch(c -> c.shows(atm))) {
                return; // nothing changed for anyone
            }
            published = json;
            String id = String.valueOf(++sequence);
            StreamEvent update = diff == null ? null : new StreamEvent("update", JsonText.of(diff), id);
            StreamEvent whole = null;
            for (StreamClient client : watchers.clients()) {
                StreamEvent event;
                if (update != null && client.shows(atm)) {
                    event = update;
                } else {
                    if (whole == null) {
                        whole = new StreamEvent("chain", JsonText.of(json), id);
                    }
                    event = whole;
                    client.window(atm);
                }
                watchers.deliver(client, event);
            }
        }
    }
}
