package io.optionchain.engine.ports;

/**
 * Asks whether an account can be used now: OpenAlgo's {@code ping} with its key answers while the broker
 * session behind it is logged in. Blocks on the network; called from the lifecycle's thread only.
 */
public interface AccountProbe {
    AccountCheck check();

    /** The answer: usable or not, and why not, in words safe to show (never the key). */
    record AccountCheck(boolean usable, String cause) {
        public static AccountCheck ok() {
            return new AccountCheck(true, "");
        }

        public static AccountCheck refused(String cause) {
            return new AccountCheck(false, cause);
        }
    }
}
