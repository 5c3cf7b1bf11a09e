package io.optionchain.gateway.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;

import java.io.IOException;

import static io.optionchain.gateway.decode.FrameDescriptor.*;

/**
 * Scalar values of OpenAlgo frames read the liberal way, straight from a parser positioned on the value
 * token and without making a String: numbers that arrive as numbers or as text, epoch times in seconds
 * or milliseconds, modes as numbers or labels in any case. The companion of {@link FrameDecoder}.
 */
final class WireValues {
    /** Below this an epoch timestamp is in seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
    private static final double SECONDS_LIMIT = 1e11;
    /** Longer number text than this is not a price or quantity; refusing it keeps parsing bounded. */
    private static final int MAX_NUMBER_TEXT = 40;

    private static final char[] LTP_MATCH = FrameDescriptor.lowerCase(LTP_LABEL);
    private static final char[] QUOTE_MATCH = FrameDescriptor.lowerCase(QUOTE_LABEL);
    private static final char[] DEPTH_MATCH = FrameDescriptor.lowerCase(DEPTH_LABEL);

    private WireValues() {
    }

    /**
     * A finite, non-negative number from a number token or from number text; NaN when absent or unusable
     * (null, empty, not a number, infinite, negative: no price, quantity, OI or time in an OpenAlgo frame is
     * below zero, so a minus sign is damage, not data). Containers are skipped so the caller stays on the
     * next field.
     */
    static double number(JsonParser parser, JsonToken value) throws IOException {
        double v;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            v = parser.getDoubleValue();
        } else if (value == JsonToken.VALUE_STRING) {
            v = numberText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        } else {
            parser.skipChildren();
            return Double.NaN;
        }
        return Double.isFinite(v) && v >= 0 ? v : Double.NaN;
    }

    /** Parses "311.6" from the parser's buffer without a String; rejects NaN, Infinity and hex forms by charset. */
    static double numberText(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && chars[start] == ' ') {
            start++;
        }
        while (end > start && chars[end - 1] == ' ') {
            end--;
        }
        if (start == end || end - start > MAX_NUMBER_TEXT) {
            return Double.NaN;
        }
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return NumberInput.parseDouble(chars, start, end - start, true);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Epoch milliseconds from seconds or milliseconds; 0 when absent or not positive. */
    static long epochMillis(double value) {
        if (!(value > 0)) {
            return 0;
        }
        return value < SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value);
    }

    /** @return MODE_LTP..MODE_DEPTH, or 0 when the value is not a mode OpenAlgo defines (it then does not count) */
    static int mode(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            long mode = parser.getLongValue();
            return mode >= MODE_LTP && mode <= MODE_DEPTH ? (int) mode : 0;
        }
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return 0;
        }
        if (textIs(parser, LTP_MATCH)) {
            return MODE_LTP;
        }
        if (textIs(parser, QUOTE_MATCH)) {
            return MODE_QUOTE;
        }
        if (textIs(parser, DEPTH_MATCH)) {
            return MODE_DEPTH;
        }
        if (parser.getTextLength() == 1) {
            int code = parser.getTextCharacters()[parser.getTextOffset()] - '0';
            return code >= MODE_LTP && code <= MODE_DEPTH ? code : 0;
        }
        return 0;
    }

    /** ASCII case-insensitive match of the current string token against a lower-case constant. */
    static boolean textIs(JsonParser parser, char[] lowerCase) throws IOException {
        if (parser.getTextLength() != lowerCase.length) {
            return false;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        for (int i = 0; i < lowerCase.length; i++) {
            char c = chars[offset + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }
}
