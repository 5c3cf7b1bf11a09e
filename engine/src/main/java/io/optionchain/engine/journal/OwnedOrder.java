package io.optionchain.engine.journal;

/**
 * A broker order some exit owned, as a journal (this one or an older one beside it) says: an order no other exit
 * may adopt in that account's order book.
 *
 * @param account  the account the order went through; null for the primary, as every order journalled before
 *                 positions named their account (and one whose position's OPENED record was lost) reads
 * @param ownerTag the exit tag of the leg, or slice of a leg, that owned it
 */
public record OwnedOrder(String account, String orderId, String ownerTag) {
}
