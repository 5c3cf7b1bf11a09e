package io.optionchain.gateway.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.optionchain.engine.tick.TickEvent;

import java.io.IOException;

import static io.optionchain.gateway.decode.FrameDescriptor.*;

/**
 * The {@code depth} object of a Depth-mode frame, {@code {"buy":[{price,quantity,orders}…],"sell":[…]}},
 * read by {@link FrameDecoder} into a tick's level arrays. A level without a positive price is padding
 * (OpenAlgo sends zeros for indices and thin books) and is left out, so a side's count of zero means no
 * book on that side; beyond five levels the rest are skipped.
 */
final class DepthLevels {
    private DepthLevels() {
    }

    /** Reads a depth value; leaves the parser on its last token. A frame ending inside it is the caller's to report. */
    static void read(JsonParser parser, JsonToken value, TickEvent tick) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String side = parser.currentName();
            JsonToken levels = parser.nextToken();
            switch (side) {
                case BUY, BIDS -> tick.bidLevels = side(parser, levels, tick.bidPrice, tick.bidQuantity, tick.bidOrders);
                case SELL, ASKS -> tick.askLevels = side(parser, levels, tick.askPrice, tick.askQuantity, tick.askOrders);
                default -> parser.skipChildren();
            }
        }
    }

    /** @return the number of levels written, best first */
    private static int side(JsonParser parser, JsonToken array, double[] prices, long[] quantities, int[] orders)
            throws IOException {
        if (array != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return 0;
        }
        int count = 0;
        JsonToken element;
        // NOT_AVAILABLE: the frame ended inside the array. Every later nextToken() says so too, up to the envelope.
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != JsonToken.NOT_AVAILABLE) {
            if (element != JsonToken.START_OBJECT || count == TickEvent.DEPTH_LEVELS) {
                parser.skipChildren();
                continue;
            }
            double price = Double.NaN;
            double quantity = Double.NaN;
            double orderCount = Double.NaN;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case PRICE -> price = WireValues.number(parser, value);
                    case QUANTITY, QTY -> quantity = WireValues.number(parser, value);
                    case ORDERS -> orderCount = WireValues.number(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (price > 0) {
                prices[count] = price;
                quantities[count] = quantity == quantity ? (long) quantity : 0;
                orders[count] = orderCount == orderCount ? (int) orderCount : 0;
                count++;
            }
        }
        return count;
    }
}
