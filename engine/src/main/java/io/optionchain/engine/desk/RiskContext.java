package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.PinnedSymbols;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.JournalStorage;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the risk desk takes from the rest of the application, in one place.
 *
 * @param dataDirectory where {@code positions.journal} lives (the application's data directory)
 * @param registry      instrument ids; a position's symbols are registered here if no window has them
 * @param store         chain state: the books exits and marks are priced from
 * @param pins          the chain book's pins ({@code ChainBook.pins()}): symbols of live positions stay subscribed
 * @param underlyings   configured underlyings: option exchanges, and the contract data's fallback
 * @param orders        each account's order API, and the primary's name: a position's exits go through the
 *                      account holding it (the primary unless its request names another), never another
 * @param audit         where decisions go (audit file, alerts)
 * @param earlierUse    files of the data directory whose presence shows it was used before (the audit log, chain
 *                      state), as they were before this start made any: a journal missing among them lost its
 *                      history ({@code journal.HistoryLoss})
 * @param journalStorage how the journal opens its files: {@link JournalStorage#FILES} but in a proof that fills
 *                       the disk
 * @param contracts     lot size, tick size and freeze quantity as each chain opened ({@code ChainBook.contracts()}):
 *                      what positions are checked, sliced and priced by; without it, the underlyings' fallback
 * @param chains        the chains whose forward, time, rate and quotes give positions their Greeks; without it
 *                      (null), no position has Greeks
 * @param misSquareOff  the square-off time of day (Asia/Kolkata) of an MIS position that names none; null for none
 * @param calendar      the exchange's calendar as the trading-hours template now says it: on a shortened day
 *                      square-off times move earlier by as much as the close does; null for none (the times as
 *                      given)
 */
public record RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                          PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                          Clock clock, List<Path> earlierUse, JournalStorage journalStorage,
                          ContractSpecs contracts, ChainBook chains, LocalTime misSquareOff,
                          Supplier<TradingCalendar> calendar) {

    /** Without the exchange's calendar: square-off times as given, on every day. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                       Clock clock, List<Path> earlierUse, JournalStorage journalStorage, ContractSpecs contracts,
                       ChainBook chains, LocalTime misSquareOff) {
        this(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock, earlierUse,
                journalStorage, contracts, chains, misSquareOff, null);
    }

    /** With no default square-off for MIS positions. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                       Clock clock, List<Path> earlierUse, JournalStorage journalStorage, ContractSpecs contracts,
                       ChainBook chains) {
        this(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock, earlierUse,
                journalStorage, contracts, chains, null);
    }

    /** Without chains to price positions' Greeks. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                       Clock clock, List<Path> earlierUse, JournalStorage journalStorage, ContractSpecs contracts) {
        this(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock, earlierUse,
                journalStorage, contracts, null);
    }

    /** With no chain's contract data: the configured underlyings' alone. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                       Clock clock, List<Path> earlierUse, JournalStorage journalStorage) {
        this(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock, earlierUse,
                journalStorage, null);
    }

    /** With one account, {@value OrderAccounts#PRIMARY}, whose order API is {@code gateway}. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderGateway gateway, AuditSink audit,
                       Clock clock, List<Path> earlierUse, JournalStorage journalStorage) {
        this(dataDirectory, settings, registry, store, pins, underlyings, OrderAccounts.single(gateway), audit, clock,
                earlierUse, journalStorage);
    }

    /** Several accounts, on the file system as it is. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderAccounts orders, AuditSink audit,
                       Clock clock, List<Path> earlierUse) {
        this(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock, earlierUse,
                JournalStorage.FILES);
    }

    /** With no traces of earlier use named beyond the older journals the journal finds itself. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderGateway gateway, AuditSink audit,
                       Clock clock) {
        this(dataDirectory, settings, registry, store, pins, underlyings, gateway, audit, clock, List.of());
    }

    /** On the file system as it is. */
    public RiskContext(Path dataDirectory, RiskSettings settings, InstrumentRegistry registry, ChainStore store,
                       PinnedSymbols pins, List<Underlying> underlyings, OrderGateway gateway, AuditSink audit,
                       Clock clock, List<Path> earlierUse) {
        this(dataDirectory, settings, registry, store, pins, underlyings, gateway, audit, clock, earlierUse,
                JournalStorage.FILES);
    }

    public RiskContext {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(pins, "pins");
        underlyings = List.copyOf(underlyings);
        Objects.requireNonNull(orders, "orders");
        audit = audit == null ? AuditSink.NONE : audit;
        Objects.requireNonNull(clock, "clock");
        earlierUse = List.copyOf(earlierUse);
        journalStorage = journalStorage == null ? JournalStorage.FILES : journalStorage;
        contracts = contracts == null ? new ContractSpecs() : contracts;
    }

    /** The same, checking, slicing and pricing positions by the chains' contract data. */
    public RiskContext withContracts(ContractSpecs chainContracts) {
        return new RiskContext(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock,
                earlierUse, journalStorage, chainContracts, chains, misSquareOff, calendar);
    }

    /** The same, giving positions the Greeks of {@code book}'s chains. */
    public RiskContext withChains(ChainBook book) {
        return new RiskContext(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock,
                earlierUse, journalStorage, contracts, book, misSquareOff, calendar);
    }

    /**
     * The same, squaring off at {@code time} (Asia/Kolkata) every MIS position opened without a square-off time of
     * its own, as brokers square intraday positions off before the close; null for none.
     */
    public RiskContext withMisSquareOff(LocalTime time) {
        return new RiskContext(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock,
                earlierUse, journalStorage, contracts, chains, time, calendar);
    }

    /**
     * The same, following the trading-hours template's close on a shortened day: a square-off time moves earlier by
     * as much as that day's close is earlier than the weekday's ({@code exits.SquareOffTimes}).
     */
    public RiskContext withCalendar(Supplier<TradingCalendar> exchangeCalendar) {
        return new RiskContext(dataDirectory, settings, registry, store, pins, underlyings, orders, audit, clock,
                earlierUse, journalStorage, contracts, chains, misSquareOff, exchangeCalendar);
    }
}
