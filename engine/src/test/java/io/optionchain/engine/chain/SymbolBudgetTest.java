package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.ReferenceData;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolBudgetTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2025-11-24T05:00:00Z"), ZoneId.of("UTC"));

    private final InstrumentRegistry registry = new InstrumentRegistry(2_048);
    private final ChainStore store = ChainStore.inMemory(2_048);
    private final ChainBook book = new ChainBook(registry, List.of("NIFTY"));
    private final RecordingFeed broker = new RecordingFeed();
    private final SymbolBudget budget = new SymbolBudget(broker, 19, book::priority);

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void open() {
        new ChainMonitor(List.of(NIFTY), registry, store, book, MONDAY, 2).openAll(new ReferenceData() {
            @Override
            public double indexLtp(Underlying underlying) {
                return 24_500;
            }

            @Override
            public List<LocalDate> optionExpiries(Underlying underlying) {
                return List.of(EXPIRY);
            }
        }, budget);
    }

    @Test
    void shouldSubscribeTheIndexAndTheStrikesNearestAtmWhenTheBudgetIsShort() {
        open();
        // 19 symbols: the index, both ATM legs, and both legs of the 4 strikes either side of ATM
        assertThat(broker.subscribed).hasSize(19).contains("NIFTY", "NIFTY25NOV2524500CE", "NIFTY25NOV2524500PE",
                "NIFTY25NOV2524300CE", "NIFTY25NOV2524700PE");
        assertThat(broker.subscribed).doesNotContain("NIFTY25NOV2524250CE", "NIFTY25NOV2524750PE");
        assertThat(budget.leftOut()).hasSize(91 - 19).startsWith("NIFTY25NOV2524250CE", "NIFTY25NOV2524250PE",
                "NIFTY25NOV2524750CE", "NIFTY25NOV2524750PE");
    }

    @Test
    void shouldPutPinnedPositionSymbolsFirstWhateverTheirDistance() {
        open();
        Instrument held = registry.register("NIFTY25NOV2523000PE", "NFO", "NIFTY", EXPIRY, 23_000, OptionType.PE);
        book.pins().pin(held);
        // the last-asked of the farthest kept strikes made room
        assertThat(broker.subscribed).hasSize(19).contains("NIFTY25NOV2523000PE", "NIFTY", "NIFTY25NOV2524700CE")
                .doesNotContain("NIFTY25NOV2524700PE");
    }

    @Test
    void shouldFollowAtmWhenTheBandShifts() {
        open();
        book.currentChain("NIFTY").orElseThrow().onIndexPrice(24_650); // ATM +3: band re-centres
        assertThat(broker.subscribed).hasSize(19).contains("NIFTY25NOV2524650CE", "NIFTY25NOV2524850PE",
                "NIFTY25NOV2524450CE").doesNotContain("NIFTY25NOV2524400CE", "NIFTY25NOV2524900PE");
    }

    @Test
    void shouldListWhatIsLeftOutWhileAtmMovesUnderTheRanking() {
        // Status asks for the left-out list on a request thread while the ring moves ATM, so priorities
        // change in the middle of a ranking. A real race cannot be made to land mid-sort on demand; this
        // priority stands in for it by moving ATM one strike on every read.
        int[] atm = {0};
        SymbolBudget moving = new SymbolBudget(broker, 100, instrument -> {
            int distance = Math.abs((int) (instrument.strike() / 50) - 490 - atm[0]);
            atm[0] = (atm[0] + 7) % 41 - 20;
            return distance;
        });
        List<Instrument> options = new ArrayList<>();
        for (int k = -400; k <= 400; k++) {
            for (OptionType type : OptionType.values()) {
                double strike = 24_500 + 50 * k;
                options.add(registry.register(OptionSymbol.of("NIFTY", EXPIRY, strike, type), "NFO", "NIFTY", EXPIRY,
                        strike, type));
            }
        }
        moving.subscribe(options, FeedMode.DEPTH);

        assertThat(moving.leftOut()).hasSize(options.size() - 100).doesNotHaveDuplicates();
        assertThat(moving.subscribed()).isEqualTo(100);
    }

    @Test
    void shouldUnsubscribeEachSymbolInTheModeItWasSubscribedIn() {
        open();
        budget.unsubscribe(List.of(registry.bySymbol("NIFTY")), FeedMode.QUOTE);
        // the index leaves in Quote mode, and the freed place goes to the next strike in Depth mode
        assertThat(broker.requests).endsWith("unsubscribe 1 QUOTE", "subscribe 1 DEPTH");
        assertThat(broker.subscribed).hasSize(19).doesNotContain("NIFTY").contains("NIFTY25NOV2524250CE");
    }
}
