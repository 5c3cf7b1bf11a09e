package io.optionchain.engine.ports;

/**
 * One row of the broker's position book (OpenAlgo positionbook): the day's net position in one contract and
 * product, beside the orders of {@link BrokerOrder}.
 *
 * @param quantity     net units, signed: + long, − short; 0 for a position opened and closed again today
 * @param averagePrice the net position's average price as the broker reports it; 0 when not reported
 * @param ltp          last traded price; 0 when not reported
 * @param pnl          the broker's profit and loss of the row, realised and unrealised; 0 when not reported
 */
public record BrokerPosition(String symbol, String exchange, String product, long quantity, double averagePrice,
                             double ltp, double pnl) {
}
