package io.optionchain.gateway.rest;

import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The engine's {@link ReferenceData} port answered by OpenAlgo's REST API; blocking, for start-up threads. Contract
 * data comes from the {@code symbol} endpoint; a field it gives no usable value for is the configured fallback,
 * counted, and logged once per underlying and field.
 */
public final class OpenAlgoReferenceData implements ReferenceData {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAlgoReferenceData.class);

    private final Supplier<OpenAlgoRestClient> rest;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicLong contractFallbacks = new AtomicLong();

    public OpenAlgoReferenceData(OpenAlgoRestClient rest) {
        this(() -> rest);
    }

    /** @param rest the client of the account to ask now: the one market data comes from, after a failover too */
    public OpenAlgoReferenceData(Supplier<OpenAlgoRestClient> rest) {
        this.rest = rest;
    }

    @Override
    public double indexLtp(Underlying underlying) {
        return rest.get().quote(underlying.name(), underlying.indexExchange()).ltp();
    }

    @Override
    public List<LocalDate> optionExpiries(Underlying underlying) {
        return rest.get().expiries(underlying.name(), underlying.optionExchange(), "options");
    }

    @Override
    public ContractSpec contract(Underlying underlying, String optionSymbol) {
        SymbolContract reply = rest.get().symbol(optionSymbol, underlying.optionExchange());
        reply.unusable().forEach((field, why) -> {
            contractFallbacks.incrementAndGet();
            if (reported.add(underlying.name() + ' ' + field)) {
                LOG.warn("{}: the server's {} for {} is {}; the configured value is used (logged once)",
                        underlying.name(), field, optionSymbol, why);
            }
        });
        return ContractSpec.merged(reply.lotSize(), reply.tickSize(), reply.freezeQuantity(), underlying);
    }

    /** Contract fields the server gave no usable value for, each taken from config instead, since the start. */
    public long contractFallbacks() {
        return contractFallbacks.get();
    }
}
