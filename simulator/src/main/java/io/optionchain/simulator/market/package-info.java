/**
 * The simulated market, the bottom room: indices, the option chain and its books, the expiry calendar
 * and paise arithmetic. Knows nothing of HTTP, WebSockets, orders or faults; every other package reads it.
 */
package io.optionchain.simulator.market;
