package io.optionchain.gateway.orders;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.ports.BrokerPosition;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.OrderGatewayException;
import io.optionchain.engine.ports.OrderGatewayException.Outcome;
import io.optionchain.gateway.rest.DepthQuote;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.gateway.rest.StubOpenAlgo;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link OpenAlgoOrderClient#positionBook()}: the simulated broker's net positions over real HTTP, and an answer
 * that does not say what is held refused whole, with the key kept out of the message.
 */
class PositionBookClientTest {
    private static final String KEY = "position-book-client-key-61c0";

    @Test
    void shouldReadTheNetPositionsTheSimulatorsFillsLeft() throws Exception {
        try (OpenAlgoSimulator simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(41)
                .withTicksPerSecond(400))) {
            OpenAlgoOrderClient client = new OpenAlgoOrderClient(simulator.restUrl(), KEY, Duration.ofSeconds(5));
            OpenAlgoRestClient market = new OpenAlgoRestClient(simulator.restUrl(), KEY, Duration.ofSeconds(5));
            LocalDate expiry = market.expiries("NIFTY", "NFO", "options").get(0);
            double strike = Math.round(market.quote("NIFTY", "NSE_INDEX").ltp() / 50) * 50.0;
            String call = OptionSymbol.of("NIFTY", expiry, strike - 200, OptionType.CE);
            String put = OptionSymbol.of("NIFTY", expiry, strike + 200, OptionType.PE);

            filled(client, market, call, OrderAction.BUY, 130, "MIS");
            filled(client, market, call, OrderAction.SELL, 65, "MIS");
            filled(client, market, put, OrderAction.SELL, 65, "NRML");
            List<BrokerPosition> book = client.positionBook();

            assertThat(book).extracting(BrokerPosition::symbol, BrokerPosition::exchange, BrokerPosition::product,
                    BrokerPosition::quantity).containsExactlyInAnyOrder(tuple(call, "NFO", "MIS", 65L),
                    tuple(put, "NFO", "NRML", -65L));
            assertThat(book).allSatisfy(row -> assertThat(row.averagePrice()).isPositive());
        }
    }

    @Test
    void shouldRefuseAPositionBookThatDoesNotSayWhatIsHeldWithoutTheKey() throws Exception {
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            OpenAlgoOrderClient client = new OpenAlgoOrderClient(server.url(), KEY, Duration.ofSeconds(5));
            server.answer(200, "{\"status\":\"success\",\"data\":[{\"symbol\":\"NIFTY25NOV2524500CE\",\"exchange\":"
                    + "\"NFO\",\"product\":\"MIS\",\"quantity\":\"75\"},{\"symbol\":\"NIFTY25NOV2524500PE\","
                    + "\"exchange\":\"NFO\",\"product\":\"MIS\",\"quantity\":\"about " + KEY + "\"}]}");

            OrderGatewayException badRow = catchThrowableOfType(OrderGatewayException.class, client::positionBook);

            assertThat(badRow.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(badRow).hasMessageContaining("positionbook").hasMessageContaining("row 1")
                    .hasMessageContaining("whole quantity");
            assertNoKey(badRow);

            server.answer(200, "{\"status\":\"success\",\"data\":\"" + KEY + "\"}");
            OrderGatewayException notAList = catchThrowableOfType(OrderGatewayException.class, client::positionBook);
            assertThat(notAList).hasMessageContaining("no list of positions");
            assertNoKey(notAList);

            server.answer(200, "{\"status\":\"success\",\"data\":[{\"symbol\":\"NIFTY25NOV2524500CE\",\"exchange\":"
                    + "\"NFO\",\"product\":\"NRML\",\"quantity\":\"-75.0\",\"average_price\":\"80.50\"}]}");
            assertThat(client.positionBook()).containsExactly(
                    new BrokerPosition("NIFTY25NOV2524500CE", "NFO", "NRML", -75, 80.5, 0, 0));
        }
    }

    /** Bought or sold at the fifth level of the book, so the whole quantity fills at once, then followed. */
    private static void filled(OpenAlgoOrderClient client, OpenAlgoRestClient market, String symbol,
                               OrderAction action, long quantity, String product) throws InterruptedException {
        DepthQuote depth = market.depth(symbol, "NFO");
        double price = (action == OrderAction.BUY ? depth.asks() : depth.bids()).get(4).price();
        String id = client.place(new ExitOrder(0, 0, "entry", symbol, "NFO", action, quantity, price, product));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.status(id, "entry").state() != BrokerOrderState.COMPLETE) {
            assertThat(System.nanoTime()).as("order %s never filled", id).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertNoKey(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY);
    }
}
