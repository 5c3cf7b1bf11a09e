package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TrailingStop;

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
            validateLegRules(leg, where);
            PositionInstruments.Contract contract = instruments.contract(leg.symbol());
            int lot = instruments.lotSize(contract);
            if (leg.quantity() <= 0 || leg.quantity() % lot != 0) {
                throw new IllegalArgumentException(where + ".quantity " + leg.quantity() + " of " + leg.symbol()
                        + " is not a whole number of lots of " + lot);
            }
            contracts.add(contract);
        }
        ExitRules rules = request.rules();
        boolean ratio = legs.stream().anyMatch(leg -> leg.side() != legs.get(0).side()
                || leg.quantity() != legs.get(0).quantity());
        if (ratio && rules.combined()) {
            throw new IllegalArgumentException(combinedRulesGiven(rules) + ": the legs differ in side or quantity (a "
                    + "ratio spread), so their summed premium is no price a trader would stop on; give per-leg stops "
                    + "(legs[i].stop, legs[i].stop_percent, legs[i].target), or an MTM limit for the strategy");
        }
        boolean legRules = legs.stream().anyMatch(leg -> leg.rules().any());
        if (!legRules && rules.onLegStop() != OnLegStop.EXIT_LEG) {
            throw new IllegalArgumentException("on_leg_stop " + rules.onLegStop().name().toLowerCase(Locale.ROOT)
                    + " needs a leg with a rule of its own (legs[i].stop, stop_percent or target)");
        }
        validateRules(rules, legs.get(0).side(), legs.stream().mapToDouble(LegRequest::entryPrice).sum());
        // only now, with every rule holding, do the symbols take registry slots (they never free)
        return contracts.stream().map(instruments::register).toList();
    }

    /** The combined rules given, as the request names them, for the refusal of a ratio spread's. */
    private static String combinedRulesGiven(ExitRules rules) {
        List<String> given = new ArrayList<>();
        if (rules.stop() != null) {
            given.add("stop");
        }
        if (rules.target() != null) {
            given.add("target");
        }
        if (rules.stopPercent() != null) {
            given.add("stop_percent");
        }
        if (rules.trailing() != null) {
            given.add(rules.trailing().by() == TrailingStop.By.POINTS ? "trailing_points" : "trailing_percent");
        }
        return String.join(", ", given);
    }

    /** A leg's own rules: its target on the profitable side of its entry price, as a position's is. */
    private static void validateLegRules(LegRequest leg, String where) {
        LegRules rules = leg.rules();
        boolean isLong = leg.side() == PositionSide.LONG;
        String side = leg.side().name().toLowerCase(Locale.ROOT);
        if (isLong && rules.stopPercent() != null && rules.stopPercent() >= 100) {
            throw new IllegalArgumentException(where + ".stop_percent of a long leg must be below 100, got "
                    + rules.stopPercent());
        }
        if (rules.target() != null && (isLong ? rules.target() <= leg.entryPrice() : rules.target() >= leg.entryPrice())) {
            throw new IllegalArgumentException(where + ".target " + rules.target() + " must be " + (isLong ? "above"
                    : "below") + " the leg's entry price " + leg.entryPrice() + " for a " + side + " leg");
        }
        if (rules.target() != null && rules.stop() != null
                && (isLong ? rules.target() <= rules.stop() : rules.target() >= rules.stop())) {
            throw new IllegalArgumentException(where + ".target " + rules.target() + " must be " + (isLong ? "above"
                    : "below") + " its stop " + rules.stop() + " for a " + side + " leg");
        }
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
