package io.optionchain.web.stream;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The clients watching one topic (a chain, the status, the positions), and the one rule for reaching them:
 * an event is offered to each client's bounded queue, and a client whose queue is full is dropped, never
 * waited for. Its monitor guards the topic: a newcomer's first event and the publisher's next one are ordered
 * by it, so nobody misses the state between them.
 */
final class Watchers {
    private static final Logger LOG = LoggerFactory.getLogger(Watchers.class);

    private final StreamHub hub;
    private final int queueEvents;
    private final List<StreamClient> clients = new CopyOnWriteArrayList<>();

    Watchers(StreamHub hub, int queueEvents) {
        this.hub = hub;
        this.queueEvents = queueEvents;
    }

    /**
     * Streams on {@code ctx} until the client goes, starting with {@code first} (asked under this monitor), and
     * gives back the connection slot the route reserved. Blocks.
     */
    void serve(Context ctx, Function<StreamClient, StreamEvent> first) {
        StreamClient client = new StreamClient(queueEvents);
        try {
            synchronized (this) {
                client.offer(first.apply(client));
                clients.add(client);
            }
            client.writeUntilClosed(ctx);
        } finally {
            clients.remove(client);
            hub.release();
        }
    }

    /** Events a client may have queued unread before it is dropped. */
    int queueEvents() {
        return queueEvents;
    }

    boolean isEmpty() {
        return clients.isEmpty();
    }

    List<StreamClient> clients() {
        return clients;
    }

    void fanOut(StreamEvent event) {
        for (StreamClient client : clients) {
            deliver(client, event);
        }
    }

    /** Queues {@code event} for {@code client}, or drops the client when its queue is full. Never waits. */
    void deliver(StreamClient client, StreamEvent event) {
        if (client.offer(event)) {
            hub.sent();
        } else if (clients.remove(client)) {
            hub.evicted();
            client.close();
            LOG.warn("dropped a slow SSE client: {} events queued and unread", queueEvents);
        }
    }

    void close() {
        clients.forEach(StreamClient::close);
    }

    /** Ends the streams whose write has been blocked for {@code nanos}: their peers stopped reading. */
    int evictBlocked(long now, long nanos) {
        int ended = 0;
        for (StreamClient client : clients) {
            if (client.blockedFor(now, nanos) && clients.remove(client)) {
                client.close();
                ended++;
            }
        }
        return ended;
    }
}
