package io.optionchain.engine.positions;

import java.util.List;

/**
 * What one press of the kill switch did.
 *
 * @param strategy the scope asked for; null for every position the engine watches
 * @param exited   the positions this call moved to EXITING, their exits journalled: one order per leg (per slice)
 *                 follows for each
 * @param skipped  the positions of the scope it left alone, and why: already exiting or ended (an earlier call, a
 *                 stop or a person got there first), or refused
 */
public record ExitAllOutcome(String strategy, List<Position> exited, List<Skipped> skipped) {

    /** A position of the scope this call did not exit: its state and the reason. */
    public record Skipped(long positionId, PositionState state, String reason) {
    }
}
