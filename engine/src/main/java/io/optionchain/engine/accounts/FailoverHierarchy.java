package io.optionchain.engine.accounts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which accounts take over market data: the primary, then backups of the primary's broker, then
 * every other broker's, each group by priority and, at equal priority, in the order they were listed. This is
 * the seed's {@code build_failover_hierarchy}; a switch within a broker is Level 2, to another broker Level 3.
 */
public final class FailoverHierarchy {
    private final List<AccountProfile> order;

    private FailoverHierarchy(List<AccountProfile> order) {
        this.order = List.copyOf(order);
    }

    /**
     * @param accounts as listed in the accounts file: exactly one primary, names unique
     * @throws IllegalArgumentException when there is no primary, more than one, or a name twice
     */
    public static FailoverHierarchy of(List<AccountProfile> accounts) {
        List<AccountProfile> primaries = accounts.stream().filter(AccountProfile::primary).toList();
        if (primaries.size() != 1) {
            throw new IllegalArgumentException("exactly one primary account is needed, found " + primaries.size());
        }
        if (accounts.stream().map(AccountProfile::name).distinct().count() != accounts.size()) {
            throw new IllegalArgumentException("account names must be unique");
        }
        AccountProfile primary = primaries.get(0);
        // a stable sort: equal priorities keep the file's order
        Comparator<AccountProfile> byPriority = Comparator.comparingInt(AccountProfile::priority);
        List<AccountProfile> order = new ArrayList<>(accounts.size());
        order.add(primary);
        accounts.stream().filter(a -> !a.primary() && a.broker().equals(primary.broker()))
                .sorted(byPriority).forEach(order::add);
        accounts.stream().filter(a -> !a.broker().equals(primary.broker()))
                .sorted(byPriority).forEach(order::add);
        return new FailoverHierarchy(order);
    }

    /** Best first. */
    public List<AccountProfile> order() {
        return order;
    }

    public AccountProfile primary() {
        return order.get(0);
    }

    public AccountProfile named(String name) {
        for (AccountProfile account : order) {
            if (account.name().equals(name)) {
                return account;
            }
        }
        throw new IllegalArgumentException("no account named '" + name + "'");
    }

    /** The rank in the hierarchy, 0 for the primary; a lower rank is a better account. */
    public int rank(String name) {
        return order.indexOf(named(name));
    }

    /** 2 within the broker of {@code from}, 3 to another broker. */
    public static int level(AccountProfile from, AccountProfile to) {
        return from.broker().equals(to.broker()) ? 2 : 3;
    }
}
