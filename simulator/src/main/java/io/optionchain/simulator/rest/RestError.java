package io.optionchain.simulator.rest;

/**
 * An OpenAlgo error response, thrown from a REST handler and turned into
 * {@code {"status":"error","message":...}} in one place ({@link RestApi}). The message is a string, or
 * for schema failures a map of field to messages, as Marshmallow reports them.
 */
public final class RestError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Object body;

    public RestError(int status, Object message) {
        super(String.valueOf(message), null, false, false);
        this.status = status;
        this.body = message;
    }

    int status() {
        return status;
    }

    Object body() {
        return body;
    }
}
