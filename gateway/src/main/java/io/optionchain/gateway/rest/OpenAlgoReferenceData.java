package io.optionchain.gateway.rest;

import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/** The engine's {@link ReferenceData} port answered by OpenAlgo's REST API; blocking, for start-up threads. */
public final class OpenAlgoReferenceData implements ReferenceData {
    private final Supplier<OpenAlgoRestClient> rest;

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
}
