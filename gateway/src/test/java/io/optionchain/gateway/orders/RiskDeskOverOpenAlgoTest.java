package io.optionchain.gateway.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.desk.RiskContext;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.gateway.rest.StubOpenAlgo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop from tick to filled exit through the whole stack: ticks on the ring, the risk stage, the exit executor's
 * thread, the order client over real HTTP to a scripted OpenAlgo stand-in (the simulator's order endpoints are
 * being built alongside), and what it audits.
 */
class RiskDeskOverOpenAlgoTest {
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);
    private static final String CE = "NIFTY25NOV2524500CE";

    @TempDir
    Path data;

    @Test
    void shouldPlaceAndFollowOneExitOverHttpAndAuditIt() throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(64);
        List<AuditEvent> audited = new CopyOnWriteArrayList<>();
        AuditSink audit = audited::add;
        try (StubOpenAlgo server = new StubOpenAlgo();
             ChainStore store = ChainStore.inMemory(64)) {
            server.thenOnce(200, "{\"status\":\"success\",\"orderid\":\"250408000989443\"}")
                    .answer(200, """
                            {"status":"success","data":{"action":"SELL","average_price":79.1,"exchange":"NFO",
                             "order_status":"complete","orderid":"250408000989443","price":79.0,"pricetype":"LIMIT",
                             "product":"MIS","quantity":"75","symbol":"NIFTY25NOV2524500CE"}}""");
            OpenAlgoOrderClient orders = new OpenAlgoOrderClient(server.url(), "key-for-this-test", Duration.ofSeconds(5));
            ChainBook book = new ChainBook(registry, List.of("NIFTY"));
            try (RiskDesk desk = RiskDesk.open(new RiskContext(data, RiskSettings.defaults(), registry, store,
                    book.pins(), List.of(NIFTY), orders, audit, Clock.systemUTC())).start();
                 Pipeline pipeline = new Pipeline(store, book, desk.handler(), Clock.systemUTC(),
                         RingSettings.blocking(256))) {
                long id = desk.open(PositionRequest.single("scalp", new LegRequest(CE, PositionSide.LONG, 75, 100),
                        ExitRules.stopAt(80))).id();
                TickEvent tick = new TickEvent();
                for (double bid = 82; bid >= 79.9; bid -= 0.5) {
                    tick.clear();
                    tick.instrumentId = registry.idOf(CE);
                    tick.fields = TickEvent.LTP | TickEvent.DEPTH;
                    tick.ltp = bid;
                    tick.bidLevels = tick.askLevels = 1;
                    tick.bidPrice[0] = bid;
                    tick.askPrice[0] = bid + 0.5;
                    tick.bidQuantity[0] = tick.askQuantity[0] = 1_500;
                    tick.exchangeTimeMillis = tick.serverTimeMillis = System.currentTimeMillis();
                    tick.arrivalNanos = System.nanoTime();
                    assertThat(pipeline.offer(tick)).isTrue();
                }

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (desk.position(id).orElseThrow().state() != PositionState.CLOSED && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Position closed = desk.position(id).orElseThrow();
                assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
                assertThat(closed.legs().get(0).orderId()).isEqualTo("250408000989443");
                assertThat(closed.legs().get(0).fillPrice()).isEqualTo(79.1);
                assertThat(server.path).isEqualTo("/api/v1/orderstatus");
                assertThat(new ObjectMapper().readTree(server.body).path("strategy").asText()).isEqualTo(ExitOrder.tag(desk.epoch(), id, 0));
            }
            List<String> kinds = audited.stream().map(event -> event.kind().name()).toList();
            assertThat(kinds).containsExactly("OPENED", "ALERT", "TRIGGER", "ORDER_SENT", "FILL", "CLOSED");
        }
    }
}
