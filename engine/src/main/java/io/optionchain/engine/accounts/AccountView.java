package io.optionchain.engine.accounts;

/**
 * One account in status.
 *
 * @param lastError the last refusal or failure in the server's words, "" if none; never a key
 * @param switches  how many times market data switched to this account
 */
public record AccountView(String name, String broker, AccountRole role, AccountState state, String lastError,
                          int switches) {
}
