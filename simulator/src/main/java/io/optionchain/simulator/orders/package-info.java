/**
 * The simulated broker: order endpoints, order schema, terms, working orders and the desk that fills them
 * against the market's books. Uses {@code rest} for the wire, {@code stream} to keep watched symbols
 * ticking, {@code faults} for order faults.
 */
package io.optionchain.simulator.orders;
