package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.LegGreeks;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.chain.PricingInputs;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.positions.NetGreeks;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Positions' net Greeks for one read of the book (a REST request, a stream cycle): a leg's Greeks are its chain's
 * (same underlying and expiry), on that chain's forward, time and rate and the IV of the leg's own mid, as the
 * chain prices its window ({@link OptionChain#greeks}), times the units the leg still holds, signed. Each chain's
 * inputs are read once a read and each option priced once, however many positions hold it. Off the hot path, on
 * the reader's thread.
 */
final class PositionGreeks {
    private final ChainBook chains;
    private final InstrumentRegistry registry;
    private final ZonedDateTime now;
    private final QuoteRecord record = ChainStore.newRecord();
    private final Map<OptionChain, PricingInputs> inputs = new HashMap<>();
    /** By instrument id; null for an option known to have no Greeks now. */
    private final Map<Integer, LegGreeks> legs = new HashMap<>();

    /** @param chains null when the desk has none: then no held leg has Greeks */
    PositionGreeks(ChainBook chains, InstrumentRegistry registry, Clock clock) {
        this.chains = chains;
        this.registry = registry;
        this.now = clock.instant().atZone(ExpiryDates.EXCHANGE_ZONE);
    }

    /**
     * {@link NetGreeks#NONE} for an ended position, which holds nothing the desk follows; else the sum over the
     * units each leg still holds (an exit's filled slices are gone), null while one such leg has no Greeks.
     *
     * @param state the position's state as the view read it, so the Greeks agree with the rest of the view
     */
    NetGreeks of(LivePosition position, PositionState state) {
        if (state == PositionState.CLOSED || state == PositionState.CANCELLED) {
            return NetGreeks.NONE;
        }
        NetGreeks net = NetGreeks.NONE;
        for (LiveLeg leg : position.legs) {
            long held = leg.unfilledQuantity();
            if (held == 0) {
                continue;
            }
            LegGreeks greeks = leg(leg.instrumentId);
            if (greeks == null) {
                return null;
            }
            net = net.plus((double) leg.side.sign() * held, greeks.delta(), greeks.gamma(), greeks.theta(),
                    greeks.vega());
        }
        return net;
    }

    private LegGreeks leg(int instrumentId) {
        if (legs.containsKey(instrumentId)) {
            return legs.get(instrumentId);
        }
        LegGreeks greeks = price(instrumentId);
        legs.put(instrumentId, greeks);
        return greeks;
    }

    private LegGreeks price(int instrumentId) {
        Instrument option = chains == null ? null : registry.byId(instrumentId);
        if (option == null || !option.isOption()) {
            return null;
        }
        OptionChain chain = chains.chain(option.underlying(), option.expiry()).orElse(null);
        if (chain == null) {
            return null;   // no chain open for its expiry: no forward to price it on
        }
        return chain.greeks(option, inputs.computeIfAbsent(chain, c -> c.pricing(now)), record);
    }
}
