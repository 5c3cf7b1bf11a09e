package io.optionchain.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.gateway.decode.FrameDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static io.optionchain.gateway.decode.FrameDescriptor.*;

/**
 * The control side of one market-data connection, beside the {@link FrameDispatcher}'s data side: reads the
 * replies that are not market data ({@link FrameDescriptor} draws them), records OpenAlgo's refusals in the
 * {@link SubscriptionBook}, and tells the {@link MarketDataClient} how authentication went, for it to act on.
 *
 * <p>Client's thread only. A server that keeps complaining fills a throttled log, not the disk; every text
 * it echoes is scrubbed of the key first.
 */
final class ControlReplies {
    /** The connection's owner's category, so log filters set for the client still catch these lines. */
    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);

    private final SubscriptionBook book;
    private final UnaryOperator<String> scrub;
    private final BooleanSupplier authenticating;
    private final Consumer<String> authenticated;
    private final Consumer<String> authFailed;
    private final Throttle serverComplaints = new Throttle(10, TimeUnit.MINUTES.toNanos(1));

    /**
     * @param scrub          removes the API key from text the server sends back
     * @param authenticating whether the connection waits for its authenticate reply
     * @param authenticated  told the broker's name (scrubbed) when the key is accepted
     * @param authFailed     told the server's message (scrubbed, maybe empty) when the key is refused
     */
    ControlReplies(SubscriptionBook book, UnaryOperator<String> scrub, BooleanSupplier authenticating,
                   Consumer<String> authenticated, Consumer<String> authFailed) {
        this.book = Objects.requireNonNull(book, "book");
        this.scrub = Objects.requireNonNull(scrub, "scrub");
        this.authenticating = Objects.requireNonNull(authenticating, "authenticating");
        this.authenticated = Objects.requireNonNull(authenticated, "authenticated");
        this.authFailed = Objects.requireNonNull(authFailed, "authFailed");
    }

    void handle(JsonNode reply) {
        String status = reply.path(STATUS).asText("");
        String message = scrub.apply(reply.path(MESSAGE).asText(""));
        switch (reply.path(TYPE).asText("")) {
            case AUTH, AUTHENTICATE -> {
                if (SUCCESS.equals(status)) {
                    authenticated.accept(scrub.apply(reply.path(BROKER).asText("?")));
                } else {
                    authFailed.accept(message);
                }
            }
            case SUBSCRIBE -> {
                for (JsonNode item : reply.path(SUBSCRIPTIONS)) {
                    String symbol = item.path(SYMBOL).asText("");
                    if (SUCCESS.equals(item.path(STATUS).asText(""))) {
                        book.accepted(symbol);
                    } else {
                        book.refused(symbol, scrub.apply(item.path(MESSAGE).asText("subscription failed")));
                    }
                }
                complain(!SUCCESS.equals(status), "subscribe {}: {} symbols refused so far", status, book.failures().size());
            }
            case UNSUBSCRIBE -> complain(!SUCCESS.equals(status), "unsubscribe {}: {}", status, reply.path(FAILED));
            case PONG -> {
            }
            default -> {
                // Errors have no type: {"status":"error","code":...,"message":...}.
                String code = reply.path(CODE).asText("");
                if (authenticating.getAsBoolean() && AUTHENTICATION_ERROR.equals(code)) {
                    authFailed.accept(message);
                } else {
                    complain(ERROR.equals(status), "OpenAlgo error {}: {}", code, message);
                }
            }
        }
    }

    private void complain(boolean when, String format, Object first, Object second) {
        if (when && serverComplaints.tryAcquire(System.nanoTime())) {
            log.warn(format, first, second);
        }
    }
}
