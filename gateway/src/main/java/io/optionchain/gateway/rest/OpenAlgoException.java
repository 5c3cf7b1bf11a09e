package io.optionchain.gateway.rest;

/**
 * An OpenAlgo REST call that did not succeed: an HTTP error, a {@code "status":"error"} body, a response
 * that could not be read, or no response at all (status 0). The message names the endpoint, the HTTP
 * status and OpenAlgo's own message; it never contains the API key.
 */
public final class OpenAlgoException extends RuntimeException {
    private final String endpoint;
    private final int status;
    private final String serverMessage;

    public OpenAlgoException(String endpoint, int status, String serverMessage) {
        this(endpoint, status, serverMessage, null);
    }

    public OpenAlgoException(String endpoint, int status, String serverMessage, Throwable cause) {
        super(endpoint + " failed" + (status == 0 ? "" : " (HTTP " + status + ")") + ": " + serverMessage, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.serverMessage = serverMessage;
    }

    /** The endpoint called, e.g. {@code quotes}. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** OpenAlgo's {@code message}, or what went wrong when there was none. */
    public String serverMessage() {
        return serverMessage;
    }
}
