package io.optionchain.web.json;

import io.optionchain.engine.chain.ChainRow;
import io.optionchain.engine.chain.ChainSnapshot;
import io.optionchain.engine.chain.LegGreeks;
import io.optionchain.engine.chain.LegQuote;
import io.optionchain.engine.chain.MarketMetrics;
import io.optionchain.engine.chain.PricingInputs;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.ExpiryDates;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.price;
import static io.optionchain.web.json.WireFormat.ratio;
import static io.optionchain.web.json.WireFormat.strike;

/**
 * The chain as {@code GET /api/option-chain/{underlying}} shows it, and the base of what the chain stream
 * sends ({@link LiveChainJson}): a {@link ChainSnapshot} in the seed's JSON shape, field order as the seed
 * prints it, then the chain's contract data. Prices carry two decimals, IV is in percent as OpenAlgo reports it,
 * and a value not yet known is null, never 0. IVs, Greeks and the {@code forward}, {@code days_to_expiry} and
 * {@code interest_rate} they were computed from are not rounded, so a client can compute every Greek again and
 * get the same number.
 */
public final class ChainJson {
    private ChainJson() {
    }

    public static Map<String, Object> of(ChainSnapshot chain, List<String> monitoredExpiries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("underlying", chain.underlying());
        json.put("underlying_ltp", price(chain.underlyingLtp()));
        json.put("underlying_bid", price(chain.underlyingBid()));
        json.put("underlying_ask", price(chain.underlyingAsk()));
        json.put("atm_strike", strike(chain.atmStrike()));
        json.put("expiry", ExpiryDates.format(chain.expiry()));
        json.put("expiries", monitoredExpiries);
        json.put("timestamp", chain.timestamp().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        PricingInputs pricing = chain.pricing();
        json.put("forward", pricing.forward());
        json.put("days_to_expiry", pricing.daysToExpiry());
        json.put("interest_rate", pricing.interestRate());
        List<Map<String, Object>> options = new ArrayList<>(chain.rows().size());
        for (ChainRow row : chain.rows()) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("tag", row.tag());
            option.put("strike", strike(row.strike()));
            option.put("ce_data", leg(row.ce()));
            option.put("pe_data", leg(row.pe()));
            option.put("gex", row.gex(chain.contract().lotSize()));
            options.add(option);
        }
        json.put("options", options);
        json.put("market_metrics", metrics(chain.metrics()));
        contract(json, chain.contract());
        return json;
    }

    /**
     * The contract data the chain trades by, as OpenAlgo names them but at the top level: {@code lot_size},
     * {@code tick_size}, {@code freeze_qty} (null when not known: exits then go whole), and where they came from.
     */
    private static void contract(Map<String, Object> json, ContractSpec contract) {
        json.put("lot_size", contract.lotSize());
        json.put("tick_size", contract.tickSize());
        json.put("freeze_qty", contract.freezeQuantity() > 0 ? contract.freezeQuantity() : null);
        json.put("contract_source", WireFormat.contractSource(contract.source()));
    }

    private static Map<String, Object> leg(LegQuote leg) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", leg.symbol());
        json.put("tag", leg.tag());
        json.put("ltp", price(leg.ltp()));
        json.put("bid", price(leg.bid()));
        json.put("ask", price(leg.ask()));
        json.put("bid_qty", leg.bidQty());
        json.put("ask_qty", leg.askQty());
        json.put("spread", price(leg.spread()));
        json.put("volume", leg.volume());
        json.put("oi", leg.oi());
        json.put("oi_change", leg.oiChange() == null ? null : leg.oiChange().contracts());
        json.put("iv", leg.iv() == null ? null : leg.iv() * 100);
        LegGreeks greeks = leg.greeks();
        json.put("delta", greeks == null ? null : greeks.delta());
        json.put("gamma", greeks == null ? null : greeks.gamma());
        json.put("theta", greeks == null ? null : greeks.theta());
        json.put("vega", greeks == null ? null : greeks.vega());
        json.put("rho", greeks == null ? null : greeks.rho());
        return json;
    }

    private static Map<String, Object> metrics(MarketMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_ce_volume", metrics.totalCeVolume());
        json.put("total_pe_volume", metrics.totalPeVolume());
        json.put("total_ce_oi", metrics.totalCeOi());
        json.put("total_pe_oi", metrics.totalPeOi());
        json.put("pcr", ratio(metrics.pcr()));
        json.put("pcr_volume", ratio(metrics.pcrVolume()));
        json.put("max_pain", metrics.maxPain() == null ? null : strike(metrics.maxPain()));
        json.put("iv_skew", ratio(metrics.ivSkew()));
        json.put("atm_iv", metrics.atmIv() == null ? null : metrics.atmIv() * 100);
        json.put("straddle", price(metrics.straddle()));
        json.put("straddle_change", price(metrics.straddleChange()));
        json.put("synthetic_future", price(metrics.syntheticFuture()));
        json.put("gex", metrics.gex());
        json.put("total_oi_change", metrics.totalOiChange());
        json.put("oi_change_since", WireFormat.oiChangeSince(metrics.oiChangeSince()));
        return json;
    }
}
