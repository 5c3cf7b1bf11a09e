package io.optionchain.web.json;

/**
 * What an error message may show of a caller's value, and which characters a name may hold. A mistake is named,
 * never echoed whole: a 900 KB name does not come back as a 900 KB error, nor does an ANSI escape or a NUL reach
 * the terminal that tails a log or the page that shows a strategy.
 */
public final class InputText {
    /** Most characters of a caller's value an error message shows; the rest is cut to an ellipsis. */
    public static final int SHOWN_CHARACTERS = 64;
    /** Longest error message the server sends. */
    public static final int MESSAGE_CHARACTERS = 400;

    private InputText() {
    }

    /** {@code value} quoted, cut after {@value #SHOWN_CHARACTERS} characters, each unsafe one as {@code \\uXXXX}. */
    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        int end = Math.min(value.length(), SHOWN_CHARACTERS);
        StringBuilder text = new StringBuilder(end + 32).append('\'');
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (unsafe(c)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        text.append('\'');
        if (end < value.length()) {
            text.insert(text.length() - 1, '\u2026').append(" (").append(value.length()).append(" characters)");
        }
        return text.toString();
    }

    /**
     * A whole error message as the server sends it: unsafe characters escaped, cut after
     * {@value #MESSAGE_CHARACTERS} characters. The last guard, for messages built from input somewhere deeper.
     */
    public static String message(String text) {
        if (text == null) {
            return "error";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MESSAGE_CHARACTERS) + 16);
        int i = 0;
        for (; i < text.length() && safe.length() < MESSAGE_CHARACTERS; i++) {
            char c = text.charAt(i);
            if (unsafe(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return i < text.length() ? safe.append('\u2026').toString() : safe.toString();
    }

    /** Index of the first control, format (bidi override, zero width), separator or lone surrogate char; -1 if none. */
    public static int firstUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: a character beyond the BMP, such as an emoji
            } else if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                || c == '\u2028' || c == '\u2029';
    }
}
