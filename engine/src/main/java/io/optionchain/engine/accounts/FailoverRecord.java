package io.optionchain.engine.accounts;

import java.time.Instant;

/**
 * One switch of market data from an account to another, as {@code failover_history} shows it.
 *
 * @param at            when the cause was detected
 * @param level         2 for another account, 3 for another broker
 * @param msToFirstTick from detection to the first tick on the new account; null until it arrives
 */
public record FailoverRecord(Instant at, String from, String to, int level, String cause, Long msToFirstTick) {
    FailoverRecord withFirstTick(Instant tick) {
        return new FailoverRecord(at, from, to, level, cause, Math.max(0, tick.toEpochMilli() - at.toEpochMilli()));
    }
}
