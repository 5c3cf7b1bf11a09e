package io.optionchain.web;

import io.optionchain.simulator.OpenAlgoSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trader's own entries at the simulated broker, placed outside the application as every position's entry is:
 * OpenAlgo's placeorder over real HTTP, waited on until it filled.
 */
public final class BrokerEntries {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BrokerEntries() {
    }

    /** Buys {@code quantity} units of {@code symbol} (NFO, MIS) at the market and returns once all of it filled. */
    public static void buy(OpenAlgoSimulator market, String apiKey, String symbol, int quantity) throws Exception {
        String body = "{\"apikey\":\"" + apiKey + "\",\"strategy\":\"entry\",\"exchange\":\"NFO\",\"symbol\":\""
                + symbol + "\",\"action\":\"BUY\",\"quantity\":" + quantity + ",\"pricetype\":\"MARKET\","
                + "\"product\":\"MIS\"}";
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(market.restUrl()
                        + "/api/v1/placeorder")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (market.orders().stream().noneMatch(o -> o.symbol().equals(symbol) && o.status().equals("complete")
                && o.filled() == quantity)) {
            assertThat(System.nanoTime()).as("the entry never filled: %s", market.orders()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
