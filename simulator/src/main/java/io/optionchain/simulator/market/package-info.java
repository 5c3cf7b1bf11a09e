/**
 * The simulated market, the bottom room: indices, the option chain and its books, the expiry calendar,
 * the exchange calendar (holidays, special sessions, hours) and paise arithmetic. Knows nothing of HTTP,
 * WebSockets, orders or faults; every other package reads it.
 */
package io.optionchain.simulator.market;
