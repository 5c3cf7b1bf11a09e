package io.optionchain.engine.positions;

/**
 * A scope's daily limits on its MTM in rupees (realised today plus unrealised at the exit side of the book): a
 * max loss and a max profit that exit everything in the scope, and a profit lock that trails. Null is not set.
 *
 * <p>Lock and trail: once the MTM reaches {@code lockAt}, a floor of {@code lock} is locked in, and the scope exits
 * if the MTM falls back to it; for every further {@code trailEvery} of MTM, the floor rises by {@code trailBy}. The
 * floor never moves back. For example lock_at 3,000, lock 1,000, trail_every 500, trail_by 400: at an MTM of 4,100
 * the floor is 1,000 + 2 × 400 = 1,800.
 *
 * @param maxLoss    exit when the MTM falls to −maxLoss
 * @param maxProfit  exit when the MTM rises to maxProfit
 * @param lockAt     the MTM at which a profit is locked
 * @param lock       the profit locked then: below {@code lockAt}, and below {@code maxProfit} when both are set
 * @param trailEvery each further step of MTM above {@code lockAt} that raises the floor; given with trailBy
 * @param trailBy    how much each step raises it, at most {@code trailEvery}
 */
public record MtmLimit(Double maxLoss, Double maxProfit, Double lockAt, Double lock, Double trailEvery,
                       Double trailBy) {

    public MtmLimit {
        positive("max_loss", maxLoss);
        positive("max_profit", maxProfit);
        positive("lock_at", lockAt);
        if (lock != null && (!(lock >= 0) || lock.isInfinite())) {
            throw new IllegalArgumentException("lock must be a profit of 0 or more rupees, got " + lock);
        }
        positive("trail_every", trailEvery);
        positive("trail_by", trailBy);
        if ((lockAt == null) != (lock == null)) {
            throw new IllegalArgumentException("lock_at and lock go together: give both or neither");
        }
        if (lockAt != null && lock >= lockAt) {
            throw new IllegalArgumentException("lock (" + lock + ") must be below lock_at (" + lockAt + ")");
        }
        if ((trailEvery == null) != (trailBy == null)) {
            throw new IllegalArgumentException("trail_every and trail_by go together: give both or neither");
        }
        if (trailEvery != null && lockAt == null) {
            throw new IllegalArgumentException("trail_every and trail_by raise a locked profit: give lock_at and lock");
        }
        if (trailEvery != null && trailBy > trailEvery) {
            throw new IllegalArgumentException("trail_by (" + trailBy + ") must be at most trail_every ("
                    + trailEvery + "), or the floor would pass the MTM that raised it");
        }
        if (maxProfit != null && lockAt != null && lockAt >= maxProfit) {
            throw new IllegalArgumentException("lock_at (" + lockAt + ") must be below max_profit (" + maxProfit
                    + "): the target would exit first");
        }
        if (maxLoss == null && maxProfit == null && lockAt == null) {
            throw new IllegalArgumentException("a limit needs max_loss, max_profit or lock_at");
        }
    }

    /**
     * The floor an MTM of {@code mtm} locks: NaN below {@code lockAt} (or without a lock), else the lock raised by
     * {@code trailBy} for every whole {@code trailEvery} above it. The caller keeps the highest floor seen.
     */
    public double floorAt(double mtm) {
        if (lockAt == null || mtm < lockAt - 1e-7) {
            return Double.NaN;
        }
        if (trailEvery == null) {
            return lock;
        }
        return lock + Math.floor((mtm - lockAt) / trailEvery + 1e-9) * trailBy;
    }

    private static void positive(String name, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(name + " must be a positive amount of rupees, got " + value);
        }
    }
}
