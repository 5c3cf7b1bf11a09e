package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owned each broker order a journal's exits sent or adopted, read from its records in order: an ORDER_SENT
 * names its order, the OPENED record before it the account the order went through, a SNAPSHOT both for the
 * positions a compaction dropped. Order ids are the broker's, so two accounts may each have an order of the same
 * id: an order is known by its account and id together. Thread-safe; the first owner named stays.
 */
final class OrderOwners {
    /** An order in one account's book; the account is null for the primary's. */
    private record Key(String account, String orderId) {
    }

    private final Map<Long, String> accounts = new HashMap<>();
    private final Map<Key, String> owners = new LinkedHashMap<>();

    /** Notes what {@code record}, of the journal of {@code epoch}, says of an order's owner or a position's account. */
    synchronized void noted(String epoch, JournalRecord record) {
        if (record instanceof Opened opened) {
            if (opened.account() != null) {
                accounts.put(opened.positionId(), opened.account());
            }
        } else if (record instanceof OrderSent sent && sent.orderId() != null && !sent.orderId().isEmpty()) {
            owners.putIfAbsent(new Key(accounts.get(sent.positionId()), sent.orderId()), Journal.owner(epoch, sent));
        } else if (record instanceof Snapshot snapshot) {
            for (OrderOwner owner : snapshot.orders()) {
                owners.putIfAbsent(new Key(owner.account(), owner.orderId()), owner.ownerTag());
            }
        }
    }

    /** The account holding the position as its OPENED record says; null for the primary, or when not read. */
    synchronized String accountOf(long positionId) {
        return accounts.get(positionId);
    }

    /** Adds the owners {@code other} knows of orders this one does not. */
    void addAll(OrderOwners other) {
        List<OwnedOrder> theirs = other.all();
        synchronized (this) {
            for (OwnedOrder order : theirs) {
                owners.putIfAbsent(new Key(order.account(), order.orderId()), order.ownerTag());
            }
        }
    }

    /** From now on exactly the orders {@code other} knows, with their owners. */
    void replaceWith(OrderOwners other) {
        List<OwnedOrder> theirs = other.all();
        synchronized (this) {
            owners.clear();
            for (OwnedOrder order : theirs) {
                owners.put(new Key(order.account(), order.orderId()), order.ownerTag());
            }
        }
    }

    synchronized List<OwnedOrder> all() {
        List<OwnedOrder> all = new ArrayList<>(owners.size());
        owners.forEach((key, tag) -> all.add(new OwnedOrder(key.account(), key.orderId(), tag)));
        return all;
    }

    /** Each order id with its first owner, whatever its account. */
    synchronized Map<String, String> byOrderId() {
        Map<String, String> byId = new HashMap<>();
        owners.forEach((key, tag) -> byId.putIfAbsent(key.orderId(), tag));
        return byId;
    }

    /** The owner of {@code orderId} in {@code account}'s book (null for the primary's); null when none is known. */
    synchronized String owner(String account, String orderId) {
        return owners.get(new Key(account, orderId));
    }

    synchronized int size() {
        return owners.size();
    }
}
