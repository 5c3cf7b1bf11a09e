/**
 * The hot path's first stage: one OpenAlgo market-data frame, as UTF-8 bytes, decoded straight into a
 * caller-owned {@code TickEvent} without allocating ({@link io.optionchain.gateway.decode.FrameDecoder}), and the
 * frame layout it reads ({@link io.optionchain.gateway.decode.FrameDescriptor}).
 *
 * <p>Depends on the engine's tick and instrument types only; nothing else in the gateway. The feed uses it.
 */
package io.optionchain.gateway.decode;
