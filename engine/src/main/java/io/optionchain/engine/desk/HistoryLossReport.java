package io.optionchain.engine.desk;

import java.util.List;

/**
 * The journal's lost history as status shows it, beside {@code JournalHealth}: why it was lost, whether a person
 * acknowledged it, and what the broker holds that no journalled position accounts for.
 *
 * @param sinceMillis        when the journal began without its history
 * @param brokerHoldings     the broker's holdings no journalled position accounts for, as last read; null until the
 *                           broker's position book has been read
 * @param holdingsReadMillis when they were read; 0 until then
 * @param brokerProblem      why the last read of the position book failed; null when it succeeded (or none was tried)
 */
public record HistoryLossReport(String cause, long sinceMillis, boolean acknowledged,
                                List<UnaccountedHolding> brokerHoldings, long holdingsReadMillis,
                                String brokerProblem) {

    public HistoryLossReport {
        brokerHoldings = brokerHoldings == null ? null : List.copyOf(brokerHoldings);
    }

    /**
     * A contract and product an account holds more of than the journal's open positions in it account for.
     *
     * @param quantity    the broker's net units, signed: + long, − short
     * @param unaccounted the part of {@code quantity} no journalled position accounts for, with its sign
     * @param account     the account whose position book lists it
     */
    public record UnaccountedHolding(String symbol, String exchange, String product, long quantity,
                                     long unaccounted, String account) {
    }
}
