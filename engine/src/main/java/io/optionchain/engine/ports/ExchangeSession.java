package io.optionchain.engine.ports;

import java.time.Instant;

/** One exchange's trading window on a date, as OpenAlgo's timings call gives it (start inclusive, end exclusive). */
public record ExchangeSession(String exchange, Instant start, Instant end) {
}
