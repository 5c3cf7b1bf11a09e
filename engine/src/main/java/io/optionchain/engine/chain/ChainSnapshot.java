package io.optionchain.engine.chain;

import io.optionchain.engine.market.ContractSpec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A consistent-enough picture of one chain at one moment: each record is read atomically, the
 * rows one after another. Values off the hot path, built on demand for readers.
 *
 * @param timestamp time of the newest tick in the chain (Asia/Kolkata), or of the snapshot when none
 * @param pricing   the forward, time and rate every IV and Greek of the rows was computed from
 * @param contract  lot size, tick size and freeze quantity of the chain's options, and where they came from
 */
public record ChainSnapshot(String underlying, Double underlyingLtp, Double underlyingBid, Double underlyingAsk,
                            double atmStrike, LocalDate expiry, ZonedDateTime timestamp, List<ChainRow> rows,
                            MarketMetrics metrics, PricingInputs pricing, ContractSpec contract) {
}
