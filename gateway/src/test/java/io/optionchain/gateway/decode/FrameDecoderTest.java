package io.optionchain.gateway.decode;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

public class FrameDecoderTest {
    /** The tick frame of openalgo-protocol.md section 1, verbatim. */
    public static final String PROTOCOL_EXAMPLE = """
            {"type":"market_data","symbol":"NIFTY25AUG2624550CE","exchange":"NFO","mode":3,"broker":"angel",
             "data":{"symbol":"NIFTY25AUG2624550CE","exchange":"NFO","mode":3,"ltp":311.6,"ltt":1787632200000,
              "timestamp":1787632200123,"volume":2841075,"open":330.3,"high":345.9,"low":286.65,"close":324.05,
              "last_quantity":75,"oi":4218300,"upper_circuit":900.0,"lower_circuit":0.05,
              "depth":{"buy":[{"price":311.1,"quantity":1500,"orders":7}],"sell":[{"price":312.1,"quantity":2250,"orders":9}]}}}
            """;

    public static InstrumentRegistry registry() {
        InstrumentRegistry registry = new InstrumentRegistry(16);
        registry.registerIndex("NIFTY", "NSE_INDEX");
        registry.register("NIFTY25AUG2624550CE", "NFO", "NIFTY", LocalDate.of(2026, 8, 25), 24550, OptionType.CE);
        registry.register("NIFTY25AUG2624550PE", "NFO", "NIFTY", LocalDate.of(2026, 8, 25), 24550, OptionType.PE);
        registry.register("NIFTY25AUG2624600CE", "NFO", "NIFTY", LocalDate.of(2026, 8, 25), 24600, OptionType.CE);
        return registry;
    }

    private final InstrumentRegistry registry = registry();
    private final FrameDecoder decoder = new FrameDecoder(registry);
    private final TickEvent tick = new TickEvent();

    private FrameKind decode(String frame) {
        return decoder.decode(frame.getBytes(StandardCharsets.UTF_8), 99L, tick);
    }

    private static String tick(String symbol, String envelopeMode, String data) {
        return "{\"type\":\"market_data\",\"symbol\":\"" + symbol + "\",\"exchange\":\"NFO\",\"mode\":" + envelopeMode
                + ",\"broker\":\"angel\",\"data\":{" + data + "}}";
    }

    @Test
    void shouldDecodeTheProtocolExampleIntoEveryFieldItCarries() {
        assertThat(decode(PROTOCOL_EXAMPLE)).isEqualTo(FrameKind.TICK);

        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY25AUG2624550CE"));
        assertThat(tick.mode).isEqualTo(3);
        assertThat(tick.fields).isEqualTo(TickEvent.LTP | TickEvent.OHLC | TickEvent.VOLUME | TickEvent.OI
                | TickEvent.DEPTH | TickEvent.LAST_QUANTITY);
        assertThat(tick.ltp).isEqualTo(311.6);
        assertThat(tick.open).isEqualTo(330.3);
        assertThat(tick.high).isEqualTo(345.9);
        assertThat(tick.low).isEqualTo(286.65);
        assertThat(tick.close).isEqualTo(324.05);
        assertThat(tick.volume).isEqualTo(2841075);
        assertThat(tick.oi).isEqualTo(4218300);
        assertThat(tick.lastQuantity).isEqualTo(75);
        assertThat(tick.exchangeTimeMillis).isEqualTo(1787632200000L);
        assertThat(tick.serverTimeMillis).isEqualTo(1787632200123L);
        assertThat(tick.arrivalNanos).isEqualTo(99L);
        assertThat(tick.bidLevels).isEqualTo(1);
        assertThat(tick.askLevels).isEqualTo(1);
        assertThat(tick.bidPrice[0]).isEqualTo(311.1);
        assertThat(tick.bidQuantity[0]).isEqualTo(1500);
        assertThat(tick.bidOrders[0]).isEqualTo(7);
        assertThat(tick.askPrice[0]).isEqualTo(312.1);
        assertThat(tick.askQuantity[0]).isEqualTo(2250);
        assertThat(tick.askOrders[0]).isEqualTo(9);
    }

    @Test
    void shouldDecodeStringInputLikeByteInput() {
        TickEvent fromString = new TickEvent();
        assertThat(decoder.decode(PROTOCOL_EXAMPLE, 99L, fromString)).isEqualTo(FrameKind.TICK);
        assertThat(decode(PROTOCOL_EXAMPLE)).isEqualTo(FrameKind.TICK);
        assertThat(fromString).usingRecursiveComparison().isEqualTo(tick);
    }

