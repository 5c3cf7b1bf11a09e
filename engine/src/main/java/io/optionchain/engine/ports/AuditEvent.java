package io.optionchain.engine.ports;

import io.optionchain.engine.positions.ExitReason;

/**
 * One decision of the risk desk, for the audit log and live alerts. Fields that do not apply to the kind
 * are null.
 *
 * @param timeMillis         wall-clock time of the decision, epoch ms
 * @param leg                leg index, null for a position-wide event
 * @param mark               the position's mark the decision was made on
 * @param level              the rule level reached or approached
 * @param tickSymbol         the instrument whose tick caused the decision
 * @param tickExchangeMillis that tick's exchange time (last trade), epoch ms
 * @param tickServerMillis   that tick's feed-server time, epoch ms
 * @param bid                best bid of the ticking instrument used
 * @param ask                best ask of the ticking instrument used
 * @param ltp                its last traded price
 * @param latencyNanos       frame arrival on the feed's reader thread to this decision on the ring
 * @param price              order price (sent, re-priced) or fill price
 * @param account            the account that holds the position, through which its orders go; null for an event
 *                           of no position's
 */
public record AuditEvent(AuditKind kind, long timeMillis, long positionId, String strategy, Integer leg,
                         String symbol, ExitReason reason, Double mark, Double level, String tickSymbol,
                         Long tickExchangeMillis, Long tickServerMillis, Double bid, Double ask, Double ltp,
                         Long latencyNanos, String orderId, Double price, Long quantity, String message,
                         String account) {

    /** Of no account. */
    public AuditEvent(AuditKind kind, long timeMillis, long positionId, String strategy, Integer leg,
                      String symbol, ExitReason reason, Double mark, Double level, String tickSymbol,
                      Long tickExchangeMillis, Long tickServerMillis, Double bid, Double ask, Double ltp,
                      Long latencyNanos, String orderId, Double price, Long quantity, String message) {
        this(kind, timeMillis, positionId, strategy, leg, symbol, reason, mark, level, tickSymbol, tickExchangeMillis,
                tickServerMillis, bid, ask, ltp, latencyNanos, orderId, price, quantity, message, null);
    }
}
