package io.optionchain.engine.accounts;

import java.util.List;

/**
 * The failover as status, its stream and the page show it.
 *
 * @param degraded no usable account is left: the chain is the last one received, stale, while every account
 *                 is retried
 */
public record FailoverStatus(String activeAccount, boolean degraded, List<AccountView> accounts,
                             List<FailoverRecord> history) {
}
