package io.optionchain.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.optionchain.simulator.faults.Faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OpenAlgo's Telegram alert endpoint ({@code restx_api/telegram_bot.py}, {@code docs/TELEGRAM_ALERT_API.md}):
 * {@code POST /api/v1/telegram/notify} with {@code apikey}, {@code username}, {@code message} and an optional
 * {@code priority} (1-10, default 5). Answered as OpenAlgo does: 401 "Invalid or missing API key" (this route's
 * own status, where the market routes answer 403), 400 "Username and message are required", 200 "Notification
 * sent successfully", and 500 "Failed to send notification" while {@link Faults#failTelegram} says the bot is not
 * running. Every user name counts as linked. What was delivered is kept, oldest first, for tests to read.
 */
public final class TelegramApi {
    /** The message OpenAlgo answers when its bot cannot deliver. */
    public static final String FAILED_MESSAGE = "Failed to send notification";
    private static final int DEFAULT_PRIORITY = 5;

    private final RestWire wire;
    private final Faults faults;
    private final List<TelegramNotification> delivered = new CopyOnWriteArrayList<>();

    public TelegramApi(RestWire wire, Faults faults) {
        this.wire = wire;
        this.faults = faults;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/telegram/notify", this::notify);
    }

    /** Every notification answered 200 since the start, oldest first: a snapshot. */
    public List<TelegramNotification> delivered() {
        return List.copyOf(delivered);
    }

    private void notify(Context ctx) {
        JsonNode body = wire.body(ctx);
        String key = text(body, "apikey");
        if (key == null) {
            key = ctx.header("X-API-KEY");
        }
        if (!wire.validKey(key)) {
            throw new RestError(401, "Invalid or missing API key");
        }
        String username = text(body, "username");
        String message = text(body, "message");
        if (username == null || username.isEmpty() || message == null || message.isEmpty()) {
            throw new RestError(400, "Username and message are required");
        }
        if (faults.takeTelegramFailure()) {
            throw new RestError(500, FAILED_MESSAGE);
        }
        JsonNode priority = body.get("priority");
        delivered.add(new TelegramNotification(username, message,
                priority != null && priority.canConvertToInt() ? priority.intValue() : DEFAULT_PRIORITY));
        wire.respond(ctx, 200, Map.of("status", "success", "message", "Notification sent successfully"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    /** One notification the simulated bot delivered. */
    public record TelegramNotification(String username, String message, int priority) {
    }
}
