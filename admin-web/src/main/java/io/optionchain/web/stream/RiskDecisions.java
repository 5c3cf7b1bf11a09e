package io.optionchain.web.stream;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.web.json.JsonText;
import io.optionchain.web.json.PositionJson;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The risk desk's decisions on their way to SSE clients: the desk's executor thread serialises each into a
 * bounded queue and returns; the positions publisher drains it on its own cycle. Full means dashboards are far behind,
 * and a decision is counted and left out of the stream (the audit file still has it), never waited for.
 */
public final class RiskDecisions implements AuditSink {
    private static final int CAPACITY = 4_096;

    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void accept(AuditEvent event) {
        if (!queue.offer(JsonText.of(PositionJson.decision(event)))) {
            dropped.incrementAndGet();
        }
    }

    List<String> drain() {
        return drain(Integer.MAX_VALUE);
    }

    /** The oldest {@code most} decisions waiting; the rest wait for the next call. */
    List<String> drain(int most) {
        List<String> decisions = new ArrayList<>();
        queue.drainTo(decisions, most);
        return decisions;
    }

    public long dropped() {
        return dropped.get();
    }
}