    @Test
    void shouldDecodeAnLtpTickWithOnlyTheLtpBit() {
        assertThat(decode(tick("NIFTY", "1", "\"symbol\":\"NIFTY\",\"mode\":1,\"ltp\":24567.35,\"ltt\":1787632200000")))
                .isEqualTo(FrameKind.TICK);
        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY"));
        assertThat(tick.fields).isEqualTo(TickEvent.LTP);
        assertThat(tick.mode).isEqualTo(1);
        assertThat(tick.ltp).isEqualTo(24567.35);
    }

    @Test
    void shouldDecodeAnAngelQuoteTickWithTotalsAndAveragePrice() {
        String data = "\"symbol\":\"NIFTY25AUG2624550PE\",\"mode\":2,\"ltp\":101.5,\"ltt\":1787632200000,"
                + "\"open\":99,\"high\":120.25,\"low\":95.5,\"close\":110,\"volume\":12345,"
                + "\"last_trade_quantity\":150,\"average_price\":104.2,\"total_buy_quantity\":90000,"
                + "\"total_sell_quantity\":85000";
        assertThat(decode(tick("NIFTY25AUG2624550PE", "2", data))).isEqualTo(FrameKind.TICK);

        assertThat(tick.fields).isEqualTo(TickEvent.LTP | TickEvent.OHLC | TickEvent.VOLUME | TickEvent.LAST_QUANTITY
                | TickEvent.AVERAGE_PRICE | TickEvent.TOTALS);
        assertThat(tick.mode).isEqualTo(2);
        assertThat(tick.open).isEqualTo(99);
        assertThat(tick.lastQuantity).isEqualTo(150);
        assertThat(tick.averagePrice).isEqualTo(104.2);
        assertThat(tick.totalBuyQuantity).isEqualTo(90000);
        assertThat(tick.totalSellQuantity).isEqualTo(85000);
        assertThat(tick.has(TickEvent.OI)).as("OI absent").isFalse();
    }

    @Test
    void shouldDecodeFiveDepthLevelsBestFirstAndIgnoreASixth() {
        StringBuilder buy = new StringBuilder();
        StringBuilder sell = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            buy.append(i == 0 ? "" : ",").append("{\"price\":").append(100 - i).append(",\"quantity\":")
                    .append(10 * (i + 1)).append(",\"orders\":").append(i + 1).append('}');
            sell.append(i == 0 ? "" : ",").append("{\"price\":").append(101 + i).append(",\"quantity\":")
                    .append(20 * (i + 1)).append(",\"orders\":").append(i + 2).append('}');
        }
        String data = "\"ltp\":100.5,\"depth\":{\"buy\":[" + buy + "],\"sell\":[" + sell + "]}";
        assertThat(decode(tick("NIFTY25AUG2624600CE", "3", data))).isEqualTo(FrameKind.TICK);

        assertThat(tick.has(TickEvent.DEPTH)).isTrue();
        assertThat(tick.bidLevels).isEqualTo(5);
        assertThat(tick.askLevels).isEqualTo(5);
        assertThat(tick.bidPrice).containsExactly(100, 99, 98, 97, 96);
        assertThat(tick.askPrice).containsExactly(101, 102, 103, 104, 105);
        assertThat(tick.askQuantity).containsExactly(20, 40, 60, 80, 100);
        assertThat(tick.bidOrders).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void shouldReadNumbersThatArriveAsStrings() {
        String data = "\"ltp\":\"311.6\",\"volume\":\"2841075\",\"oi\":\" 4218300 \",\"open\":\"330.3\",\"high\":\"345.9\","
                + "\"low\":\"286.65\",\"close\":\"324.05\",\"last_quantity\":\"75\",\"ltt\":\"1787632200\","
                + "\"depth\":{\"buy\":[{\"price\":\"311.1\",\"quantity\":\"1500\",\"orders\":\"7\"}],\"sell\":[]}";
        assertThat(decode(tick("NIFTY25AUG2624550CE", "\"3\"", data))).isEqualTo(FrameKind.TICK);

        assertThat(tick.ltp).isEqualTo(311.6);
        assertThat(tick.volume).isEqualTo(2841075);
        assertThat(tick.oi).isEqualTo(4218300);
        assertThat(tick.low).isEqualTo(286.65);
        assertThat(tick.lastQuantity).isEqualTo(75);
        assertThat(tick.exchangeTimeMillis).isEqualTo(1787632200000L);
        assertThat(tick.bidPrice[0]).isEqualTo(311.1);
        assertThat(tick.bidQuantity[0]).isEqualTo(1500);
        assertThat(tick.bidOrders[0]).isEqualTo(7);
        assertThat(tick.askLevels).isZero();
        assertThat(tick.has(TickEvent.OHLC)).isTrue();
        assertThat(tick.mode).isEqualTo(3);
    }

