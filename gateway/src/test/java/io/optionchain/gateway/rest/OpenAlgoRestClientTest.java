package io.optionchain.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class OpenAlgoRestClientTest {
    private static final String KEY = "secret-key-4f9a2c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubOpenAlgo server;
    private OpenAlgoRestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new StubOpenAlgo();
        client = new OpenAlgoRestClient(server.url() + "/", KEY, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPostQuotesWithExactlyTheFieldsTheEndpointAccepts() throws Exception {
        server.answer(200, """
                {"status":"success","data":{"open":"24500.5","high":24610,"low":"24480.25","ltp":"24567.35",
                 "ask":0,"bid":"0","prev_close":24550.1,"volume":"0"}}""");

        IndexQuote quote = client.quote("NIFTY", "NSE_INDEX");

        assertThat(server.method).isEqualTo("POST");
        assertThat(server.path).isEqualTo("/api/v1/quotes");
        assertThat(server.contentType).isEqualTo("application/json");
        assertThat(JSON.readTree(server.body))
                .isEqualTo(JSON.readTree("{\"apikey\":\"" + KEY + "\",\"symbol\":\"NIFTY\",\"exchange\":\"NSE_INDEX\"}"));
        assertThat(quote).isEqualTo(new IndexQuote(24567.35, 0, 0, 24500.5, 24610, 24480.25, 24550.1, 0, 0));
    }

    @Test
    void shouldReturnExpiriesAscendingWithoutRepeats() throws Exception {
        server.answer(200, """
                {"status":"success","message":"Found 3 expiry dates for NIFTY options in NFO",
                 "data":["30-DEC-25","25-NOV-25","02-DEC-25","25-nov-25"]}""");

        List<LocalDate> expiries = client.expiries("NIFTY", "NFO", "options");

        assertThat(server.path).isEqualTo("/api/v1/expiry");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree("{\"apikey\":\"" + KEY
                + "\",\"symbol\":\"NIFTY\",\"exchange\":\"NFO\",\"instrumenttype\":\"options\"}"));
        assertThat(expiries).containsExactly(LocalDate.of(2025, 11, 25), LocalDate.of(2025, 12, 2),
                LocalDate.of(2025, 12, 30));
    }

    @Test
    void shouldReturnNoExpiriesWhenThereAreNone() {
        server.answer(200, "{\"status\":\"success\",\"message\":\"No expiry dates found\",\"data\":[]}");
        assertThat(client.expiries("NIFTY", "NFO", "futures")).isEmpty();
    }

    @Test
    void shouldReadDepthLevelsBestFirstLeavingOutPadding() throws Exception {
        server.answer(200, """
                {"status":"success","data":{"ltp":"311.6","ltq":75,"totalbuyqty":"9000","totalsellqty":8000,
                 "bids":[{"price":311.1,"quantity":"1500"},{"price":"311.05","quantity":900},{"price":0,"quantity":0}],
                 "asks":[{"price":312.1,"quantity":2250}]}}""");

        DepthQuote depth = client.depth("NIFTY25AUG2624550CE", "NFO");

        assertThat(server.path).isEqualTo("/api/v1/depth");
        assertThat(JSON.readTree(server.body)).isEqualTo(JSON.readTree("{\"apikey\":\"" + KEY
                + "\",\"symbol\":\"NIFTY25AUG2624550CE\",\"exchange\":\"NFO\"}"));
        assertThat(depth.ltp()).isEqualTo(311.6);
        assertThat(depth.bids()).containsExactly(new DepthLevel(311.1, 1500), new DepthLevel(311.05, 900));
        assertThat(depth.asks()).containsExactly(new DepthLevel(312.1, 2250));
        assertThat(depth.totalBuyQuantity()).isEqualTo(9000);
        assertThat(depth.totalSellQuantity()).isEqualTo(8000);
    }

    @Test
    void shouldCarryStatusAndOpenAlgoMessageButNeverTheKey() {
        server.answer(403, "{\"status\":\"error\",\"message\":\"Invalid openalgo apikey\"}");

        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> client.quote("NIFTY", "NSE_INDEX"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.endpoint()).isEqualTo("quotes");
        assertThat(e.serverMessage()).isEqualTo("Invalid openalgo apikey");
        assertThat(e.getMessage()).isEqualTo("quotes failed (HTTP 403): Invalid openalgo apikey");
        assertNoKey(e);
    }

    @Test
    void shouldScrubTheKeyWhenTheServerEchoesIt() {
        server.answer(400, "{\"status\":\"error\",\"message\":{\"apikey\":[\"" + KEY + " is not valid\"]}}");

        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> client.depth("X", "NFO"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.serverMessage()).contains("is not valid").contains("****");
        assertNoKey(e);
    }

    @Test
    void shouldReportAnErrorStatusInASuccessfulHttpReply() {
        server.answer(200, "{\"status\":\"error\",\"message\":\"Symbol not found\"}");
        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> client.quote("X", "NSE"));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.serverMessage()).isEqualTo("Symbol not found");
    }

    @Test
    void shouldReportAReplyThatIsNotJson() {
        server.answer(502, "<html><body>Bad Gateway</body></html>");
        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> client.quote("NIFTY", "NSE_INDEX"));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("not a JSON object").contains("Bad Gateway");
    }

    @Test
    void shouldReportAReplyWithoutDataOrWithBadValues() {
        server.answer(200, "{\"status\":\"success\"}");
        assertThat(catchThrowableOfType(OpenAlgoException.class, () -> client.quote("NIFTY", "NSE_INDEX")))
                .hasMessageContaining("no data");

        server.answer(200, "{\"status\":\"success\",\"data\":{\"ltp\":\"abc\"}}");
        assertThat(catchThrowableOfType(OpenAlgoException.class, () -> client.quote("NIFTY", "NSE_INDEX")))
                .hasMessageContaining("ltp is not a number: 'abc'");

        server.answer(200, "{\"status\":\"success\",\"data\":[\"2025-11-25\"]}");
        assertThat(catchThrowableOfType(OpenAlgoException.class, () -> client.expiries("NIFTY", "NFO", "options")))
                .hasMessageContaining("25-NOV-25");
    }

    @Test
    void shouldReportNoResponseAsStatusZero() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAlgoRestClient unreachable = new OpenAlgoRestClient("http://127.0.0.1:" + closedPort, KEY,
                Duration.ofSeconds(2));

        OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class, () -> unreachable.quote("NIFTY", "NSE_INDEX"));

        assertThat(e.status()).isZero();
        assertNoKey(e);
    }

    @Test
    void shouldNotShowTheKeyInToString() {
        assertThat(client.toString()).doesNotContain(KEY).contains("****");
    }

    public static void assertNoKey(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY);
        assertThat(e.toString()).doesNotContain(KEY);
    }
}
