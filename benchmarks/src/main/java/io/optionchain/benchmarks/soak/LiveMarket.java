package io.optionchain.benchmarks.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running application monitors, learnt from it once it is ready: every chain (index and expiry)
 * and the symbols of their bands. The soak's requests, streams and positions are spread over these.
 *
 * @param chains     every monitored chain, NIFTY's first
 * @param symbols    the indices and every option of every chain, for the ticks route
 * @param subscribed symbols the application had subscribed when it became ready
 */
record LiveMarket(List<Chain> chains, List<String> symbols, int subscribed) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One monitored chain. */
    record Chain(String underlying, String expiry) {
        String path() {
            return "/api/option-chain/" + underlying + "?expiry=" + URLEncoder.encode(expiry, StandardCharsets.UTF_8);
        }

        String streamPath() {
            return "/api/option-chain/" + underlying + "/stream?expiry="
                    + URLEncoder.encode(expiry, StandardCharsets.UTF_8);
        }
    }

    List<Chain> chainsOf(String underlying) {
        return chains.stream().filter(c -> c.underlying().equals(underlying)).toList();
    }

    /**
     * Waits until every index is monitored with no problem, at least {@code instruments} symbols are
     * subscribed (chains open one expiry at a time) with none left out of the budget, the feed is
     * connected, and every chain answers; then reads each chain once for its symbols.
     */
    static LiveMarket await(HttpClient client, ApplicationProcess application, int instruments, Duration limit,
                            Path log) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String lastState = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!application.isAlive()) {
                throw new IllegalStateException("the application exited while starting; its log ends:\n"
                        + ApplicationProcess.tail(log, 30));
            }
            try {
                JsonNode status = get(client, application.baseUrl() + "/api/option-chain/status");
                if (status != null) {
                    lastState = "feed " + status.path("feed").path("state").asText() + ", subscribed "
                            + status.path("subscriptions").path("subscribed").asInt();
                    LiveMarket market = status.path("subscriptions").path("subscribed").asInt() < instruments ? null
                            : readyMarket(client, application.baseUrl(), status);
                    if (market != null) {
                        return market;
                    }
                }
            } catch (IOException notListeningYet) {
                lastState = "not answering: " + notListeningYet.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the application was not ready after " + limit.toSeconds() + " s ("
                + lastState + "); its log ends:\n" + ApplicationProcess.tail(log, 30));
    }

    private static LiveMarket readyMarket(HttpClient client, String baseUrl, JsonNode status)
            throws IOException, InterruptedException {
        if (!"CONNECTED".equals(status.path("feed").path("state").asText())
                || status.path("subscriptions").path("left_out").asInt(-1) != 0
                || status.path("feed").path("unplaced_symbols").size() > 0) {
            return null;
        }
        List<Chain> chains = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (JsonNode underlying : status.path("underlyings")) {
            if (!underlying.path("monitoring").asBoolean() || !underlying.path("problem").isNull()
                    || underlying.path("expiries").isEmpty()) {
                return null;
            }
            String name = underlying.path("underlying").asText();
            symbols.add(name);
            for (JsonNode expiry : underlying.path("expiries")) {
                chains.add(new Chain(name, expiry.asText()));
            }
        }
        for (Chain chain : chains) {
            JsonNode answer = get(client, baseUrl + chain.path());
            if (answer == null) {
                return null;
            }
            for (JsonNode row : answer.path("options")) {
                symbols.add(row.path("ce_data").path("symbol").asText());
                symbols.add(row.path("pe_data").path("symbol").asText());
            }
        }
        return chains.isEmpty() ? null
                : new LiveMarket(List.copyOf(chains), List.copyOf(symbols),
                        status.path("subscriptions").path("subscribed").asInt());
    }

    /** The body of a 200 as JSON; null for any other status. */
    static JsonNode get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }
}
