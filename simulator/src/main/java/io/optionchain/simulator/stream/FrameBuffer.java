package io.optionchain.simulator.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that tick frames are written into as ASCII JSON, ahead of the socket.
 *
 * <p>Frames go out as UTF-8 bytes; writing those bytes directly skips what a StringBuilder costs at
 * 100,000 frames a second: the String copy, then the charset encoding of that copy. Callers append only
 * ASCII (field names, symbols of A-Z and 0-9, digits), for which a char and its UTF-8 byte are equal.
 */
final class FrameBuffer {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    FrameBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    FrameBuffer append(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
    }

    FrameBuffer append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Decimal digits, as {@link Long#toString(long)} writes them, without making that String. */
    FrameBuffer append(long value) {
        if (value == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int digits = digits(value);
        int at = length + digits;
        do {
            bytes[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        length += digits;
        return this;
    }

    /** A copy of the bytes written so far, for the socket to own while the frame is in flight. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private static int digits(long positive) {
        int digits = 1;
        for (long power = 10; digits < 19 && positive >= power; power *= 10) {
            digits++;
        }
        return digits;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Writes the value as Python prints a float (311.6, 312.0, 0.05), which is what OpenAlgo clients see. */
    FrameBuffer appendRupees(long paise) {
        if (paise < 0) {
            append('-');
            paise = -paise;
        }
        append(paise / 100).append('.');
        long fraction = paise % 100;
        if (fraction == 0) {
            append('0');
        } else if (fraction % 10 == 0) {
            append(fraction / 10);
        } else {
            if (fraction < 10) {
                append('0');
            }
            append(fraction);
        }
        return this;
    }
}
