/**
 * Injected failures, a leaf: each account's switches, its broker's, the market's per-tick fault rates, and
 * their /sim/faults routes. Every other room consults them; they depend on none.
 */
package io.optionchain.simulator.faults;
