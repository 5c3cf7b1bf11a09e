package io.optionchain.engine.positions;

import java.util.List;

/**
 * The Greeks of options held, in rupees for the whole quantity: each leg's Black-76 Greek, as its chain prices it,
 * times the units it still holds, signed (+ long, − short), summed; a strategy's and the book's are the sums of
 * their positions'. Unknown as a whole (null where it is carried) when any leg still held has no Greeks: never a
 * partial sum that reads as the whole.
 *
 * @param delta rupees the holding gains per 1 point rise of the forward
 * @param gamma change of that delta per 1 point rise of the forward
 * @param theta rupees it gains as one calendar day passes
 * @param vega  rupees it gains per volatility point (σ + 0.01)
 */
public record NetGreeks(double delta, double gamma, double theta, double vega) {
    /** What holds nothing moves by: an ended position, a strategy with none open. */
    public static final NetGreeks NONE = new NetGreeks(0, 0, 0, 0);

    /** This plus {@code signedQuantity} units of one option with those Greeks per unit. */
    public NetGreeks plus(double signedQuantity, double legDelta, double legGamma, double legTheta, double legVega) {
        return new NetGreeks(delta + signedQuantity * legDelta, gamma + signedQuantity * legGamma,
                theta + signedQuantity * legTheta, vega + signedQuantity * legVega);
    }

    public NetGreeks plus(NetGreeks other) {
        return new NetGreeks(delta + other.delta, gamma + other.gamma, theta + other.theta, vega + other.vega);
    }

    /** The sum, in list order; null when any part is unknown (null). An empty list holds nothing: {@link #NONE}. */
    public static NetGreeks sum(List<NetGreeks> parts) {
        NetGreeks sum = NONE;
        for (NetGreeks part : parts) {
            if (part == null) {
                return null;
            }
            sum = sum.plus(part);
        }
        return sum;
    }
}
