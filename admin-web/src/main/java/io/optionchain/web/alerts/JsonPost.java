package io.optionchain.web.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One JSON POST to one URL, bounded by a timeout, its end reported as a {@link Delivery}. A failure is named by
 * its exception's class alone: the JDK's messages may quote the URL, and a webhook's URL often holds its token.
 */
final class JsonPost {
    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;

    JsonPost(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        // redirects are not followed: a 3xx is the target's answer, refused, and never a second host with the body
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Delivery send(byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return Delivery.ofStatus(response.statusCode(), retryAfter(response).orElse(null));
        } catch (HttpTimeoutException e) {
            return Delivery.failed("timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Delivery.failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.failed("interrupted");
        }
    }

    /** A {@code Retry-After} in seconds; the HTTP-date form is rare from webhooks and is ignored. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
