package io.optionchain.gateway.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one jackson-core parser a {@link FrameDecoder} keeps for life: non-blocking, fed each frame as the
 * next root-level value of an endless stream, so no parser, context or buffer is built per frame.
 *
 * <p>The stream bends one rule of a frame's contract: running out of input is not the end of a value
 * but a pause, reported as {@link JsonToken#NOT_AVAILABLE}. A frame is self-contained, so the decoder
 * treats that token inside the root object as truncation, and any malformed frame leaves the parser
 * somewhere unknown: {@link #replace()} then starts a fresh one.
 *
 * <p>The default stream constraints put no limit on document length or token count, which matters
 * here: the parser counts every frame it is ever fed as part of one document.
 */
final class FrameStream {
    /** Where the parser reports the bytes it has not read yet; only their count is wanted. */
    private static final OutputStream UNREAD_BYTES = OutputStream.nullOutputStream();

    private final JsonFactory json = JsonFactory.builder()
            // The decoder's field-name switches rely on canonical instances: no String per name per frame.
            .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // Without it getDoubleValue() builds a String per number before Double.parseDouble.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private JsonParser parser;
    private ByteArrayFeeder feeder;

    FrameStream() {
        open();
    }

    /** Makes {@code frame[offset, end)} the parser's input; its next token starts the frame's root value. */
    JsonParser feed(byte[] frame, int offset, int end) throws IOException {
        feeder.feedInput(frame, offset, end);
        return parser;
    }

    /**
     * Called on the root object's END_OBJECT: whether nothing but whitespace follows it in the frame. If
     * so it is consumed, leaving the parser ready for the next frame; anything else would start a second
     * value, possibly one the next frame would complete.
     */
    boolean onlyWhitespaceFollows(byte[] frame, int end) throws IOException {
        if (feeder.needMoreInput()) {
            return true;
        }
        int unread = parser.releaseBuffered(UNREAD_BYTES);
        for (int i = end - unread; i < end; i++) {
            byte b = frame[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return parser.nextToken() == JsonToken.NOT_AVAILABLE && feeder.needMoreInput();
    }

    /** After a malformed frame: the old parser may have stopped anywhere inside it. Allocates a parser. */
    void replace() {
        try {
            parser.close();
        } catch (IOException e) {
            // Closing releases buffers and merges learnt field names; there is no I/O to fail.
        }
        open();
    }

    private void open() {
        try {
            parser = json.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("a JSON factory must make a non-blocking byte-array parser", e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }
}
