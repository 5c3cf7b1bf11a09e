package io.optionchain.engine.ports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The broker order API of each account, by the account's name, beside {@link MarketDataFeed}, which may take its
 * ticks from any of them: a position's exits go through the account that holds it and no other, whichever account
 * the market data comes from. OpenAlgo serves one broker account per server, so each account is its own
 * {@link OrderGateway}.
 */
public final class OrderAccounts {
    /** The one account's name when there is only one: the one-account form of the accounts file calls it so. */
    public static final String PRIMARY = "primary";

    private final Map<String, OrderGateway> gateways;
    private final String primary;

    /**
     * @param gateways every account's order API by name, in the accounts file's order
     * @param primary  the account a position is held by when its request names none, and every position journalled
     *                 before accounts existed
     * @throws IllegalArgumentException when there is no account, a name is blank, or the primary is not among them
     */
    public OrderAccounts(Map<String, OrderGateway> gateways, String primary) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed for orders");
        }
        Map<String, OrderGateway> copy = new LinkedHashMap<>();
        gateways.forEach((name, gateway) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an account needs a name");
            }
            copy.put(name, Objects.requireNonNull(gateway, "the order gateway of account " + name));
        });
        if (!copy.containsKey(primary)) {
            throw new IllegalArgumentException("the primary account '" + primary + "' is not among the accounts "
                    + copy.keySet());
        }
        this.gateways = Collections.unmodifiableMap(copy);
        this.primary = primary;
    }

    /** One account, {@value #PRIMARY}: the application before it knew several, and most tests. */
    public static OrderAccounts single(OrderGateway gateway) {
        return new OrderAccounts(Map.of(PRIMARY, gateway), PRIMARY);
    }

    public String primary() {
        return primary;
    }

    /** Every account's name, in the order given. */
    public List<String> names() {
        return List.copyOf(gateways.keySet());
    }

    public boolean has(String account) {
        return gateways.containsKey(account);
    }

    /** The order API of {@code account}; null when no such account is configured (any more). */
    public OrderGateway gateway(String account) {
        return gateways.get(account);
    }

    @Override
    public String toString() {
        return "OrderAccounts" + gateways.keySet() + " primary " + primary;
    }
}
