package io.optionchain.engine.ports;

import io.optionchain.engine.hours.Holiday;

import java.time.LocalDate;
import java.util.List;

/**
 * The exchange calendar a server knows (OpenAlgo's {@code market/holidays} and {@code market/timings}).
 * Implementations block on the network; the engine calls them from the scheduler's thread only, and
 * treats a failure as "the server does not know", keeping its template.
 */
public interface MarketCalendarSource {
    /** The year's holidays, special sessions included, every one with source {@code OPENALGO}. */
    List<Holiday> holidays(int year);

    /** The sessions exchanges hold on {@code date}: empty on weekends and full holidays. */
    List<ExchangeSession> timings(LocalDate date);
}
