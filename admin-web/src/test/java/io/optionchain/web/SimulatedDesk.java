package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated OpenAlgo and the application against it, on a data directory of their own, for the tests that drive
 * a money path over HTTP and count its orders at the simulator; closed (and the directory removed) after each test.
 * Register it with {@code @RegisterExtension final SimulatedDesk desk = new SimulatedDesk("…-key", "…-token");}.
 */
final class SimulatedDesk implements AfterEachCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String apiKey;
    private final String token;
    private final Path data;
    private OpenAlgoSimulator market;
    private RunningApplication application;
    private UnaryOperator<RunningApplication.Launch> launch = UnaryOperator.identity();

    SimulatedDesk(String apiKey, String token) {
        this.apiKey = apiKey;
        this.token = token;
        try {
            this.data = Files.createTempDirectory("simulated-desk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the market: the defaults for this desk's key, at {@code seed}, ticking 500 times a second. */
    OpenAlgoSimulator market(int seed) {
        return market(config -> config.withSeed(seed).withTicksPerSecond(500));
    }

    OpenAlgoSimulator market(UnaryOperator<SimulatorConfig> config) {
        market = OpenAlgoSimulator.start(config.apply(SimulatorConfig.defaults(apiKey)));
        return market;
    }

    OpenAlgoSimulator market() {
        return market;
    }

    /** Starts the application on the market with this desk's token; {@code more} adds to its launch. */
    RunningApplication start(UnaryOperator<RunningApplication.Launch> more) throws InterruptedException {
        launch = more;
        return start();
    }

    /** Starts the application (again, after a {@link #stop}) as it was first launched. */
    RunningApplication start() throws InterruptedException {
        application = launch.apply(RunningApplication.in(data).on(market, apiKey).token(token)).start();
        return application;
    }

    /** Closes the application (as a shutdown does), keeping the market and the data directory. */
    void stop() {
        if (application != null) {
            application.close();
            application = null;
        }
    }

    RunningApplication app() {
        return application;
    }

    Path data() {
        return data;
    }

    String token() {
        return token;
    }

    /** A request with the token; {@code null} body for none. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return application.http().send(method, path, body, token);
    }

    /**
     * Registers a short position of one lot a leg, each sold at its chain leg's ask plus
     * {@code aboveAsk} (at least 0.05), its stop out of reach: what the money-path tests exit by other means.
     */
    HttpResponse<String> sell(String strategy, double aboveAsk, JsonNode... legs) throws Exception {
        StringBuilder body = new StringBuilder("{\"strategy\":\"" + strategy + "\",\"legs\":[");
        for (int i = 0; i < legs.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(legs[i].get("symbol").asText())
                    .append("\",\"side\":\"short\",\"lots\":1,\"entry_price\":")
                    .append(Math.max(0.05, legs[i].get("ask").asDouble() + aboveAsk)).append('}');
        }
        body.append("],\"stop\":100000}");
        return send("POST", "/api/positions", body.toString());
    }

    /** {@link #sell}, which must be accepted: the new position's id. */
    long sold(String strategy, double aboveAsk, JsonNode... legs) throws Exception {
        HttpResponse<String> response = sell(strategy, aboveAsk, legs);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    JsonNode position(long id) throws Exception {
        return JSON.readTree(application.http().get("/api/positions/" + id).body());
    }

    /** Waits up to 30 s for the position to reach {@code state}, then asserts it did; returns it as it stands. */
    JsonNode awaitState(long id, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode position = position(id);
        while (!position.get("state").asText().equals(state) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            position = position(id);
        }
        assertThat(position.get("state").asText()).as("position %d: %s", id, position).isEqualTo(state);
        return position;
    }

    /** Waits up to 30 s for the simulator's book to hold {@code count} orders, then asserts it holds exactly that. */
    void awaitOrders(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (market.orders().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(market.orders()).hasSize(count);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stop();
        if (market != null) {
            market.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
