package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.engine.lifecycle.LifecycleStatus;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.MarketJson;
import io.optionchain.web.json.StatusJson;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The status topic of the {@link StreamHub}'s three: a {@code status} event whenever the feed connection's
 * state, detail or reconnect count changes, or the market's session or the lifecycle's state does, the current
 * one first on every connection. The market rides along so the page can say "closed" rather than show a dead
 * feed.
 */
public final class StatusPublisher implements StreamHub.Publisher {
    private final Supplier<FeedStatus> feed;
    private final Supplier<LifecycleStatus> market;
    private final Clock clock;
    private final Watchers watchers;
    private volatile StreamEvent last;
    private String lastKey;
    private long sequence;

    public StatusPublisher(Supplier<FeedStatus> feed, Clock clock, StreamHub hub) {
        this(feed, null, clock, hub);
    }

    /** @param market the lifecycle's status; null where no lifecycle runs */
    public StatusPublisher(Supplier<FeedStatus> feed, Supplier<LifecycleStatus> market, Clock clock, StreamHub hub) {
        this.feed = feed;
        this.market = market;
        this.clock = clock;
        this.watchers = hub.watchers();
    }

    /** Streams connection changes on {@code ctx} until the client goes: the current state first. Blocks. */
    void stream(Context ctx) {
        watchers.serve(ctx, client -> last != null ? last : event(feed.get()));
    }

    @Override
    public void publish() {
        FeedStatus status = feed.get();
        String key = status.state() + "|" + status.detail() + "|" + status.reconnects();
        if (market != null) {
            LifecycleStatus now = market.get();
            key += "|" + now.session() + "|" + now.state() + "|" + now.cause();
        }
        if (!key.equals(lastKey)) {
            lastKey = key;
            synchronized (watchers) {
                StreamEvent event = event(status);
                last = event;
                watchers.fanOut(event);
            }
        }
    }

    @Override
    public void close() {
        watchers.close();
    }

    private StreamEvent event(FeedStatus status) {
        Map<String, Object> json = StatusJson.feedChange(status, clock.instant());
        if (market != null) {
            json.put("market", MarketJson.of(market.get()));
        }
        return new StreamEvent("status", JsonText.of(json), String.valueOf(++sequence));
    }
}
