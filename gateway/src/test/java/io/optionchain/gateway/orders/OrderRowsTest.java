package io.optionchain.gateway.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placement time of an order row, which the desk needs before it adopts an untagged order: every way
 * brokers write it through OpenAlgo reads the same instant, and anything else reads as unknown (0).
 */
class OrderRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AT = LocalDateTime.of(2025, 8, 28, 9, 59, 10).atZone(ZoneId.of("Asia/Kolkata"))
            .toInstant().toEpochMilli();

    @Test
    void shouldReadThePlacementTimeHoweverTheBrokerWritesIt() throws Exception {
        assertThat(placed("\"28-Aug-2025 09:59:10\"")).isEqualTo(AT);
        assertThat(placed("\"28-AUG-2025 09:59:10\"")).isEqualTo(AT);
        assertThat(placed("\"2025-08-28 09:59:10\"")).isEqualTo(AT);
        assertThat(placed("\"2025-08-28T09:59:10\"")).isEqualTo(AT);
        assertThat(placed("\"2025-08-28T04:29:10Z\"")).isEqualTo(AT);
        assertThat(placed("\"2025-08-28T09:59:10+05:30\"")).isEqualTo(AT);
        assertThat(placed(Long.toString(AT / 1_000))).as("epoch seconds").isEqualTo(AT);
        assertThat(placed(Long.toString(AT))).as("epoch ms").isEqualTo(AT);
    }

    @Test
    void shouldReadAnUnknownPlacementTimeAsZero() throws Exception {
        assertThat(placed("\"09:59:10\"")).as("a time with no date").isZero();
        assertThat(placed("\"yesterday\"")).isZero();
        assertThat(placed("\"\"")).isZero();
        assertThat(placed("null")).isZero();
        assertThat(OrderRows.placedMillis(JSON.readTree("{\"orderid\":\"1\"}"))).as("absent").isZero();
    }

    private static long placed(String timestamp) throws Exception {
        return OrderRows.placedMillis(JSON.readTree("{\"timestamp\":" + timestamp + "}"));
    }
}