    @Test
    void shouldNormaliseLttInSecondsToMilliseconds() {
        decode(tick("NIFTY", "1", "\"ltp\":1,\"ltt\":1787632200"));
        assertThat(tick.exchangeTimeMillis).isEqualTo(1787632200000L);
        decode(tick("NIFTY", "1", "\"ltp\":1,\"ltt\":1787632200123"));
        assertThat(tick.exchangeTimeMillis).isEqualTo(1787632200123L);
        decode(tick("NIFTY", "1", "\"ltp\":1,\"ltt\":0"));
        assertThat(tick.exchangeTimeMillis).isZero();
    }

    @Test
    void shouldAcceptModeAsNumberOrLabelInAnyCase() {
        String[] modes = {"1", "\"1\"", "\"LTP\"", "\"ltp\"", "\"Ltp\""};
        for (String mode : modes) {
            assertThat(decode(tick("NIFTY", mode, "\"ltp\":1"))).isEqualTo(FrameKind.TICK);
            assertThat(tick.mode).as(mode).isEqualTo(1);
        }
        for (String mode : new String[]{"2", "\"Quote\"", "\"QUOTE\"", "\"quote\""}) {
            decode(tick("NIFTY", mode, "\"ltp\":1"));
            assertThat(tick.mode).as(mode).isEqualTo(2);
        }
        for (String mode : new String[]{"3", "\"Depth\"", "\"DEPTH\"", "\"3\""}) {
            decode(tick("NIFTY", mode, "\"ltp\":1"));
            assertThat(tick.mode).as(mode).isEqualTo(3);
        }
        decode(tick("NIFTY", "\"full\"", "\"ltp\":1"));
        assertThat(tick.mode).as("unknown label falls back to what the payload shows").isEqualTo(1);
    }

    @Test
    void shouldTakeAHigherModePayloadOnALowerModeSubscriptionAsWhatItIs() {
        String frame = PROTOCOL_EXAMPLE.replace("\"mode\":3", "\"mode\":1").replace(",\"mode\":1,\"ltp\"", ",\"ltp\"");
        assertThat(decode(frame)).isEqualTo(FrameKind.TICK);
        assertThat(tick.mode).isEqualTo(3);
        assertThat(tick.has(TickEvent.DEPTH)).isTrue();
        assertThat(tick.has(TickEvent.OHLC)).isTrue();
    }

    @Test
    void shouldSetNoDepthBitForMissingEmptyOrZeroPaddedDepth() {
        decode(tick("NIFTY", "3", "\"ltp\":24567.3"));
        assertThat(tick.has(TickEvent.DEPTH)).isFalse();

        decode(tick("NIFTY", "3", "\"ltp\":24567.3,\"depth\":{\"buy\":[],\"sell\":[]}"));
        assertThat(tick.has(TickEvent.DEPTH)).isFalse();

        String zeros = "{\"price\":0,\"quantity\":0,\"orders\":0}";
        decode(tick("NIFTY", "3", "\"ltp\":24567.3,\"depth\":{\"buy\":[" + zeros + "," + zeros + "],\"sell\":["
                + zeros + "]}"));
        assertThat(tick.has(TickEvent.DEPTH)).as("an index's all-zero book").isFalse();
        assertThat(tick.bidLevels + tick.askLevels).isZero();

        decode(tick("NIFTY", "3", "\"ltp\":24567.3,\"depth\":null"));
        assertThat(tick.has(TickEvent.DEPTH)).isFalse();
    }

    @Test
    void shouldKeepShortDepthAsShort() {
        decode(tick("NIFTY25AUG2624550CE", "3", "\"ltp\":5,\"depth\":{\"buy\":[{\"price\":4.9,\"quantity\":75},"
                + "{\"price\":4.85}],\"sell\":[{\"price\":5.1,\"quantity\":150},{\"price\":0,\"quantity\":0}]}"));
        assertThat(tick.has(TickEvent.DEPTH)).isTrue();
        assertThat(tick.bidLevels).isEqualTo(2);
        assertThat(tick.bidQuantity[1]).isZero();
        assertThat(tick.askLevels).isEqualTo(1);
    }

