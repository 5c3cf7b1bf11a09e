package io.optionchain.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;
import com.neovisionaries.ws.client.WebSocketException;
import com.neovisionaries.ws.client.WebSocketFactory;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The naive twin of our engine, the seed design done literally: each frame databound to a
 * {@code Map} on the socket's reader thread, put on a blocking queue, taken by one worker thread that
 * updates a {@code HashMap} of leg data and rebuilds the whole chain of the tick's index and expiry
 * ({@link SeedChain}). Same WebSocket library, same subscriptions, its own connection: only the
 * processing differs from ours.
 *
 * <pre>
 *   socket reader ──readValue(Map)──put──> LinkedBlockingQueue ──take──> worker: legs, rebuild, latency
 * </pre>
 *
 * The queue is bounded so the baseline cannot exhaust the heap; a full queue blocks the reader, and the
 * simulator then withholds ticks from the lagging connection, which the harness counts as lost.
 */
final class SeedBaseline implements LoadConsumer {
    /** Room for a few seconds of backlog at the baseline's pace; each entry holds a parsed frame. */
    private static final int QUEUE_CAPACITY = 10_000;
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Arrival> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);
    private final Histogram cumulative = new Histogram(HIGHEST_NANOS, 3);
    private final int instruments;
    private final WebSocket socket;
    private final Thread worker;

    // Owned by the worker thread.
    private final Map<String, Map<String, Object>> legs = new HashMap<>();
    private final Map<String, Double> indexLtp = new HashMap<>();
    private final Map<String, SeedChain> chainBySymbol = new HashMap<>();
    private final Map<String, List<SeedChain>> chainsByIndex = new HashMap<>();
    private final Map<SeedChain, Map<String, Object>> latestChain = new HashMap<>();
    private Histogram interval;

    // Written by the worker, read by the harness.
    private volatile long processed;
    private volatile int seen;

    private record Arrival(Map<String, Object> frame, long arrivalNanos) {
    }

    SeedBaseline(ChainPlan plan, String wsUrl, String apiKey) {
        Map<ChainPlan.PlannedChain, Map<Double, String[]>> symbols = new HashMap<>();
        List<Map<String, Object>> optionSubscriptions = new ArrayList<>();
        for (ChainPlan.PlannedOption option : plan.optionSymbols()) {
            String[] pair = symbols.computeIfAbsent(option.chain(), c -> new HashMap<>())
                    .computeIfAbsent(option.strike(), s -> new String[2]);
            pair[option.type() == OptionType.CE ? 0 : 1] = option.symbol();
            optionSubscriptions.add(Map.of("symbol", option.symbol(),
                    "exchange", option.chain().underlying().optionExchange()));
        }
        symbols.forEach((planned, byStrike) -> {
            Underlying underlying = planned.underlying();
            SeedChain chain = new SeedChain(underlying.name(), ExpiryDates.format(planned.expiry()),
                    underlying.ladder(), byStrike, plan.indexLtp().get(underlying));
            chainsByIndex.computeIfAbsent(underlying.name(), name -> new ArrayList<>()).add(chain);
            byStrike.values().forEach(pair -> {
                chainBySymbol.put(pair[0], chain);
                chainBySymbol.put(pair[1], chain);
            });
        });
        List<Map<String, Object>> indexSubscriptions = new ArrayList<>();
        plan.indexLtp().keySet().forEach(u ->
                indexSubscriptions.add(Map.of("symbol", u.name(), "exchange", u.indexExchange())));
        instruments = optionSubscriptions.size() + indexSubscriptions.size();

        worker = new Thread(this::work, "seed-baseline-worker");
        worker.setDaemon(true);
        worker.start();
        try {
            socket = new WebSocketFactory().createSocket(wsUrl).addListener(new WebSocketAdapter() {
                @Override
                public void onTextMessage(WebSocket ws, String text) throws Exception {
                    long arrivalNanos = System.nanoTime();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> frame = json.readValue(text, Map.class);
                    queue.put(new Arrival(frame, arrivalNanos));
                }
            }).connect();
            socket.sendText(json.writeValueAsString(Map.of("action", "authenticate", "api_key", apiKey)));
            socket.sendText(json.writeValueAsString(
                    Map.of("action", "subscribe", "mode", "Quote", "symbols", indexSubscriptions)));
            socket.sendText(json.writeValueAsString(
                    Map.of("action", "subscribe", "mode", "Depth", "symbols", optionSubscriptions)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WebSocketException e) {
            throw new IllegalStateException("baseline could not connect to " + wsUrl, e);
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Arrival arrival = queue.take();
                if ("market_data".equals(arrival.frame().get("type"))) {
                    onTick(arrival.frame());
                    latency.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - arrival.arrivalNanos()));
                    processed = processed + 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The seed's {@code on_data_received}: quote updates move ATM, depth updates replace a leg; then rebuild. */
    @SuppressWarnings("unchecked")
    private void onTick(Map<String, Object> frame) {
        String symbol = (String) frame.get("symbol");
        Map<String, Object> data = (Map<String, Object>) frame.get("data");
        List<SeedChain> indexChains = chainsByIndex.get(symbol);
        if (indexChains != null) {
            double ltp = ((Number) data.get("ltp")).doubleValue();
            indexLtp.put(symbol, ltp);
            for (SeedChain chain : indexChains) {
                chain.onIndexPrice(ltp);
                latestChain.put(chain, chain.rebuild(legs, ltp));
            }
        } else {
            SeedChain chain = chainBySymbol.get(symbol);
            if (chain == null) {
                return;
            }
            legs.put(symbol, depthUpdate(data));
            latestChain.put(chain, chain.rebuild(legs, indexLtp.get(chain.underlying())));
        }
        seen = legs.size() + indexLtp.size();
    }

    /** The seed's {@code handle_depth_update}: top of book, spread, volume and OI into a fresh map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> depthUpdate(Map<String, Object> data) {
        Map<String, Object> depth = (Map<String, Object>) data.getOrDefault("depth", Map.of());
        List<Map<String, Object>> bids = (List<Map<String, Object>>) depth.getOrDefault("buy", List.of());
        List<Map<String, Object>> asks = (List<Map<String, Object>>) depth.getOrDefault("sell", List.of());
        Map<String, Object> topBid = bids.isEmpty() ? Map.of() : bids.get(0);
        Map<String, Object> topAsk = asks.isEmpty() ? Map.of() : asks.get(0);
        Map<String, Object> leg = new HashMap<>();
        leg.put("ltp", data.getOrDefault("ltp", 0));
        leg.put("bid", topBid.getOrDefault("price", 0));
        leg.put("ask", topAsk.getOrDefault("price", 0));
        leg.put("bid_qty", topBid.getOrDefault("quantity", 0));
        leg.put("ask_qty", topAsk.getOrDefault("quantity", 0));
        double bid = ((Number) leg.get("bid")).doubleValue();
        double ask = ((Number) leg.get("ask")).doubleValue();
        leg.put("spread", bid > 0 && ask > 0 ? ask - bid : 0);
        leg.put("volume", data.getOrDefault("volume", 0));
        leg.put("oi", data.getOrDefault("oi", 0));
        return leg;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public int instruments() {
        return instruments;
    }

    @Override
    public int instrumentsSeen() {
        return seen;
    }

    @Override
    public long processed() {
        return processed;
    }

    @Override
    public long refused() {
        return 0;
    }

    @Override
    public synchronized void resetLatency() {
        interval = latency.getIntervalHistogram(interval);
        cumulative.reset();
    }

    @Override
    public synchronized Histogram latency() {
        interval = latency.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }

    @Override
    public void close() {
        socket.disconnect();
        worker.interrupt();
    }
}
