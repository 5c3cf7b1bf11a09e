package io.optionchain.web.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The risk desk's audit log: one JSON object per line, one line per decision, appended to a file in the data
 * directory by a thread of its own. {@link #accept} only queues (bounded; a full queue drops and counts), so
 * the desk never waits on the disk.
 *
 * <p>A line carries what applies to its kind, in snake case: {@code time} (ISO-8601, +05:30), {@code kind},
 * {@code position_id}, {@code strategy}, {@code leg}, {@code symbol}, {@code reason}, {@code mark},
 * {@code level}, the tick that caused it ({@code tick_symbol}, {@code tick_exchange_time}, {@code tick_server_time}
 * in epoch ms), the quote used ({@code bid}, {@code ask}, {@code ltp}), {@code latency_us} from frame arrival
 * to decision, {@code order_id}, {@code price}, {@code quantity}, {@code message}. Absent values are left out.
 */
public final class JsonLinesAuditLog implements AuditSink, AutoCloseable {
    public static final String FILE_NAME = "risk-audit.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);
    private static final AuditEvent STOP = new AuditEvent(null, 0, 0, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    private final Path file;
    private final BlockingQueue<AuditEvent> queue;
    private final OutputStream out;
    private final JsonGenerator json;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private JsonLinesAuditLog(Path file, int capacity) throws IOException {
        this.file = file;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // decisions on positions are the owner's to read: rw------- whatever the umask, new file or old
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        this.json = new JsonFactory().createGenerator(out);
        this.json.setRootValueSeparator(null);
        this.writer = new Thread(this::write, "risk-audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Appends to {@code directory/risk-audit.jsonl}, holding up to 65,536 lines in hand. */
    public static JsonLinesAuditLog open(Path directory) {
        return open(directory.resolve(FILE_NAME), 65_536);
    }

    public static JsonLinesAuditLog open(Path file, int capacity) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new JsonLinesAuditLog(file, capacity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    @Override
    public void accept(AuditEvent event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    public Path file() {
        return file;
    }

    public long written() {
        return written.get();
    }

    /** Events lost to a full queue or a write error. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            json.close();
        } catch (IOException e) {
            LOG.warn("closing the audit log {} failed", file, e);
        }
    }

    private void write() {
        try {
            while (true) {
                AuditEvent event = queue.take();
                if (event == STOP) {
                    return;
                }
                try {
                    line(event);
                    written.incrementAndGet();
                    if (queue.isEmpty()) {
                        json.flush();
                    }
                } catch (IOException e) {
                    dropped.incrementAndGet();
                    LOG.error("cannot write to the audit log {}", file, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(AuditEvent e) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", Instant.ofEpochMilli(e.timeMillis()).atZone(ExpiryDates.EXCHANGE_ZONE)
                .toOffsetDateTime().toString());
        json.writeStringField("kind", e.kind().name());
        json.writeNumberField("position_id", e.positionId());
        text("strategy", e.strategy());
        text("account", e.account());
        if (e.leg() != null) {
            json.writeNumberField("leg", e.leg());
        }
        text("symbol", e.symbol());
        text("reason", e.reason() == null ? null : e.reason().name());
        number("mark", e.mark());
        number("level", e.level());
        text("tick_symbol", e.tickSymbol());
        whole("tick_exchange_time", e.tickExchangeMillis());
        whole("tick_server_time", e.tickServerMillis());
        number("bid", e.bid());
        number("ask", e.ask());
        number("ltp", e.ltp());
        if (e.latencyNanos() != null) {
            json.writeNumberField("latency_us", Math.round(e.latencyNanos() / 100.0) / 10.0);
        }
        text("order_id", e.orderId());
        number("price", e.price());
        whole("quantity", e.quantity());
        text("message", e.message());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void text(String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private void number(String name, Double value) throws IOException {
        if (value != null && Double.isFinite(value)) {
            json.writeNumberField(name, value);
        }
    }

    private void whole(String name, Long value) throws IOException {
        if (value != null && value != 0) {
            json.writeNumberField(name, value);
        }
    }
}