    @Test
    void shouldSetOhlcOnlyWhenAllFourArrive() {
        decode(tick("NIFTY", "2", "\"ltp\":1,\"open\":1,\"high\":2,\"low\":0.5"));
        assertThat(tick.has(TickEvent.OHLC)).isFalse();
        decode(tick("NIFTY", "2", "\"ltp\":1,\"total_buy_quantity\":5"));
        assertThat(tick.has(TickEvent.TOTALS)).isFalse();
    }

    @Test
    void shouldIgnoreUnknownFieldsOfAnyShape() {
        String data = "\"ltp\":7.5,\"greeks\":{\"delta\":0.5,\"nested\":[1,{\"ltp\":999}]},\"tags\":[\"a\",[\"b\"]],"
                + "\"flag\":true,\"nothing\":null,\"upper_circuit\":900.0";
        String frame = "{\"extra\":{\"symbol\":\"NIFTY25AUG2624600CE\"},\"type\":\"market_data\","
                + "\"symbol\":\"NIFTY25AUG2624550CE\",\"data\":{" + data + "},\"trailer\":[{}]}";
        assertThat(decode(frame)).isEqualTo(FrameKind.TICK);
        assertThat(tick.ltp).isEqualTo(7.5);
        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY25AUG2624550CE"));
        assertThat(tick.fields).isEqualTo(TickEvent.LTP);
    }

    @Test
    void shouldReadFieldsInAnyOrderWithTheTypeLast() {
        String frame = "{\"data\":{\"ltp\":12.5,\"symbol\":\"NIFTY25AUG2624600CE\"},\"mode\":\"LTP\","
                + "\"type\":\"market_data\"}";
        assertThat(decode(frame)).isEqualTo(FrameKind.TICK);
        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY25AUG2624600CE"));
    }

    @Test
    void shouldPreferThePayloadSymbolAndFallBackToTheEnvelopes() {
        String onlyEnvelope = "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"data\":{\"ltp\":1}}";
        assertThat(decode(onlyEnvelope)).isEqualTo(FrameKind.TICK);
        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY"));

        String both = "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"data\":{\"symbol\":\"NIFTY25AUG2624550PE\","
                + "\"ltp\":1}}";
        assertThat(decode(both)).isEqualTo(FrameKind.TICK);
        assertThat(tick.instrumentId).isEqualTo(registry.idOf("NIFTY25AUG2624550PE"));
    }

    @Test
    void shouldReadAFlatFrameWithoutData() {
        String flat = "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"mode\":1,\"ltp\":24500.5}";
        assertThat(decode(flat)).isEqualTo(FrameKind.TICK);
        assertThat(tick.ltp).isEqualTo(24500.5);
    }

    @Test
    void shouldReportAnUnregisteredSymbol() {
        assertThat(decode(PROTOCOL_EXAMPLE.replace("24550CE", "24700CE"))).isEqualTo(FrameKind.UNKNOWN_SYMBOL);
        assertThat(decode(tick("", "1", "\"ltp\":1"))).isEqualTo(FrameKind.UNKNOWN_SYMBOL);
    }

    @Test
    void shouldCallEveryOtherTypeAControlFrame() {
        String[] controls = {
                "{\"type\":\"auth\",\"status\":\"success\",\"message\":\"Authentication successful\",\"broker\":\"zerodha\","
                        + "\"user_id\":\"admin\",\"supported_features\":{\"ltp\":true,\"quote\":true,\"depth\":true}}",
                "{\"type\":\"subscribe\",\"status\":\"partial\",\"subscriptions\":[{\"symbol\":\"X\",\"exchange\":\"NFO\","
                        + "\"status\":\"error\",\"message\":\"SYMBOL_NOT_FOUND\"}]}",
                "{\"status\":\"error\",\"code\":\"AUTHENTICATION_ERROR\",\"message\":\"Invalid API key\"}",
                "{\"type\":\"pong\",\"status\":\"success\",\"server_timestamp\":1787632200000,\"_pingId\":3}",
                "{\"type\":\"order_update\",\"orderid\":\"1\",\"symbol\":\"NIFTY\",\"ltp\":1}",
                "{\"type\":\"ltp\",\"symbol\":\"NIFTY\",\"ltp\":1}",
                "{}",
        };
        for (String control : controls) {
            assertThat(decode(control)).as(control).isEqualTo(FrameKind.CONTROL);
        }
    }

