package io.optionchain.gateway.rest;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST-quote fallback against the simulated OpenAlgo over loopback HTTP: silent while the feed is live; while it
 * is stale each leg's {@code depth} offered as a Depth tick with no exchange time, failures counted, and silent
 * again once the feed is live.
 */
class QuoteFallbackTest {
    private static final String KEY = "fallback-key-5e07a1";
    private static OpenAlgoSimulator simulator;
    private static OpenAlgoRestClient client;
    private static List<Instrument> legs;

    @BeforeAll
    static void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(11).withTicksPerSecond(200));
        client = new OpenAlgoRestClient(simulator.restUrl(), KEY, Duration.ofSeconds(5));
        LocalDate nearest = client.expiries("NIFTY", "NFO", "options").get(0);
        double atm = Math.round(client.quote("NIFTY", "NSE_INDEX").ltp() / 50) * 50.0;
        legs = List.of(
                new Instrument(7, OptionSymbol.of("NIFTY", nearest, atm, OptionType.CE), "NFO", "NIFTY", nearest, atm,
                        OptionType.CE),
                new Instrument(9, OptionSymbol.of("NIFTY", nearest, atm, OptionType.PE), "NFO", "NIFTY", nearest, atm,
                        OptionType.PE));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldPollEachLegOnlyWhileTheFeedIsStaleAndOfferItsBookAsADepthTick() {
        AtomicReference<String> stale = new AtomicReference<>();
        List<TickEvent> offered = new ArrayList<>();
        QuoteFallback fallback = new QuoteFallback(stale::get, () -> legs, () -> client, tick -> {
            TickEvent copy = new TickEvent();
            copy.copyFrom(tick);
            return offered.add(copy);
        }, Duration.ofSeconds(1));

        assertThat(fallback.pollOnce()).as("the feed is live").isZero();
        assertThat(fallback.status()).isEqualTo(new QuoteFallback.Status(false, 0, 0, 0, 0, null));

        stale.set("no tick for 4.0 s from account primary");
        assertThat(fallback.pollOnce()).isEqualTo(2);
        assertThat(offered).extracting(t -> t.instrumentId).containsExactly(7, 9);
        for (TickEvent tick : offered) {
            assertThat(tick.has(TickEvent.DEPTH)).isTrue();
            assertThat(tick.has(TickEvent.LTP)).isTrue();
            assertThat(tick.bidLevels).isEqualTo(5);
            assertThat(tick.askLevels).isEqualTo(5);
            assertThat(tick.bidPrice[0]).isPositive().isLessThan(tick.askPrice[0]);
            assertThat(tick.bidQuantity[0]).isPositive();
            assertThat(tick.exchangeTimeMillis).as("depth has no exchange time; none is made up").isZero();
        }
        assertThat(fallback.status()).isEqualTo(new QuoteFallback.Status(true, 1, 2, 0, 0, null));

        stale.set(null);
        assertThat(fallback.pollOnce()).as("live again: no more polls").isZero();
        assertThat(offered).hasSize(2);
        assertThat(fallback.status().polling()).isFalse();
        assertThat(fallback.status().polls()).isEqualTo(2);
    }

    @Test
    void shouldCountALegThatFailsAndATickTheRingHasNoRoomFor() {
        Instrument unknown = new Instrument(3, "NIFTY01JAN9999999CE", "NFO", "NIFTY", null, 0, OptionType.CE);
        QuoteFallback fallback = new QuoteFallback(() -> "stale", () -> List.of(unknown, legs.get(0)),
                () -> client, tick -> false, Duration.ofSeconds(1));

        assertThat(fallback.pollOnce()).isZero();
        QuoteFallback.Status status = fallback.status();
        assertThat(status.polls()).isEqualTo(2);
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.dropped()).isEqualTo(1);
        assertThat(status.lastFailure()).startsWith("NIFTY01JAN9999999CE: ");
    }
}
