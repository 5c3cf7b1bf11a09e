/**
 * OpenAlgo's REST surface: the JSON wire conventions, request schemas, the error shape and the market
 * endpoints. Other route groups (orders, the /sim/ routes) are handed in by the simulator that wires them.
 */
package io.optionchain.simulator.rest;
