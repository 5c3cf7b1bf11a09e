package io.optionchain.web.api;

import io.javalin.http.HttpResponseException;

/** A client-visible failure: its status and a message safe to show (no stack, no secrets). */
public final class ApiError extends HttpResponseException {
    public ApiError(int status, String message) {
        super(status, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, message);
    }
}
