package io.optionchain.gateway;

import com.neovisionaries.ws.client.*;
import io.optionchain.engine.feed.FeedMode;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class ScratchDebugTest {
    @Test
    void debug() throws Exception {
        try (OpenAlgoSimulator sim = OpenAlgoSimulator.start(SimulatorConfig.defaults("k").withSeed(7).withTicksPerSecond(500))) {
            LocalDate e = sim.expiries("NIFTY").get(0);
            double atm = Math.round(sim.indexPrice("NIFTY") / 50) * 50.0;
            Instrument call = new Instrument(1, OptionSymbol.of("NIFTY", e, atm, OptionType.CE), "NFO", "NIFTY", e, atm, OptionType.CE);
            AtomicInteger ticks = new AtomicInteger();
            io.optionchain.engine.instrument.InstrumentRegistry reg = new io.optionchain.engine.instrument.InstrumentRegistry(4);
            reg.register(call.symbol(), "NFO", "NIFTY", e, atm, OptionType.CE);
            FrameDecoder dec = new FrameDecoder(reg);
            WebSocket ws = new WebSocketFactory().createSocket(sim.wsUrl()).addListener(new WebSocketAdapter() {
                @Override public void onTextMessage(WebSocket w, String t) {
                    if (t.contains("market_data")) { ticks.incrementAndGet();
                        io.optionchain.engine.pipeline.TickEvent ev = new io.optionchain.engine.pipeline.TickEvent();
                        FrameKind k = dec.decode(t, 1, ev);
                        boolean ok = ev.mode == 3 && ev.has(io.optionchain.engine.pipeline.TickEvent.DEPTH) && ev.bidLevels == 5 && ev.askLevels == 5 && ev.bidPrice[0] > 0 && ev.bidPrice[0] < ev.askPrice[0] && ev.has(io.optionchain.engine.pipeline.TickEvent.OI);
                        if (!ok && ev.mode == 3) System.out.println("BAD " + k + " " + t);
                    } else System.out.println("CONTROL " + t);
                }
            }).connect();
            ws.sendText(FeedRequests.authenticate("k"));
            Thread.sleep(300);
            ws.sendText(FeedRequests.subscribe(List.of(call), FeedMode.LTP, 100).get(0));
            Thread.sleep(1000);
            ws.sendText(FeedRequests.unsubscribe(List.of(new Subscription(call, FeedMode.LTP)), 100).get(0));
            ws.sendText(FeedRequests.subscribe(List.of(call), FeedMode.DEPTH, 100).get(0));
            Thread.sleep(1000);
            System.out.println("ticks before " + ticks.get());
            String unsub = FeedRequests.unsubscribe(List.of(new Subscription(call, FeedMode.DEPTH)), 100).get(0);
            System.out.println("SEND " + unsub);
            ws.sendText(unsub);
            Thread.sleep(300);
            int at = ticks.get();
            Thread.sleep(1000);
            System.out.println("ticks after unsubscribe " + (ticks.get() - at));
            ws.disconnect();
        }
    }
}
