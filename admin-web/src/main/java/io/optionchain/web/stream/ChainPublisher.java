package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.gateway.FeedStatus;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.config.DashboardSettings;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.LiveChainJson;
import io.optionchain.web.json.StatusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Publishes chains to SSE clients at a fixed rate, off the engine: a thread of its own wakes
 * {@code updates_per_second} times a second, and for each chain someone watches and whose underlying has
 * ticked since (the activity counter the ring's last stage keeps), reads one snapshot out of chain state and
 * offers one event to every watcher's bounded queue. However fast ticks come, a client gets at most that
 * many events a second per chain, and the ring never does any work for a dashboard.
 *
 * <p>Events: {@code chain} (the whole chain: first on every connection, and whenever ATM moves) and
 * {@code update} (header, metrics and only the rows that changed), each with an id that counts the chain's
 * published states; {@code status} on the status stream whenever the feed connection changes.
 */
public final class ChainPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainPublisher.class);

    private final ChainBook book;
    private final Supplier<FeedStatus> feed;
    private final DashboardSettings settings;
    private final Clock clock;
    private final LiveChainJson frames;
    private final Map<OptionChain, Topic> topics = new ConcurrentHashMap<>();
    private final List<StreamClient> statusClients = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chain-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final List<StreamClient> riskClients = new CopyOnWriteArrayList<>();
    private RiskDecisions decisions;
    private Supplier<Map<String, Object>> positions;
    private StreamEvent lastPositions;
    private String lastPositionsText;
    private long riskSequence;
    private volatile StreamEvent lastStatus;
    private String lastStatusKey;
    private long statusSequence;

    public ChainPublisher(ChainBook book, Supplier<FeedStatus> feed, DashboardSettings settings, Clock clock) {
        this.book = book;
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
        this.frames = new LiveChainJson(settings.thresholds());
    }

    /**
     * Also streams positions (whenever their JSON changes, at most at the chain rate) and every risk decision
     * ({@code GET /api/positions/stream}). Call before {@link #start}.
     */
    public ChainPublisher withRisk(RiskDecisions riskDecisions, Supplier<Map<String, Object>> positionsJson) {
        this.decisions = riskDecisions;
        this.positions = positionsJson;
        return this;
    }

    public ChainPublisher start() {
        long period = Math.max(1, 1_000_000 / settings.updatesPerSecond());
        // a fixed delay, not a fixed rate: a late cycle is never followed by a burst of catch-up events
        scheduler.scheduleWithFixedDelay(this::publishGuarded, period, period, TimeUnit.MICROSECONDS);
        return this;
    }

    /** Takes a connection slot; false when {@code max_clients} are connected. Give it back with the stream's end. */
    boolean reserve() {
        if (connections.incrementAndGet() > settings.maxClients()) {
            connections.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Streams {@code chain} on {@code ctx} until the client goes: the whole chain first, then updates. Blocks. */
    void streamChain(OptionChain chain, Context ctx) {
        StreamClient client = new StreamClient(settings.clientQueueEvents());
        Topic topic = topics.computeIfAbsent(chain, Topic::new);
        try {
            synchronized (topic) {
                client.offer(topic.whole(this, client));
                topic.clients.add(client);
            }
            client.writeUntilClosed(ctx);
        } finally {
            topic.clients.remove(client);
            connections.decrementAndGet();
        }
    }

    /** Streams connection changes on {@code ctx} until the client goes: the current state first. Blocks. */
    void streamStatus(Context ctx) {
        StreamClient client = new StreamClient(settings.clientQueueEvents());
        try {
            synchronized (statusClients) {
                client.offer(lastStatus != null ? lastStatus : statusEvent(feed.get()));
                statusClients.add(client);
            }
            client.writeUntilClosed(ctx);
        } finally {
            statusClients.remove(client);
            connections.decrementAndGet();
        }
    }

    /** Streams positions and risk decisions on {@code ctx} until the client goes: the positions first. Blocks. */
    void streamRisk(Context ctx) {
        StreamClient client = new StreamClient(settings.clientQueueEvents());
        try {
            synchronized (riskClients) {
                if (lastPositions == null) {
                    lastPositionsText = JsonText.of(positions.get());
                    lastPositions = new StreamEvent("positions", lastPositionsText, String.valueOf(++riskSequence));
                }
                client.offer(lastPositions);
                riskClients.add(client);
            }
            client.writeUntilClosed(ctx);
        } finally {
            riskClients.remove(client);
            connections.decrementAndGet();
        }
    }

    boolean streamsRisk() {
        return positions != null;
    }

    public int clients() {
        return connections.get();
    }

    /** Clients dropped because their queue was full. */
    public long droppedClients() {
        return dropped.get();
    }

    /** Events offered to clients, counted once per client. */
    public long events() {
        return events.get();
    }

    private void publishGuarded() {
        try {
            publish();
        } catch (RuntimeException e) {
            // a bad cycle must not end the schedule: the next one may well succeed
            LOG.error("publishing chains failed", e);
        }
    }

    void publish() {
        for (Topic topic : topics.values()) {
            if (topic.clients.isEmpty()) {
                continue;
            }
            long ticks = book.activity(topic.chain.underlying().name()).ticks();
            if (ticks == topic.seenTicks) {
                continue;
            }
            synchronized (topic) {
                topic.seenTicks = ticks;
                topic.publishNext(this);
            }
        }
        if (positions != null) {
            publishRisk();
        }
        FeedStatus status = feed.get();
        String key = status.state() + "|" + status.detail() + "|" + status.reconnects();
        if (!key.equals(lastStatusKey)) {
            lastStatusKey = key;
            synchronized (statusClients) {
                StreamEvent event = statusEvent(status);
                lastStatus = event;
                fanOut(statusClients, event);
            }
        }
    }

    private void publishRisk() {
        synchronized (riskClients) {
            if (riskClients.isEmpty()) {
                // nobody watching: no snapshot of every position each cycle; decisions stay in the audit file
                decisions.drain();
                lastPositions = null;
                lastPositionsText = null;
                return;
            }
            for (String decision : decisions.drain()) {
                fanOut(riskClients, new StreamEvent("decision", decision, String.valueOf(++riskSequence)));
            }
            String text = JsonText.of(positions.get());
            if (!text.equals(lastPositionsText)) {
                lastPositionsText = text;
                lastPositions = new StreamEvent("positions", text, String.valueOf(++riskSequence));
                fanOut(riskClients, lastPositions);
            }
        }
    }

    private void fanOut(List<StreamClient> clients, StreamEvent event) {
        for (StreamClient client : clients) {
            deliver(clients, client, event);
        }
    }

    /** Queues {@code event} for {@code client}, or drops the client when its queue is full. Never waits. */
    private void deliver(List<StreamClient> clients, StreamClient client, StreamEvent event) {
        if (client.offer(event)) {
            events.incrementAndGet();
        } else if (clients.remove(client)) {
            dropped.incrementAndGet();
            client.close();
            LOG.warn("dropped a slow SSE client: {} events queued and unread", settings.clientQueueEvents());
        }
    }

    private StreamEvent statusEvent(FeedStatus status) {
        return new StreamEvent("status", JsonText.of(StatusJson.feedChange(status, clock.instant())),
                String.valueOf(++statusSequence));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        topics.values().forEach(topic -> topic.clients.forEach(StreamClient::close));
        statusClients.forEach(StreamClient::close);
        riskClients.forEach(StreamClient::close);
    }

    /** One chain's watchers and the last state they were sent; guarded by its own monitor. */
    private static final class Topic {
        final OptionChain chain;
        final List<StreamClient> clients = new CopyOnWriteArrayList<>();
        long seenTicks = -1;
        long sequence;
        Map<String, Object> published;

        Topic(OptionChain chain) {
            this.chain = chain;
        }

        /** The whole chain as of now, for a new watcher; the first becomes the baseline later updates diff against. */
        StreamEvent whole(ChainPublisher publisher, StreamClient client) {
            Map<String, Object> json = publisher.snapshot(chain);
            if (published == null) {
                published = json;
                seenTicks = publisher.book.activity(chain.underlying().name()).ticks();
            }
            client.window(json.get("atm_strike"));
            return new StreamEvent("chain", JsonText.of(json), String.valueOf(sequence));
        }

        /**
         * Sends what changed since the last cycle: the rows that changed to a client whose table shows the same
         * window, the whole chain to one whose table does not (ATM moved, or moved back since it joined).
         */
        void publishNext(ChainPublisher publisher) {
            Map<String, Object> json = publisher.snapshot(chain);
            Object atm = json.get("atm_strike");
            Map<String, Object> diff = ChainFrames.sameAtm(published, json) ? ChainFrames.diff(published, json) : null;
            if (diff == null && ChainFrames.sameAtm(published, json) && clients.stream().allMatch(c -> c.shows(atm))) {
                return; // nothing changed for anyone
            }
            published = json;
            String id = String.valueOf(++sequence);
            StreamEvent update = diff == null ? null : new StreamEvent("update", JsonText.of(diff), id);
            StreamEvent whole = null;
            for (StreamClient client : clients) {
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
                publisher.deliver(clients, client, event);
            }
        }
    }

    private Map<String, Object> snapshot(OptionChain chain) {
        Instant now = clock.instant();
        return frames.of(chain.snapshot(ZonedDateTime.ofInstant(now, ExpiryDates.EXCHANGE_ZONE)),
                ChainSelector.expiries(book.chains(chain.underlying().name())), chain.underlying().lotSize(), now);
    }
}
