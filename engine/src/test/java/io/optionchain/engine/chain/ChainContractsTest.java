package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ContractSpec;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each chain opens with its expiry's contract data as the server gives it, or the configured fallback. */
class ChainContractsTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final LocalDate NEXT = LocalDate.of(2025, 12, 2);
    /** The seed's lot of 75, as a config not yet updated has it. */
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 2,
            1_800);
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2025-11-24T05:00:00Z"), ZoneId.of("UTC"));

    private final InstrumentRegistry registry = new InstrumentRegistry(2_048);
    private final ChainStore store = ChainStore.inMemory(2_048);
    private final ChainBook book = new ChainBook(registry, List.of("NIFTY"));
    private final List<String> asked = new ArrayList<>();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldOpenEachExpirysChainWithTheLotTheServerGivesForItsAtmCall() {
        open(new Market() {
            @Override
            public ContractSpec contract(Underlying underlying, String optionSymbol) {
                asked.add(optionSymbol);
                return new ContractSpec(optionSymbol.contains("25NOV25") ? 75 : 65, 0.05, 1_800, ContractSource.SERVER);
            }
        });

        assertThat(asked).containsExactly("NIFTY25NOV2524500CE", "NIFTY02DEC2524500CE");
        assertThat(book.contracts().of(NIFTY, NEXT)).isEqualTo(new ContractSpec(65, 0.05, 1_800,
                ContractSource.SERVER));
        assertThat(book.chain("NIFTY", NEXT).orElseThrow().snapshot(ZonedDateTime.now(MONDAY)).contract().lotSize())
                .isEqualTo(65);
        assertThat(book.chain("NIFTY", EXPIRY).orElseThrow().snapshot(ZonedDateTime.now(MONDAY)).contract().lotSize())
                .isEqualTo(75);
        assertThat(book.contracts().source("NIFTY")).isEqualTo(ContractSource.SERVER);
    }

    @Test
    void shouldOpenTheChainOnTheConfiguredFallbackWhenContractDataCannotBeRead() {
        open(new Market() {
            @Override
            public ContractSpec contract(Underlying underlying, String optionSymbol) {
                throw new IllegalStateException("symbol failed (HTTP 500)");
            }
        });

        assertThat(book.chains("NIFTY")).hasSize(2);
        assertThat(book.problem("NIFTY")).isEmpty();
        assertThat(book.currentChain("NIFTY").orElseThrow().snapshot(ZonedDateTime.now(MONDAY)).contract())
                .isEqualTo(new ContractSpec(75, 0.05, 1_800, ContractSource.FALLBACK));
        assertThat(book.contracts().source("NIFTY")).isEqualTo(ContractSource.FALLBACK);
    }

    private void open(ReferenceData reference) {
        new ChainMonitor(List.of(NIFTY), registry, store, book, MONDAY, 2).openAll(reference, new RecordingFeed());
    }

    /** The index at 24,500 and two expiries listed. */
    private abstract static class Market implements ReferenceData {
        @Override
        public double indexLtp(Underlying underlying) {
            return 24_500;
        }

        @Override
        public List<LocalDate> optionExpiries(Underlying underlying) {
            return List.of(NEXT, EXPIRY);
        }
    }
}
