package io.optionchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SimulatorMain} as its own process, as a test of an application that may be killed uses it: orders
 * placed over REST are counted afterwards through {@code GET /sim/orders}, and the per-connection cap
 * comes from the command line.
 */
class SimulatorProcessTest {
    private static final String KEY = "process-test-key";
    private static final Pattern REST = Pattern.compile("REST\\s+(http://\\S+?)/api/v1/");
    private static final Pattern WS = Pattern.compile("WebSocket\\s+(ws://\\S+)");

    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldServeOrdersAndTheirListFromASeparateProcess() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(),
                "--rest-port", "0", "--ws-port", "0", "--seed", "5", "--max-symbols-per-connection", "1")
                .redirectErrorStream(true);
        builder.environment().put("OPENALGO_API_KEY", KEY);
        process = builder.start();
        Map<String, CompletableFuture<String>> printed = addresses(process);
        ApiClient api = new ApiClient(printed.get("rest").get(30, TimeUnit.SECONDS));

        String option = atmCall(api);
        Map<String, Object> order = new HashMap<>();
        order.put("apikey", KEY);
        order.put("strategy", "exit");
        order.put("exchange", "NFO");
        order.put("symbol", option);
        order.put("action", "SELL");
        order.put("quantity", "65");
        order.put("pricetype", "MARKET");
        order.put("product", "NRML");
        ApiClient.Reply placed = api.post("placeorder", order);
        assertThat(placed.status()).isEqualTo(200);

        JsonNode listed = api.control("GET", "orders").body();
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        assertThat(listed.path("orders").get(0).path("orderid").asText())
                .isEqualTo(placed.body().path("orderid").asText());
        assertThat(listed.path("orders").get(0).path("strategy").asText()).isEqualTo("exit");
        assertThat(listed.path("orders").get(0).path("action").asText()).isEqualTo("SELL");
        assertThat(api.control("GET", "connections").body().path("count").asInt()).isZero();

        try (FeedClient feed = FeedClient.connect(printed.get("ws").get(30, TimeUnit.SECONDS))) {
            feed.send(Map.of("action", "authenticate", "api_key", KEY));
            feed.reply("auth");
            feed.send(Map.of("action", "subscribe", "mode", 1, "symbols", List.of(
                    Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"), Map.of("symbol", option, "exchange", "NFO"))));
            JsonNode items = feed.reply("subscribe").path("subscriptions");
            assertThat(items.get(1).path("code").asText()).as("--max-symbols-per-connection 1")
                    .isEqualTo("MAX_CAPACITY_REACHED");
            assertThat(api.control("GET", "connections").body().path("connections").get(0).path("symbols").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldRunSeveralAccountsFromTheCommandLineEachWithItsKeyFromTheEnvironment() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(),
                "--accounts", "zerodha-main:zerodha:0:0,angel-backup:angel:0:0", "--seed", "5")
                .redirectErrorStream(true);
        builder.environment().put("OPENALGO_KEY_ZERODHA_MAIN", "key-of-zerodha-main");
        builder.environment().put("OPENALGO_KEY_ANGEL_BACKUP", "key-of-angel-backup");
        process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Map<String, String>> printed = accountAddresses(process, output);
        Map<String, String> rest = printed.get(30, TimeUnit.SECONDS);
        ApiClient zerodha = new ApiClient(rest.get("zerodha-main"));
        ApiClient angel = new ApiClient(rest.get("angel-backup"));

        assertThat(zerodha.post("ping", Map.of("apikey", "key-of-zerodha-main")).status()).isEqualTo(200);
        assertThat(angel.post("ping", Map.of("apikey", "key-of-zerodha-main")).status()).isEqualTo(403);
        assertThat(angel.post("ping", Map.of("apikey", "key-of-angel-backup")).status()).isEqualTo(200);
        assertThat(zerodha.control("POST", "faults/broker-down?on=true").status()).isEqualTo(200);
        assertThat(zerodha.post("ping", Map.of("apikey", "key-of-zerodha-main")).status()).isEqualTo(503);
        assertThat(angel.post("ping", Map.of("apikey", "key-of-angel-backup")).status()).isEqualTo(200);
        assertThat(output).anyMatch(line -> line.contains("from OPENALGO_KEY_ANGEL_BACKUP"))
                .noneMatch(line -> line.contains("key-of-"));
    }

    /**
     * Each account's REST address, by name, once the process has printed them all (a REST line follows its
     * "account NAME (broker B)" line); every line is kept in {@code output}.
     */
    private static CompletableFuture<Map<String, String>> accountAddresses(Process process, List<String> output) {
        Pattern account = Pattern.compile("account (\\S+) \\(broker \\S+\\)");
        CompletableFuture<Map<String, String>> addresses = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Map<String, String> rest = new HashMap<>();
            String name = null;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher heading = account.matcher(line);
                    Matcher url = REST.matcher(line);
                    if (heading.find()) {
                        name = heading.group(1);
                    } else if (url.find() && name != null) {
                        rest.put(name, url.group(1));
                    }
                    if (rest.size() == 2) {
                        addresses.complete(Map.copyOf(rest));
                    }
                }
            } catch (Exception e) {
                // Reported below as addresses never printed.
            }
            addresses.completeExceptionally(new AssertionError("simulator exited without printing both accounts: "
                    + output));
        }, "simulator-process-output");
        reader.setDaemon(true);
        reader.start();
        return addresses;
    }

    /** The REST and WebSocket addresses the process prints once it listens; the rest of its output is drained. */
    private static Map<String, CompletableFuture<String>> addresses(Process process) {
        Map<String, CompletableFuture<String>> urls = Map.of("rest", new CompletableFuture<>(),
                "ws", new CompletableFuture<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher rest = REST.matcher(line);
                    Matcher ws = WS.matcher(line);
                    if (rest.find()) {
                        urls.get("rest").complete(rest.group(1));
                    } else if (ws.find()) {
                        urls.get("ws").complete(ws.group(1));
                    }
                }
            } catch (Exception e) {
                // Reported below as an address never printed.
            }
            urls.values().forEach(url -> url.completeExceptionally(
                    new AssertionError("simulator exited without printing its addresses")));
        }, "simulator-process-output");
        reader.setDaemon(true);
        reader.start();
        return urls;
    }

    /**
     * An at-the-money NIFTY call of the second expiry, found through the process's own REST API: the first
     * may close (15:30 on expiry day) while the process starts.
     */
    private static String atmCall(ApiClient api) throws Exception {
        JsonNode quote = api.post("quotes", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "NSE_INDEX")).data();
        JsonNode expiries = api.post("expiry", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "NFO",
                "instrumenttype", "options")).data();
        int atm = (int) Math.round(quote.path("ltp").asDouble() / 50) * 50;
        String expiry = expiries.get(1).asText().replace("-", "");
        return "NIFTY" + expiry + atm + "CE";
    }
}
