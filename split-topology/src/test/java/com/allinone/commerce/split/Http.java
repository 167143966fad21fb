package com.allinone.commerce.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of one base URL (the gateway's): JSON in and out, bearer tokens, and server-sent events read as they come. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    Answer get(String path, String token, String... headers) {
        return send(request(path, token, headers).GET());
    }

    Answer post(String path, String token, Object body, String... headers) {
        try {
            return send(request(path, token, headers).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a server-sent event stream and collects its {@code data:} lines until one matches {@code last} (or the
     * stream ends), within {@code within}.
     */
    List<String> events(String path, String token, Predicate<String> last, Duration within) throws Exception {
        HttpRequest request = request(path, token, "Accept", "text/event-stream").GET().build();
        CompletableFuture<List<String>> read = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new AssertionError("status stream answered " + response.statusCode());
                    }
                    try (Stream<String> lines = response.body()) {
                        List<String> data = new java.util.ArrayList<>();
                        for (String line : (Iterable<String>) lines.filter(l -> l.startsWith("data:"))::iterator) {
                            data.add(line.substring("data:".length()));
                            if (last.test(line)) {
                                break;
                            }
                        }
                        return data;
                    }
                });
        return read.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
