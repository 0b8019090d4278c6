package dev.tapdeck.explain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small client of the OpenAI-compatible {@code POST /chat/completions}: one system and one
 * user message in, {@code choices[0].message.content} out. Every failure becomes a
 * {@link Failure} whose message says what went wrong in words a user can act on, and never
 * holds the key.
 */
final class ChatCompletions {
    /** Longest part of an endpoint's error text quoted in a failure. */
    private static final int MAX_DETAIL = 200;

    /** The model could not answer; the message says why. */
    static final class Failure extends Exception {
        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    private final LlmSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    ChatCompletions(LlmSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String complete(String system, String user) throws Failure {
        ObjectNode body = json.createObjectNode().put("model", settings.model());
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletions())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (!settings.key().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.key());
        }
        HttpResponse<String> response = send(request.build());
        return redact(content(response));
    }

    /** Sends with one deadline for the whole exchange, the body included. */
    private HttpResponse<String> send(HttpRequest request) throws Failure {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for the model");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private Failure failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new Failure("could not connect to " + settings.baseUrl() + " within " + settings.timeout().toSeconds() + " s");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof ConnectException) {
            return new Failure("could not connect to " + settings.baseUrl() + " (connection refused: is the server running?)");
        }
        String detail = cause instanceof IOException && cause.getMessage() != null ? ": " + cause.getMessage() : "";
        return new Failure(redact("the connection to " + settings.baseUrl() + " failed (" + cause.getClass().getSimpleName() + detail + ")"));
    }

    private Failure timedOut() {
        return new Failure("no answer within " + settings.timeout().toSeconds() + " s (" + LlmSettings.TIMEOUT_SECONDS + ")");
    }

    private String content(HttpResponse<String> response) throws Failure {
        int status = response.statusCode();
        String detail = errorDetail(response.body());
        if (status == 401 || status == 403) {
            throw new Failure("the endpoint refused the key (HTTP " + status + "); check " + LlmSettings.KEY + detail);
        }
        if (status == 429) {
            throw new Failure("the endpoint is rate limiting requests (HTTP 429); try again later" + detail);
        }
        if (status >= 500) {
            throw new Failure("the endpoint failed (HTTP " + status + ")" + detail);
        }
        if (status != 200) {
            throw new Failure("the endpoint answered HTTP " + status + detail);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new Failure("the endpoint's answer is not JSON");
        }
        JsonNode content = answer == null ? null : answer.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new Failure("the endpoint's answer is not a chat completion (no choices[0].message.content)");
        }
        if (content.asText().isBlank()) {
            throw new Failure("the model gave an empty answer");
        }
        return content.asText().strip();
    }

    /** {@code : <the endpoint's error message>}, from an OpenAI-style error body or its first characters. */
    private String errorDetail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                text = message.asText();
            }
        } catch (JacksonException e) {
            // not JSON: quote the start of the text as it is
        }
        text = text.strip().replaceAll("\\s+", " ");
        return ": " + redact(text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
    }

    /** Removes the key from text that came from elsewhere: an endpoint may echo what it was sent. */
    private String redact(String text) {
        return settings.key().isEmpty() ? text : text.replace(settings.key(), "[key]");
    }
}
