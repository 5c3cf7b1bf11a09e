package io.optionchain.engine.accounts;

import java.util.Objects;

/**
 * One OpenAlgo server the engine may use, as the failover sees it: a name, the broker behind it, its role and
 * its priority among backups. Its URLs and key belong to the gateway; the engine never holds a key.
 *
 * @param priority lower goes first among backups; ties keep the order of the accounts file
 */
public record AccountProfile(String name, String broker, AccountRole role, int priority) {
    public AccountProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(role, "role");
        if (name.isBlank() || broker.isBlank()) {
            throw new IllegalArgumentException("an account needs a name and a broker");
        }
    }

    public boolean primary() {
        return role == AccountRole.PRIMARY;
    }
}
