package dev.tapdeck.explain;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model explainer against a real OpenAI-compatible server on 127.0.0.1 that answers as a
 * test tells it: a completion, a slow answer, 401, 429, 500, text that is not a completion.
 */
class LlmExplainerTest {
    private static final String KEY = "sk-test-5f3a9c1e7d2b4a60";
    private static final String MODEL = "test-model";
    /** Packet 4 of dpkt-http.pcap: {@code GET /download.html}, with a User-Agent header line. */
    private static final long HTTP_REQUEST = 4;
    /** "GET /download.html" in hex: payload bytes a prompt may carry only when allowed. */
    private static final String REQUEST_LINE_HEX = "474554202f646f776e6c6f61642e68746d6c";

    private record Answer(int status, String body, Duration delay) {
    }

    private record Received(String authorization, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Answer answer;
    private HttpServer server;
    private PacketContext context;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
        context = FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), HTTP_REQUEST);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(LlmExplainer.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(LlmExplainer.class)).detachAppender(logs);
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), json.readTree(exchange.getRequestBody())));
            Answer now = answer;
            if (!now.delay().isZero()) {
                released.await(now.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
            byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(now.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerWith(int status, String body) {
        answer = new Answer(status, body, Duration.ZERO);
    }

    private LlmExplainer explainer(boolean sendPayload, int requestsPerMinute, Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new LlmExplainer(new LlmSettings(base, KEY, MODEL, timeout, sendPayload, requestsPerMinute), new OfflineExplainer());
    }

    private LlmExplainer explainer() {
        return explainer(false, 100, Duration.ofSeconds(5));
    }

    private static String completion(String content) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + new ObjectMapper().valueToTree(content) + "},\"finish_reason\":\"stop\"}]}";
    }

    private String offlineText() {
        return new OfflineExplainer().explainPacket(HTTP_REQUEST, context).text();
    }

    @Test
    void returnsTheModelsAnswerAndNamesTheModel() {
        answerWith(200, completion("# An HTTP request\n\nThe client asks for /download.html."));

        Explanation explanation = explainer().explainPacket(HTTP_REQUEST, context);

        assertThat(explanation).isEqualTo(new Explanation("# An HTTP request\n\nThe client asks for /download.html.", MODEL));
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void sendsTheDecodedFieldsAndTheOfflineAnalysisButNoPayloadByDefault() {
        answerWith(200, completion("fine"));

        explainer().explainPacket(HTTP_REQUEST, context);

        JsonNode body = received.getFirst().body();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("messages").size()).isEqualTo(2);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
        String prompt = body.path("messages").path(1).path("content").asText();
        assertThat(prompt)
                .contains("Source Address: 145.254.160.237 [ip.src]")
                .contains("Destination Port: 80 [tcp.dstport]")
                .contains("Request Method: GET [http.request.method]")
                .contains(offlineText())
                .contains("Payload bytes are withheld")
                .doesNotContain("User-Agent")
                .doesNotContain(REQUEST_LINE_HEX);
    }

    @Test
    void sendsThePayloadWhenAllowed() {
        answerWith(200, completion("fine"));

        explainer(true, 100, Duration.ofSeconds(5)).explainPacket(HTTP_REQUEST, context);

        String prompt = received.getFirst().body().path("messages").path(1).path("content").asText();
        assertThat(prompt).contains(REQUEST_LINE_HEX).contains("User-Agent").doesNotContain("withheld");
    }

    @Test
    void anAlertPromptCarriesItsNumbers() {
        answerWith(200, completion("a spike"));

        Explanation explanation = explainer().explainAlert(AlertExplanationTest.rateSpike(), context);

        assertThat(explanation.source()).isEqualTo(MODEL);
        assertThat(received.getFirst().body().path("messages").path(1).path("content").asText())
                .contains("- detector: rate-spike").contains("- z: 46.37").contains("- threshold: 3").contains("Why it fired");
    }

    @Test
    void aRefusedKeyFallsBackToTheOfflineTextWithoutShowingTheKey() {
        answerWith(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"type\":\"invalid_request_error\"}}");

        Explanation explanation = explainer().explainPacket(HTTP_REQUEST, context);

        assertFallback(explanation, "the endpoint refused the key (HTTP 401); check TAPDECK_AI_KEY: Incorrect API key provided: [key]");
    }

    @Test
    void aServerErrorFallsBack() {
        answerWith(500, "{\"error\":{\"message\":\"model crashed\"}}");

        assertFallback(explainer().explainPacket(HTTP_REQUEST, context), "the endpoint failed (HTTP 500): model crashed");
    }

    @Test
    void theProvidersRateLimitFallsBack() {
        answerWith(429, "slow down");

        assertFallback(explainer().explainPacket(HTTP_REQUEST, context), "the endpoint is rate limiting requests (HTTP 429); try again later: slow down");
    }

    @Test
    void anAnswerThatIsNotJsonFallsBack() {
        answerWith(200, "{\"choices\": [ this is not json");

        assertFallback(explainer().explainPacket(HTTP_REQUEST, context), "the endpoint's answer is not JSON");
    }

    @Test
    void jsonThatIsNotACompletionFallsBack() {
        answerWith(200, "{\"object\":\"list\",\"data\":[]}");

        assertFallback(explainer().explainPacket(HTTP_REQUEST, context),
                "the endpoint's answer is not a chat completion (no choices[0].message.content)");
    }

    @Test
    void anEmptyAnswerFallsBack() {
        answerWith(200, completion("  \n"));

        assertFallback(explainer().explainPacket(HTTP_REQUEST, context), "the model gave an empty answer");
    }

    @Test
    void aSlowAnswerTimesOutAndFallsBack() {
        answer = new Answer(200, completion("too late"), Duration.ofSeconds(10));

        Explanation explanation = explainer(false, 100, Duration.ofSeconds(1)).explainPacket(HTTP_REQUEST, context);

        assertFallback(explanation, "no answer within 1 s (TAPDECK_AI_TIMEOUT_SECONDS)");
    }

    @Test
    void aServerThatIsNotRunningFallsBack() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LlmExplainer explainer = new LlmExplainer(new LlmSettings(URI.create("http://127.0.0.1:" + closedPort + "/v1"), KEY, MODEL,
                Duration.ofSeconds(5), false, 10), new OfflineExplainer());

        assertFallback(explainer.explainPacket(HTTP_REQUEST, context),
                "could not connect to http://127.0.0.1:" + closedPort + "/v1 (connection refused: is the server running?)");
    }

    @Test
    void requestsBeyondTheRateLimitGetTheOfflineTextWithoutAsking() {
        answerWith(200, completion("first"));
        LlmExplainer explainer = explainer(false, 1, Duration.ofSeconds(5));

        Explanation first = explainer.explainPacket(HTTP_REQUEST, context);
        Explanation second = explainer.explainPacket(HTTP_REQUEST, context);

        assertThat(first.source()).isEqualTo(MODEL);
        assertThat(second.source()).isEqualTo("offline (model unavailable: the limit of 1 requests a minute is reached (TAPDECK_AI_REQUESTS_PER_MINUTE))");
        assertThat(second.text()).endsWith(offlineText());
        assertThat(received).hasSize(1);
    }

    private void assertFallback(Explanation explanation, String reason) {
        assertThat(explanation.source()).isEqualTo("offline (model unavailable: " + reason + ")");
        assertThat(explanation.text())
                .isEqualTo("> **The model could not answer:** " + reason + ". This is Tapdeck's offline explanation.\n\n" + offlineText());
        assertThat(logs.list).as("the failure is logged").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).contains(reason).doesNotContain(KEY);
            assertThat(event.getThrowableProxy()).isNull();
        }
        assertThat(explanation.text() + explanation.source()).doesNotContain(KEY);
    }
}
