package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountFault;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.gateway.rest.OpenAlgoException;
import io.optionchain.gateway.rest.OpenAlgoRestClient;

import java.util.Locale;

/**
 * One account's health as the decision matrix reads it: OpenAlgo's {@code ping} with the account's key, its
 * answer sorted into the matrix's causes. A configured suspension message wins over the status it came with
 * (brokers say "blocked" in a 403 or a 500 alike); then 401/403 is a refused key, 429 or words of a rate limit
 * a rate limit, and no answer or 5xx an unreachable server. Blocking; called from the failover's probe threads.
 */
public final class AccountPing {
    private final OpenAlgoRestClient rest;
    private final FailoverSettings settings;

    public AccountPing(OpenAlgoRestClient rest, FailoverSettings settings) {
        this.rest = rest;
        this.settings = settings;
    }

    /** What the account answered; the words never hold the key (the client scrubs every message). */
    public Verdict ping() {
        try {
            rest.ping();
            return Verdict.ANSWERED;
        } catch (OpenAlgoException e) {
            return new Verdict(classify(e.status(), e.serverMessage()), e.getMessage());
        } catch (RuntimeException e) {
            return new Verdict(AccountFault.UNREACHABLE, "ping failed: " + e.getClass().getSimpleName());
        }
    }

    AccountFault classify(int status, String words) {
        if (settings.suspends(words)) {
            return AccountFault.SUSPENDED;
        }
        if (status == 401 || status == 403) {
            return AccountFault.AUTH_REFUSED;
        }
        if (status == 429 || rateLimited(words)) {
            return AccountFault.RATE_LIMITED;
        }
        return AccountFault.UNREACHABLE;
    }

    /** A market-data socket's refusal: its words are all there is. */
    static AccountFault classifyRefusal(String words, FailoverSettings settings) {
        if (settings.suspends(words)) {
            return AccountFault.SUSPENDED;
        }
        return rateLimited(words) ? AccountFault.RATE_LIMITED : AccountFault.AUTH_REFUSED;
    }

    private static boolean rateLimited(String words) {
        String lower = words == null ? "" : words.toLowerCase(Locale.ROOT);
        return lower.contains("rate limit") || lower.contains("too many requests");
    }

    /** @param fault null when the account answered */
    public record Verdict(AccountFault fault, String words) {
        static final Verdict ANSWERED = new Verdict(null, "");

        public boolean answered() {
            return fault == null;
        }
    }
}
