package io.optionchain.gateway.feed;

import io.optionchain.engine.tick.TickEvent;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.decode.FrameDecoder;
import io.optionchain.gateway.decode.FrameKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The reader thread's whole job per frame, between the socket and the ring: decode into the one
 * scratch event, offer ticks to the {@link TickSink}, count everything. Back-pressure is the sink's
 * return value, counted as dropped; this never blocks and never logs per tick.
 *
 * <p>Owned by one reader thread at a time (the client never runs two connections at once).
 */
final class FrameDispatcher {
    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);
    private static final int LOGGED_EXCERPT = 160;
    /**
     * Far above any frame OpenAlgo sends: a depth tick is under 1 KB and a reply to a 1,000-symbol subscribe
     * about 130 KB. Anything larger is junk or an attack and is not worth a parse.
     */
    static final int MAX_FRAME_BYTES = 256 * 1024;

    private final FrameDecoder decoder;
    private final TickSink sink;
    private final FeedCounters counters;
    private final TickEvent scratch = new TickEvent();
    private final Throttle complaints = new Throttle(5, TimeUnit.MINUTES.toNanos(1));

    FrameDispatcher(FrameDecoder decoder, TickSink sink, FeedCounters counters) {
        this.decoder = decoder;
        this.sink = sink;
        this.counters = counters;
    }

    /** @return what the frame was; the caller handles {@link FrameKind#CONTROL} frames itself */
    FrameKind onFrame(byte[] frame, long arrivalNanos) {
        counters.frame(arrivalNanos);
        if (frame != null && frame.length > MAX_FRAME_BYTES) {
            counters.oversized();
            if (complaints.tryAcquire(arrivalNanos)) {
                log.warn("oversized market-data frame skipped ({} bytes, limit {}): {}", frame.length, MAX_FRAME_BYTES,
                        excerpt(frame));
            }
            return FrameKind.OVERSIZED;
        }
        FrameKind kind = decoder.decode(frame, arrivalNanos, scratch);
        switch (kind) {
            case TICK -> offer(arrivalNanos);
            case UNKNOWN_SYMBOL -> counters.unknownSymbol();
            case MALFORMED -> {
                counters.malformed();
                if (complaints.tryAcquire(arrivalNanos)) {
                    log.warn("malformed market-data frame ({} bytes): {}", frame == null ? 0 : frame.length,
                            excerpt(frame));
                }
            }
            case CONTROL, OVERSIZED -> {
            }
        }
        return kind;
    }

    private void offer(long arrivalNanos) {
        boolean accepted;
        try {
            accepted = sink.offer(scratch);
        } catch (RuntimeException e) {
            // The sink is engine code; its failure must not end the reader thread. Count it like a full ring.
            accepted = false;
            if (complaints.tryAcquire(arrivalNanos)) {
                log.error("tick sink failed; tick dropped", e);
            }
        }
        if (accepted) {
            counters.tick(arrivalNanos);
        } else {
            counters.dropped();
        }
    }

    private static String excerpt(byte[] frame) {
        if (frame == null) {
            return "";
        }
        return new String(frame, 0, Math.min(frame.length, LOGGED_EXCERPT), StandardCharsets.UTF_8);
    }
}
