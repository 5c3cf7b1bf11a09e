package io.optionchain.engine.positions;

/**
 * A stop that follows the best mark seen since entry (the high for a long, the low for a short) at a
 * fixed distance, and never moves back.
 *
 * @param by     whether {@code amount} is rupees of premium or a percentage of the best mark
 * @param amount distance behind the best mark: positive rupees, or a percentage in (0, 100)
 */
public record TrailingStop(By by, double amount) {

    public enum By {
        POINTS,
        PERCENT
    }

    public TrailingStop {
        if (by == null) {
            throw new IllegalArgumentException("trailing stop needs a kind: points or percent");
        }
        if (!(amount > 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("trailing " + by.name().toLowerCase() + " must be positive, got "
                    + amount);
        }
        if (by == By.PERCENT && amount >= 100) {
            throw new IllegalArgumentException("trailing percent must be below 100, got " + amount);
        }
    }

    public static TrailingStop points(double points) {
        return new TrailingStop(By.POINTS, points);
    }

    public static TrailingStop percent(double percent) {
        return new TrailingStop(By.PERCENT, percent);
    }
}
