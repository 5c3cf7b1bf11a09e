package io.optionchain.engine.positions;

import java.time.ZonedDateTime;

/**
 * One scope's limits as they stand now, for readers ({@code GET /api/risk/limits}).
 *
 * @param mtm       realised today plus unrealised at the exit side of the book; null while some open leg has no
 *                  usable quote
 * @param floor     the locked profit, once the MTM reached {@code lock_at} today; null before
 * @param fired     which limit exited the scope today; null while none has (a fired scope takes no new position
 *                  until the next exchange day)
 * @param firedAt   when it fired
 * @param firedMtm  the MTM that fired it
 * @param firedLevel the limit it reached, in rupees of MTM (a loss negative)
 */
public record LimitState(LimitScope scope, String name, MtmLimit limit, Double mtm, Double floor, ExitReason fired,
                         ZonedDateTime firedAt, Double firedMtm, Double firedLevel) {
}
