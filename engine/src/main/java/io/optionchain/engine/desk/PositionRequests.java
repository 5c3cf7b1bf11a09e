package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the desk refuses to watch, checked before anything is journalled: each failure an
 * {@link IllegalArgumentException} naming the field (as the REST body spells it) and the rule.
 */
final class PositionRequests {
    private static final int MAX_LEGS = 10;
    private static final int MAX_STRATEGY_LENGTH = 64;

    private final PositionInstruments instruments;
    private final OrderAccounts accounts;

    PositionRequests(PositionInstruments instruments, OrderAccounts accounts) {
        this.instruments = instruments;
        this.accounts = accounts;
    }

    /** The request's options, in leg order, registered once every rule holds and not before. */
    List<Instrument> validate(PositionRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a position request is required");
        }
        String strategy = request.strategy();
        if (strategy == null || strategy.isBlank() || strategy.length() > MAX_STRATEGY_LENGTH) {
            throw new IllegalArgumentException("strategy must be 1.." + MAX_STRATEGY_LENGTH + " characters, got "
                    + (strategy == null ? "none" : "'" + strategy + "'"));
        }
        if (request.account() != null && !accounts.has(request.account())) {
            throw new IllegalArgumentException("account must be one of the configured accounts " + accounts.names()
                    + " (left out: " + accounts.primary() + ", the primary), got '" + request.account() + "'");
        }
        String product = request.product() == null ? "" : request.product().toUpperCase(Locale.ROOT);
        if (!product.equals("MIS") && !product.equals("NRML")) {
            throw new IllegalArgumentException("product must be MIS or NRML (the product the position was entered "
                    + "with), got " + request.product());
        }
        List<LegRequest> legs = request.legs();
        if (legs == null || legs.isEmpty() || legs.size() > MAX_LEGS) {
            throw new IllegalArgumentException("legs must hold 1.." + MAX_LEGS + " legs, got "
                    + (legs == null ? 0 : legs.size()));
        }
        List<PositionInstruments.Contract> contracts = new ArrayList<>();
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < legs.size(); i++) {
            LegRequest leg = legs.get(i);
            String where = "legs[" + i + "]";
            if (leg == null || leg.symbol() == null || leg.symbol().isBlank()) {
                throw new IllegalArgumentException(where + ".symbol is required");
            }
            if (leg.side() == null) {
                throw new IllegalArgumentException(where + ".side must be LONG or SHORT");
            }
            if (!(leg.entryPrice() > 0) || Double.isInfinite(leg.entryPrice())) {
                throw new IllegalArgumentException(where + ".entry_price must be a positive premium, got "
                        + leg.entryPrice());
            }
            if (!symbols.add(leg.symbol())) {
                throw new IllegalArgumentException(where + ".symbol " + leg.symbol() + " appears twice");
            }
            if (leg.side() != legs.get(0).side()) {
                throw new IllegalArgumentException(where + ".side: a group's legs share one side (its combined"
                        + " premium is judged as one), got " + leg.side() + " beside " + legs.get(0).side());
            }
            if (leg.quantity() != legs.get(0).quantity()) {
                throw new IllegalArgumentException(where + ".quantity: a group's legs share one quantity, got "
                        + leg.quantity() + " beside " + legs.get(0).quantity());
            }
            PositionInstruments.Contract contract = instruments.contract(leg.symbol());
            int lot = instruments.lotSize(contract);
            if (leg.quantity() <= 0 || leg.quantity() % lot != 0) {
                throw new IllegalArgumentException(where + ".quantity " + leg.quantity() + " of " + leg.symbol()
                        + " is not a whole number of lots of " + lot);
            }
            contracts.add(contract);
        }
        validateRules(request.rules(), legs.get(0).side(),
                legs.stream().mapToDouble(LegRequest::entryPrice).sum());
        // only now, with every rule holding, do the symbols take registry slots (they never free)
        return contracts.stream().map(instruments::register).toList();
    }

    private static void validateRules(ExitRules rules, PositionSide side, double entry) {
        boolean isLong = side == PositionSide.LONG;
        if (isLong && rules.stopPercent() != null && rules.stopPercent() >= 100) {
            throw new IllegalArgumentException("stop_percent of a long must be below 100, got " + rules.stopPercent());
        }
        if (rules.stop() != null && rules.target() != null
                && (isLong ? rules.target() <= rules.stop() : rules.target() >= rules.stop())) {
            throw new IllegalArgumentException("target " + rules.target() + " must be " + (isLong ? "above" : "below")
                    + " stop " + rules.stop() + " for a " + side.name().toLowerCase(Locale.ROOT));
        }
        if (rules.target() != null && (isLong ? rules.target() <= entry : rules.target() >= entry)) {
            throw new IllegalArgumentException("target " + rules.target() + " must be " + (isLong ? "above" : "below")
                    + " the entry premium " + entry + " for a " + side.name().toLowerCase(Locale.ROOT));
        }
    }
}
