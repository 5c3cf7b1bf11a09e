package io.optionchain.engine.journal;

import java.security.SecureRandom;

/** A journal file's random name, eight lowercase base-32 characters, so exit tags differ across journals. */
final class Epoch {
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Epoch() {
    }

    static String next() {
        long bits = RANDOM.nextLong();
        char[] chars = new char[JournalDescriptor.EPOCH_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt((int) (bits >>> (5 * i)) & 31);
        }
        return new String(chars);
    }
}
