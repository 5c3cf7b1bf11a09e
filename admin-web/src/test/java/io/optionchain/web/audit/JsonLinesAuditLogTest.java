package io.optionchain.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesAuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteOneJsonLinePerDecisionWithTheTickTheQuoteAndTheLatency(@TempDir Path data) throws Exception {
        AuditEvent trigger = new AuditEvent(AuditKind.TRIGGER, 1_764_043_260_123L, 7, "straddle", null, null,
                ExitReason.STOP, 250.0, 250.0, "NIFTY25NOV2524500PE", 1_764_043_260_100L, 1_764_043_260_110L, 109.5,
                110.0, Double.NaN, 41_250L, null, null, null, null);
        AuditEvent fill = new AuditEvent(AuditKind.FILL, 1_764_043_261_000L, 7, "straddle", 1, "NIFTY25NOV2524500PE",
                ExitReason.STOP, null, null, null, null, null, null, null, null, null, "250408000989444", 111.05, 150L,
                null);
        try (JsonLinesAuditLog log = JsonLinesAuditLog.open(data)) {
            log.accept(trigger);
            log.accept(fill);
        }
        List<String> lines = Files.readAllLines(data.resolve(JsonLinesAuditLog.FILE_NAME));
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("time").asText()).isEqualTo("2025-11-25T09:31:00.123+05:30");
        assertThat(first.path("kind").asText()).isEqualTo("TRIGGER");
        assertThat(first.path("position_id").asLong()).isEqualTo(7);
        assertThat(first.path("reason").asText()).isEqualTo("STOP");
        assertThat(first.path("tick_symbol").asText()).isEqualTo("NIFTY25NOV2524500PE");
        assertThat(first.path("tick_exchange_time").asLong()).isEqualTo(1_764_043_260_100L);
        assertThat(first.path("bid").asDouble()).isEqualTo(109.5);
        assertThat(first.path("ask").asDouble()).isEqualTo(110.0);
        assertThat(first.has("ltp")).as("a value not known is left out").isFalse();
        assertThat(first.path("latency_us").asDouble()).isEqualTo(41.3);
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.path("leg").asInt()).isEqualTo(1);
        assertThat(second.path("order_id").asText()).isEqualTo("250408000989444");
        assertThat(second.path("price").asDouble()).isEqualTo(111.05);
        assertThat(second.path("quantity").asLong()).isEqualTo(150);
    }

    @Test
    void shouldAppendAcrossRestartsAndDropWhatArrivesAfterClose(@TempDir Path data) throws Exception {
        AuditEvent alert = new AuditEvent(AuditKind.ALERT, 1L, 1, "s", null, "X", null, 88.0, 80.0, "X", null, null,
                88.0, 88.5, null, null, null, null, null, "near stop");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.open(data)) {
            log.accept(alert);
        }
        JsonLinesAuditLog log = JsonLinesAuditLog.open(data);
        for (int i = 0; i < 1_000; i++) {
            log.accept(alert);
        }
        log.close();
        log.accept(alert);

        assertThat(log.written()).isEqualTo(1_000);
        assertThat(log.dropped()).isEqualTo(1);
        List<String> lines = Files.readAllLines(data.resolve(JsonLinesAuditLog.FILE_NAME));
        assertThat(lines).hasSize(1_001);
        for (String line : lines) {
            assertThat(JSON.readTree(line).path("kind").asText()).isEqualTo("ALERT");
        }
    }
}
