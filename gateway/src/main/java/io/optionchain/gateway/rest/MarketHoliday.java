package io.optionchain.gateway.rest;

import io.optionchain.engine.ports.ExchangeSession;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of OpenAlgo's {@code market/holidays}, as the server sent it: the type is its text
 * ({@code TRADING_HOLIDAY}, {@code SETTLEMENT_HOLIDAY}, {@code SPECIAL_SESSION}, or whatever a newer server
 * says), for the caller to judge.
 *
 * @param closedExchanges the exchanges that do not trade on the date
 * @param openExchanges   those that do, and when (MCX's evening on an NSE holiday, a muhurat session)
 */
public record MarketHoliday(LocalDate date, String description, String holidayType, List<String> closedExchanges,
                            List<ExchangeSession> openExchanges) {

    public MarketHoliday {
        closedExchanges = List.copyOf(closedExchanges);
        openExchanges = List.copyOf(openExchanges);
    }
}
