package io.optionchain.web.config;

/** Whether the accounts file must say where each account's key comes from. */
public enum KeyNeeds {
    /** Real OpenAlgo servers: each account names its key's environment variable or file, and the key is read. */
    EVERY_ACCOUNT,
    /**
     * The embedded simulated market: the application makes a key per account, so key fields may be left out and
     * are not read; the URLs' ports are where the embedded accounts listen.
     */
    NONE
}
