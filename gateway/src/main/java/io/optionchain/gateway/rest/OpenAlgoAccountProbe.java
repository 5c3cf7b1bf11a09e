package io.optionchain.gateway.rest;

import io.optionchain.engine.ports.AccountProbe;

/**
 * The engine's {@link AccountProbe} answered by OpenAlgo's {@code ping} with the account's key; blocking,
 * for the lifecycle's thread. A 401 or 403 is the server's refusal, in its words ("Invalid openalgo apikey":
 * a wrong key, or a key whose broker login is missing or expired); no answer, a timeout or a 5xx is
 * "unreachable: ...". The cause never holds the key: the client scrubs every message it makes.
 */
public final class OpenAlgoAccountProbe implements AccountProbe {
    private final OpenAlgoRestClient rest;

    public OpenAlgoAccountProbe(OpenAlgoRestClient rest) {
        this.rest = rest;
    }

    @Override
    public AccountCheck check() {
        try {
            rest.ping();
            return AccountCheck.ok();
        } catch (OpenAlgoException e) {
            int status = e.status();
            if (status == 401 || status == 403) {
                return AccountCheck.refused(e.serverMessage());
            }
            if (status == 0 || status >= 500) {
                return AccountCheck.refused("unreachable: " + e.getMessage());
            }
            return AccountCheck.refused(e.getMessage());
        }
    }
}
