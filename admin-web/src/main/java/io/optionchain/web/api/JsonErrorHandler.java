package io.optionchain.web.api;

import io.optionchain.web.json.InputText;
import io.optionchain.web.json.JsonText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jetty's own errors, those it answers before a request reaches a route (a URI it cannot decode such as
 * {@code %00}, a method such as {@code CONNECT}, a header too large), in the body every route's error has:
 * {@code {"status":"error","message":…}} with Jetty's status, instead of its HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_STATUS) instanceof Integer code) {
            status = code;
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String text && !text.isBlank() ? text
                : HttpStatus.getMessage(status);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(message).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String body(String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "error");
        json.put("message", InputText.message(message));
        return JsonText.of(json);
    }
}