    @Test
    void shouldCallBrokenOrEmptyFramesMalformed() {
        String truncated = PROTOCOL_EXAMPLE.substring(0, PROTOCOL_EXAMPLE.length() / 2);
        String[] broken = {
                "", " ", "not json", "[1,2]", "\"market_data\"", "42", "null", "{", "{\"type\":", truncated,
                PROTOCOL_EXAMPLE + PROTOCOL_EXAMPLE, PROTOCOL_EXAMPLE + " x",
                // The start of a second value: a parser kept between frames would carry it into the next one.
                PROTOCOL_EXAMPLE + " 1", PROTOCOL_EXAMPLE + "{", PROTOCOL_EXAMPLE + "\"x", PROTOCOL_EXAMPLE + "tr",
                // Every brace but the root's: the payload closed, the frame did not.
                PROTOCOL_EXAMPLE.substring(0, PROTOCOL_EXAMPLE.lastIndexOf('}')),
                "{\"type\":\"market_data\",\"data\":{\"ltp\":1}}",
                "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"data\":{}}",
                "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"data\":{\"ltp\":\"abc\"}}",
                "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"data\":{\"ltp\":\"NaN\"}}",
                "{\"type\":\"market_data\",\"symbol\":42,\"data\":{\"ltp\":1}}",
                "{\"type\":\"market_data\",\"symbol\":\"NIFTY\",\"mode\":99999999999999999999999,\"data\":{\"ltp\":1}}",
                "{'type':'market_data'}",
        };
        for (String frame : broken) {
            assertThat(decode(frame)).as(frame).isEqualTo(FrameKind.MALFORMED);
            assertThat(decoder.decode(frame, 1L, tick)).as(frame).isEqualTo(FrameKind.MALFORMED);
            assertThat(decode(PROTOCOL_EXAMPLE)).as("the frame after " + frame).isEqualTo(FrameKind.TICK);
        }
        assertThat(decoder.decode((byte[]) null, 1L, tick)).isEqualTo(FrameKind.MALFORMED);
        assertThat(decoder.decode((String) null, 1L, tick)).isEqualTo(FrameKind.MALFORMED);
        assertThat(decoder.decode(new byte[]{(byte) 0xC3, (byte) 0x28, '{'}, 1L, tick)).isEqualTo(FrameKind.MALFORMED);
    }

    @Test
    void shouldAcceptWhitespaceAroundEachFrameOfAStream() {
        String padded = " \r\n\t" + tick("NIFTY", "1", "\"ltp\":1") + "\r\n \t";
        for (int i = 0; i < 3; i++) {
            assertThat(decode(padded)).isEqualTo(FrameKind.TICK);
            assertThat(decode(PROTOCOL_EXAMPLE)).isEqualTo(FrameKind.TICK);
        }
    }

    @Test
    void shouldLeaveNothingOfAPreviousTickInTheScratchEvent() {
        decode(PROTOCOL_EXAMPLE);
        decode(tick("NIFTY", "1", "\"ltp\":2"));
        TickEvent expected = new TickEvent();
        expected.instrumentId = registry.idOf("NIFTY");
        expected.mode = 1;
        expected.fields = TickEvent.LTP;
        expected.ltp = 2;
        expected.arrivalNanos = 99L;
        assertThat(tick).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void shouldDecodeADepthFrameAtAnOffsetInsideALargerBuffer() {
        byte[] frame = PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[frame.length + 20];
        System.arraycopy(frame, 0, buffer, 10, frame.length);
        assertThat(decoder.decode(buffer, 10, frame.length, 5L, tick)).isEqualTo(FrameKind.TICK);
        assertThat(tick.ltp).isEqualTo(311.6);
    }

    @Test
    void shouldParseNumberTextStrictlyEnough() {
        assertThat(parse("311.6")).isEqualTo(311.6);
        assertThat(parse(" 12 ")).isEqualTo(12);
        assertThat(parse("-1.5e2")).isEqualTo(-150);
        assertThat(parse("")).isNaN();
        assertThat(parse("   ")).isNaN();
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("Infinity")).isNaN();
        assertThat(parse("0x1p3")).isNaN();
        assertThat(parse("1.2.3")).isNaN();
        assertThat(parse("+-")).isNaN();
        assertThat(parse("1".repeat(41))).isNaN();
    }

    private static double parse(String text) {
        char[] padded = ("xx" + text + "yy").toCharArray();
        return WireValues.numberText(padded, 2, text.length());
    }
}
