package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PinnedSymbolsTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final LocalDate NEXT = LocalDate.of(2025, 12, 2);
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 2);
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2025-11-24T05:00:00Z"), ZoneId.of("UTC"));

    private final InstrumentRegistry registry = new InstrumentRegistry(2_048);
    private final ChainStore store = ChainStore.inMemory(2_048);
    private final ChainBook book = new ChainBook(registry, List.of("NIFTY"));
    private final RecordingFeed feed = new RecordingFeed();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void openChains() {
        ReferenceData reference = new ReferenceData() {
            @Override
            public double indexLtp(Underlying underlying) {
                return 24_500;
            }

            @Override
            public List<LocalDate> optionExpiries(Underlying underlying) {
                return List.of(NEXT, EXPIRY, LocalDate.of(2025, 11, 18));
            }
        };
        new ChainMonitor(List.of(NIFTY), registry, store, book, MONDAY, 2).openAll(reference, feed);
    }

    @Test
    void shouldKeepRetryingAnUnderlyingWhoseRestLookupFailedUntilItOpens() {
        int[] calls = {0};
        ReferenceData flaky = new ReferenceData() {
            @Override
            public double indexLtp(Underlying underlying) {
                return 24_500;
            }

            @Override
            public List<LocalDate> optionExpiries(Underlying underlying) {
                if (++calls[0] <= 3) {
                    // what an OpenAlgo answering 429 past the REST client's retries looks like to the engine
                    assertThat(book.chains("NIFTY")).isEmpty();
                    throw new IllegalStateException("expiry failed (HTTP 429)");
                }
                return List.of(EXPIRY);
            }
        };
        ChainMonitor monitor = new ChainMonitor(List.of(NIFTY), registry, store, book, MONDAY, 2);

        assertThat(monitor.openUntilAllOpen(flaky, feed, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(4)))
                .isTrue();

        assertThat(calls[0]).isEqualTo(4);
        assertThat(book.chains("NIFTY")).hasSize(1);
        assertThat(book.problem("NIFTY")).as("the problem clears once open").isEmpty();
    }

    @Test
    void shouldOpenOneChainPerMonitoredExpiryNearestFirst() {
        openChains();
        assertThat(book.chains("NIFTY")).extracting(OptionChain::expiry).containsExactly(EXPIRY, NEXT);
        assertThat(feed.requests).containsExactly("subscribe 90 DEPTH", "subscribe 90 DEPTH", "subscribe 1 QUOTE");
        assertThat(feed.subscribed).contains("NIFTY25NOV2524500CE", "NIFTY02DEC2524500PE", "NIFTY");
    }

    @Test
    void shouldKeepAPinnedSymbolSubscribedWhenTheWindowMovesAway() {
        openChains();
        Instrument held = registry.bySymbol("NIFTY25NOV2523450PE"); // second strike from the bottom of the band
        book.pins().pin(held);
        assertThat(feed.requests).hasSize(3); // already in the band: nothing to subscribe

        OptionChain current = book.currentChain("NIFTY").orElseThrow();
        current.onIndexPrice(24_650); // ATM +3 strikes: the band leaves 23,450..23,500 behind
        assertThat(current.covers(held)).isFalse();
        assertThat(feed.subscribed).contains("NIFTY25NOV2523450PE").doesNotContain("NIFTY25NOV2523450CE");
        assertThat(book.pins().isPinned(held)).isTrue();

        book.pins().unpin(held);
        assertThat(feed.subscribed).doesNotContain("NIFTY25NOV2523450PE");
    }

    @Test
    void shouldSubscribeAPinOutsideEveryBandAndReleaseItOnUnpin() {
        openChains();
        Instrument far = registry.register("NIFTY25NOV2520000CE", "NFO", "NIFTY", EXPIRY, 20_000, OptionType.CE);
        book.pins().pin(far);
        assertThat(feed.subscribed).contains("NIFTY25NOV2520000CE");
        book.pins().pin(far);
        assertThat(feed.requests).filteredOn(r -> r.equals("subscribe 1 DEPTH")).hasSize(1);
        book.pins().unpin(far);
        assertThat(feed.subscribed).doesNotContain("NIFTY25NOV2520000CE");
        assertThat(book.pins().size()).isZero();
    }

    @Test
    void shouldSubscribeSymbolsPinnedBeforeTheFeedAttached() {
        // a restart: positions restored from the journal pin their symbols before any chain or feed exists
        Instrument far = registry.register("NIFTY25NOV2520000CE", "NFO", "NIFTY", EXPIRY, 20_000, OptionType.CE);
        book.pins().pin(far);
        assertThat(feed.subscribed).isEmpty();

        openChains();

        assertThat(feed.subscribed).contains("NIFTY25NOV2520000CE");
        assertThat(book.pins().isPinned(far)).isTrue();
    }
}
