package io.optionchain.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection, switchable while the simulator runs, so a client's recovery can be tested against the
 * failures a real OpenAlgo server and network produce. Every switch takes effect at once and is safe to
 * flip from any thread. With everything off, the tick path pays two volatile reads ({@link #stalled()}
 * and {@link #tickFault()}) and the REST path two more.
 *
 * <p>A stall withholds ticks only: the socket stays open, and Jetty keeps answering the client's RFC 6455
 * pings (it has no switch to stop that), as does the server's own 20 s ping. A client that counts pongs as
 * life will therefore not see a stall as silence while it pings; one that does not ping, or pings less
 * often than its stale limit, will.
 *
 * <p>Per-tick faults are drawn from a generator seeded from the simulator's seed and used only by the
 * publisher thread, so the same seed and settings give the same faulty ticks.
 */
public final class Faults {
    /** OpenAlgo's Flask-Limiter message. */
    static final String RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please slow down your requests.";

    /** What to do to one tick. */
    enum TickFault { NONE, MALFORMED, DUPLICATE, ZERO_BID_ASK }

    /** Probabilities per tick; replaced whole so the publisher reads one consistent set with one volatile read. */
    private record TickRates(double malformed, double duplicates, double zeroBidAsk) {
        static final TickRates OFF = new TickRates(0, 0, 0);

        boolean off() {
            return malformed == 0 && duplicates == 0 && zeroBidAsk == 0;
        }
    }

    private final Runnable dropConnections;
    private final SplittableRandom random;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean refuseAuth;
    private volatile long restDelayMillis;
    private volatile TickRates rates = TickRates.OFF;

    Faults(long seed, Runnable dropConnections) {
        this.dropConnections = dropConnections;
        // Its own stream, so switching faults on does not change the market's prices for a seed.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Aborts every market-data connection without a close frame, as a network drop would (1006 at the client). */
    public void dropConnections() {
        dropConnections.run();
    }

    /** While on, no ticks are sent to any session; sockets stay open. */
    public void stall(boolean on) {
        stalled = on;
    }

    /** While on, authenticate answers AUTHENTICATION_ERROR "Invalid API key" whatever key is sent. */
    public void refuseAuth(boolean on) {
        refuseAuth = on;
    }

    /** The next {@code calls} REST calls under /api/v1/ answer 429; 0 cancels. */
    public void rateLimitRest(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be 0 or more, got " + calls);
        }
        rateLimited.set(calls);
    }

    /** Every REST reply under /api/v1/ is delayed by this much; zero turns it off. */
    public void slowRest(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        restDelayMillis = delay.toMillis();
    }

    /** This fraction of ticks (0..1) is sent as a truncated, unparseable frame instead. */
    public void malformedFrames(double fraction) {
        TickRates now = rates;
        rates = new TickRates(fraction("malformed", fraction), now.duplicates, now.zeroBidAsk);
    }

    /** This fraction of ticks (0..1) is sent twice. */
    public void duplicateTicks(double fraction) {
        TickRates now = rates;
        rates = new TickRates(now.malformed, fraction("duplicates", fraction), now.zeroBidAsk);
    }

    /** This fraction of ticks (0..1) is sent with best bid and ask zeroed, price and size. */
    public void zeroBidAsk(double fraction) {
        TickRates now = rates;
        rates = new TickRates(now.malformed, now.duplicates, fraction("zeroBidAsk", fraction));
    }

    /** Everything off; a pending rate limit is forgotten. */
    public void reset() {
        stalled = false;
        refuseAuth = false;
        rateLimited.set(0);
        restDelayMillis = 0;
        rates = TickRates.OFF;
    }

    /** The current settings, for the control API and logs. */
    public Map<String, Object> settings() {
        TickRates now = rates;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("stall", stalled);
        settings.put("refuse_auth", refuseAuth);
        settings.put("rate_limit_remaining", rateLimited.get());
        settings.put("slow_rest_ms", restDelayMillis);
        settings.put("malformed", now.malformed);
        settings.put("duplicates", now.duplicates);
        settings.put("zero_bid_ask", now.zeroBidAsk);
        return settings;
    }

    boolean stalled() {
        return stalled;
    }

    boolean refusingAuth() {
        return refuseAuth;
    }

    long restDelayMillis() {
        return restDelayMillis;
    }

    /** Uses up one of the pending 429s, if any; never goes below zero. */
    boolean takeRateLimit() {
        return rateLimited.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /** The fault for the next tick; publisher thread only. At most one fault per tick, checked in this order. */
    TickFault tickFault() {
        TickRates now = rates;
        if (now.off()) {
            return TickFault.NONE;
        }
        double draw = random.nextDouble();
        if (draw < now.malformed) {
            return TickFault.MALFORMED;
        }
        draw -= now.malformed;
        if (draw < now.duplicates) {
            return TickFault.DUPLICATE;
        }
        draw -= now.duplicates;
        return draw < now.zeroBidAsk ? TickFault.ZERO_BID_ASK : TickFault.NONE;
    }

    private static double fraction(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction 0..1, got " + fraction);
        }
        return fraction;
    }
}
