package io.optionchain.gateway.rest;

import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;

import java.time.LocalDate;
import java.util.List;

/** The engine's {@link ReferenceData} port answered by OpenAlgo's REST API; blocking, for start-up threads. */
public final class OpenAlgoReferenceData implements ReferenceData {
    private final OpenAlgoRestClient rest;

    public OpenAlgoReferenceData(OpenAlgoRestClient rest) {
        this.rest = rest;
    }

    @Override
    public double indexLtp(Underlying underlying) {
        return rest.quote(underlying.name(), underlying.indexExchange()).ltp();
    }

    @Override
    public List<LocalDate> optionExpiries(Underlying underlying) {
        return rest.expiries(underlying.name(), underlying.optionExchange(), "options");
    }
}
