package io.optionchain.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.FeedMode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FeedRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instrument NIFTY = new Instrument(0, "NIFTY", "NSE_INDEX", "NIFTY", null, 0, null);
    private static final Instrument CALL = new Instrument(1, "NIFTY25NOV2524500CE", "NFO", "NIFTY",
            LocalDate.of(2025, 11, 25), 24500, OptionType.CE);

    @Test
    void shouldAuthenticateWithTheKeyUnderApiKey() throws Exception {
        assertThat(JSON.readTree(FeedRequests.authenticate("k1")))
                .isEqualTo(JSON.readTree("{\"action\":\"authenticate\",\"api_key\":\"k1\"}"));
    }

    @Test
    void shouldSubscribeInListFormWithDepthOnlyForDepthMode() throws Exception {
        assertThat(JSON.readTree(FeedRequests.subscribe(List.of(NIFTY), FeedMode.QUOTE, 100).get(0)))
                .isEqualTo(JSON.readTree("{\"action\":\"subscribe\",\"symbols\":[{\"symbol\":\"NIFTY\","
                        + "\"exchange\":\"NSE_INDEX\"}],\"mode\":\"Quote\"}"));
        assertThat(JSON.readTree(FeedRequests.subscribe(List.of(CALL), FeedMode.DEPTH, 100).get(0)))
                .isEqualTo(JSON.readTree("{\"action\":\"subscribe\",\"symbols\":[{\"symbol\":\"NIFTY25NOV2524500CE\","
                        + "\"exchange\":\"NFO\"}],\"mode\":\"Depth\",\"depth\":5}"));
        assertThat(JSON.readTree(FeedRequests.subscribe(List.of(CALL), FeedMode.LTP, 100).get(0)).path("mode").asText())
                .isEqualTo("LTP");
    }

    @Test
    void shouldUnsubscribeWithTheModeOnEachItem() throws Exception {
        String message = FeedRequests.unsubscribe(List.of(new Subscription(NIFTY, FeedMode.QUOTE),
                new Subscription(CALL, FeedMode.DEPTH)), 100).get(0);
        assertThat(JSON.readTree(message)).isEqualTo(JSON.readTree("{\"action\":\"unsubscribe\",\"symbols\":["
                + "{\"symbol\":\"NIFTY\",\"exchange\":\"NSE_INDEX\",\"mode\":\"Quote\"},"
                + "{\"symbol\":\"NIFTY25NOV2524500CE\",\"exchange\":\"NFO\",\"mode\":\"Depth\"}]}"));
    }

    @Test
    void shouldSplitLongListsIntoMessagesOfTheConfiguredSize() throws Exception {
        List<Instrument> many = IntStream.range(0, 250)
                .mapToObj(i -> new Instrument(i, "S" + i, "NFO", "NIFTY", null, 0, null)).toList();
        List<String> messages = FeedRequests.subscribe(many, FeedMode.DEPTH, 100);
        assertThat(messages).hasSize(3);
        JsonNode last = JSON.readTree(messages.get(2));
        assertThat(last.path("symbols")).hasSize(50);
        assertThat(last.path("symbols").get(49).path("symbol").asText()).isEqualTo("S249");
        assertThat(FeedRequests.subscribe(List.of(), FeedMode.DEPTH, 100)).isEmpty();
    }
}
