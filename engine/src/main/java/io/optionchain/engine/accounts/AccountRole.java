package io.optionchain.engine.accounts;

/** An account's place in the failover hierarchy: exactly one primary, every other a backup. */
public enum AccountRole {
    PRIMARY,
    BACKUP
}
