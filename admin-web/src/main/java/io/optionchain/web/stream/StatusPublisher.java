package io.optionchain.web.stream;

import io.javalin.http.Context;
import io.optionchain.engine.accounts.FailoverRecord;
import io.optionchain.engine.accounts.FailoverStatus;
import io.optionchain.engine.lifecycle.LifecycleStatus;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.web.json.AccountsJson;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.MarketJson;
import io.optionchain.web.json.StatusJson;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
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
    private volatile Supplier<FailoverStatus> accounts;
    private volatile Supplier<ZoneId> zone;
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

    /** Adds the accounts and their failover to every event; a switch, or going stale, is an event of its own. */
    public StatusPublisher withAccounts(Supplier<FailoverStatus> failover, Supplier<ZoneId> exchangeZone) {
        this.zone = exchangeZone;
        this.accounts = failover;
        return this;
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
        Supplier<FailoverStatus> failover = accounts;
        if (failover != null) {
            FailoverStatus now = failover.get();
            List<FailoverRecord> history = now.history();
            key += "|" + now.activeAccount() + "|" + now.degraded() + "|" + history.size() + "|"
                    + (history.isEmpty() ? null : history.get(history.size() - 1).msToFirstTick())
                    + "|" + now.accounts().stream().map(a -> a.state().wire()).toList();
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
        Supplier<FailoverStatus> failover = accounts;
        if (failover != null) {
            json.putAll(AccountsJson.of(failover.get(), zone.get()));
        }
        return new StreamEvent("status", JsonText.of(json), String.valueOf(++sequence));
    }
}
