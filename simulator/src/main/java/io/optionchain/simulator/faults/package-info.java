/**
 * Injected failures, a leaf: the switches, the per-tick fault rates and their /sim/faults routes. Every
 * other room consults them; they depend on none.
 */
package io.optionchain.simulator.faults;
