package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money paths under damage (issue "Money paths under damage"): what a hostile or careless caller sends to the
 * running application over real HTTP, byte for byte where a client library would refuse to send it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = RunningApplication.TOKEN;

    private RunningApplication application;
    private ApplicationHttp api;
    private String symbol;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        application = RunningApplication.start(data);
        api = application.http();
        symbol = api.awaitChain("NIFTY", RunningApplication::everyLegQuoted)
                .get("options").get(20).get("ce_data").get("symbol").asText();
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void shouldRefuseLotsAndQuantitiesThatAreNotWholeNumbersWithinTheLimits() throws Exception {
        assertRefused(leg("\"lots\":18446744073709551617"), "legs[0].lots", "10000");
        assertRefused(leg("\"lots\":1e12"), "legs[0].lots", "10000");
        assertRefused(leg("\"lots\":1.5"), "legs[0].lots", "10000");
        assertRefused(leg("\"lots\":-1"), "legs[0].lots", "10000");
        assertRefused(leg("\"lots\":0"), "legs[0].lots", "10000");
        assertRefused(leg("\"lots\":1e999"), "legs[0].lots", "10000");
        assertRefused(leg("\"quantity\":10000001"), "legs[0].quantity", "10000000");
        assertRefused(leg("\"quantity\":9223372036854775808"), "legs[0].quantity", "10000000");

        assertThat(positionsOf("hostile-lots")).isEmpty();
    }

    @Test
    void shouldRefuseAKeyGivenTwiceNamingTheKey() throws Exception {
        String body = "{\"strategy\":\"hostile-dup\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"lots\":500,\"entry_price\":100}]}";
        HttpResponse<String> response = api.send("POST", "/api/positions", body, TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains("'lots'");
        assertThat(positionsOf("hostile-dup")).isEmpty();
    }

    @Test
    void shouldRefuseControlCharactersInNamesAndNeverEchoAHugeValue() throws Exception {
        for (String name : List.of("nul\\u0000name", "\\u001b[31mred", "bidi\\u202eevil", "line\\u2028break")) {
            HttpResponse<String> response = post("{\"strategy\":\"" + name + "\",\"legs\":[{\"symbol\":\"" + symbol
                    + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}]}");
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(400);
            assertThat(message(response)).contains("strategy").doesNotContain("\u0000", "\u001b", "\u202e");
        }
        HttpResponse<String> product = post("{\"strategy\":\"ok\",\"product\":\"MIS\\u0007\",\"legs\":[{\"symbol\":\""
                + symbol + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}]}");
        assertThat(product.statusCode()).as(product.body()).isEqualTo(400);
        assertThat(message(product)).contains("product");
        HttpResponse<String> leg = post("{\"strategy\":\"ok\",\"legs\":[{\"symbol\":\"" + symbol
                + "\\u0000\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}]}");
        assertThat(leg.statusCode()).as(leg.body()).isEqualTo(400);
        assertThat(message(leg)).contains("legs[0].symbol");

        String huge = "x".repeat(900_000);
        HttpResponse<String> response = post("{\"strategy\":\"" + huge + "\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("strategy").contains("x".repeat(64)).doesNotContain("x".repeat(65));
        HttpResponse<String> field = post("{\"" + huge + "\":1}");
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(field.body().length()).isLessThan(600);
        HttpResponse<String> path = api.get("/api/" + "y".repeat(4_000));
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(path.body()).doesNotContain("y".repeat(65));
    }

    @Test
    void shouldAnswerJettysOwnErrorsInJson() throws Exception {
        for (String request : List.of("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
                "GET /api/option-chain/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "PATCH /api/option-chain/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\n\r\n")) {
            String response = raw(request);
            String firstLine = response.lines().findFirst().orElse("");
            assertThat(firstLine).as(request).matches("HTTP/1.1 4\\d\\d .*");
            assertThat(response.toLowerCase()).as(response).contains("content-type: application/json");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2);
            }
            assertThat(body).as(response).startsWith("{\"status\":\"error\",\"message\":");
        }
    }

    @Test
    void shouldShowAnIndexsUnknownBidAndAskAsNull() throws Exception {
        JsonNode ticks = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ticks = JSON.readTree(api.get("/api/option-chain/ticks/NIFTY").body());
            if (ticks.path("count").asInt() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(ticks.path("count").asInt()).as(ticks.toString()).isPositive();
        for (JsonNode tick : ticks.get("ticks")) {
            assertThat(tick.get("ltp").isNumber()).as(tick.toString()).isTrue();
            assertThat(tick.get("bid").isNull()).as(tick.toString()).isTrue();
            assertThat(tick.get("ask").isNull()).as(tick.toString()).isTrue();
        }
    }

    @Test
    void shouldListPositionsByStateAndInPages() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> opened = post("{\"strategy\":\"paged\",\"legs\":[{\"symbol\":\"" + symbol
                    + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}]}");
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            ids.add(JSON.readTree(opened.body()).get("id").asLong());
        }
        assertThat(api.send("DELETE", "/api/positions/" + ids.get(1), null, TOKEN).statusCode()).isEqualTo(200);

        JsonNode cancelled = JSON.readTree(api.get("/api/positions?state=cancelled").body());
        assertThat(cancelled.get("positions")).extracting(p -> p.get("id").asLong()).containsExactly(ids.get(1));
        JsonNode open = JSON.readTree(api.get("/api/positions?state=OPEN").body());
        assertThat(open.get("positions")).extracting(p -> p.get("id").asLong()).doesNotContain(ids.get(1));
        assertThat(open.get("positions")).allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("OPEN"));

        // ids start at 0: the page that starts at the first id is the one without after=
        JsonNode first = JSON.readTree(api.get("/api/positions?limit=2"
                + (ids.get(0) == 0 ? "" : "&after=" + (ids.get(0) - 1))).body());
        assertThat(first.get("positions")).extracting(p -> p.get("id").asLong()).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.get("next_after").asLong()).isEqualTo(ids.get(1));
        JsonNode second = JSON.readTree(api.get("/api/positions?limit=2&after=" + ids.get(1)).body());
        assertThat(second.get("positions")).extracting(p -> p.get("id").asLong()).containsExactly(ids.get(2));
        assertThat(second.has("next_after")).isFalse();
        JsonNode all = JSON.readTree(api.get("/api/positions").body());
        assertThat(all.has("strategies")).isTrue();
        assertThat(all.has("next_after")).isFalse();

        for (String bad : List.of("state=nonsense", "limit=0", "limit=1001", "limit=x", "after=-1")) {
            HttpResponse<String> response = api.get("/api/positions?" + bad);
            assertThat(response.statusCode()).as(bad + ": " + response.body()).isEqualTo(400);
            assertThat(message(response)).contains(bad.substring(0, bad.indexOf('=')));
        }
    }

    private String leg(String amount) {
        return "{\"strategy\":\"hostile-lots\",\"legs\":[{\"symbol\":\"" + symbol + "\",\"side\":\"long\"," + amount
                + ",\"entry_price\":100}]}";
    }

    private void assertRefused(String body, String field, String limit) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(message(response)).as(body).contains(field).contains(limit);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return api.send("POST", "/api/positions", body, TOKEN);
    }

    private List<JsonNode> positionsOf(String strategy) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode position : JSON.readTree(api.get("/api/positions").body()).get("positions")) {
            if (position.get("strategy").asText().equals(strategy)) {
                found.add(position);
            }
        }
        return found;
    }

    private static String message(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        return body.get("message").asText();
    }

    /** One request as bytes no HTTP client would send, and what came back until the server closed or paused. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", application.port()), 5_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // a kept-alive connection: what arrived is the answer
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
