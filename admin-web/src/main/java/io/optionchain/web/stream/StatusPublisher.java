package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.StatusJson;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The status topic of the {@link StreamHub}'s three: a {@code status} event whenever the feed connection's
 * state, detail or reconnect count changes, the current one first on every connection.
 */
public final class StatusPublisher implements StreamHub.Publisher {
    private final Supplier<FeedStatus> feed;
    private final Clock clock;
    private final Watchers watchers;
    private volatile StreamEvent last;
    private String lastKey;
    private long sequence;

    public StatusPublisher(Supplier<FeedStatus> feed, Clock clock, StreamHub hub) {
        this.feed = feed;
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
        return new StreamEvent("status", JsonText.of(StatusJson.feedChange(status, clock.instant())),
                String.valueOf(++sequence));
    }
}
