/**
 * The market-data WebSocket: sessions, subscriptions, the paced tick publisher and the frames it writes.
 * Reads {@code market}, suffers {@code faults}; knows nothing of REST or orders.
 */
package io.optionchain.simulator.stream;
