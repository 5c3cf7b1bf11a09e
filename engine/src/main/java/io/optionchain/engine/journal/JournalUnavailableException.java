package io.optionchain.engine.journal;

/**
 * The journal cannot be written (a full disk, an I/O error), so what was asked is not acknowledged: nothing the
 * journal would have recorded has been acted on. The web layer answers it with a 503 and its message.
 */
public final class JournalUnavailableException extends RuntimeException {
    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
