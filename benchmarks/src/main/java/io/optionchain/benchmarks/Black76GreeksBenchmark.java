package io.optionchain.benchmarks;

import io.optionchain.options.Black76;
import io.optionchain.options.Greeks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One leg's five Black-76 Greeks into a reused holder, as a chain snapshot computes them for every leg with an
 * IV, beside the IV solve the same leg already pays for (its yardstick: the snapshot does both). A NIFTY week
 * out, forward 24,500, σ 15 %, rate 6.5 %; the strike is the edge: at the money (the normal distribution's
 * central branch), 1,000 points out (|d| ≈ 2, its middle branch) and 3,500 out (|d| ≈ 6.5, its tail branch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Black76GreeksBenchmark {
    private static final double FORWARD = 24_500;
    private static final double YEARS = 7 / 365.0;
    private static final double VOL = 0.15;
    private static final double RATE = 0.065;

    @Param({"24500", "25500", "28000"})
    public double strike;

    private final Greeks greeks = new Greeks();
    private double premium;
    private boolean call;

    @Setup(Level.Trial)
    public void setUp() {
        premium = Black76.price(true, FORWARD, strike, YEARS, VOL, RATE);
        Black76.greeks(true, FORWARD, strike, YEARS, VOL, RATE, greeks);
        double solved = Black76.impliedVol(true, FORWARD, strike, YEARS, premium, RATE);
        if (!(greeks.delta() > 0 && greeks.delta() < 1) || !(Math.abs(solved - VOL) < 1e-5)) {
            throw new IllegalStateException("K=" + strike + ": " + greeks + ", IV " + solved + " for σ " + VOL);
        }
    }

    @Benchmark
    public Greeks greeks() {
        call = !call; // calls and puts alternate, as a chain's legs do
        return Black76.greeks(call, FORWARD, strike, YEARS, VOL, RATE, greeks);
    }

    @Benchmark
    public double impliedVol() {
        return Black76.impliedVol(true, FORWARD, strike, YEARS, premium, RATE);
    }
}
