package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tapdeck.explain.LlmExplainer;
import dev.tapdeck.explain.LlmSettings;
import dev.tapdeck.explain.OfflineExplainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/ai/explain over the packet history: offline, and through an OpenAI-compatible server on loopback. */
@Timeout(60)
class ServerExplainTest extends ServerTestBase {
    private static final Path HTTP = Path.of(System.getProperty("tapdeck.shared", "../../shared"), "corpus", "dpkt-http.pcap");

    @Test
    void explainsAPacketOfTheHistoryOffline() throws Exception {
        running = new RunningServer();
        replayToTheEnd();

        JsonNode answer = json(running.post("/api/ai/explain", "{\"packet\": 1}"));
        assertThat(answer.get("source").asText()).isEqualTo("offline");
        assertThat(answer.get("text").asText()).startsWith("# Packet 1: TCP").contains("three-way handshake");

        var missing = running.post("/api/ai/explain", "{\"packet\": 44}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("detail").asText()).contains("44");
        var empty = running.post("/api/ai/explain", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("error").asText()).isEqualTo("nothing to explain");
    }

    @Test
    void asksTheConfiguredModelAndSaysSo() throws Exception {
        AtomicReference<String> asked = new AtomicReference<>();
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            asked.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = """
                    {"choices":[{"message":{"role":"assistant","content":"A **SYN**: the client opens a connection."}}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        try {
            LlmSettings settings = new LlmSettings(URI.create("http://127.0.0.1:" + model.getAddress().getPort() + "/v1"),
                    "sk-test-secret", "test-model", Duration.ofSeconds(10), false, 10);
            running = new RunningServer(Map.of(), new LlmExplainer(settings, new OfflineExplainer()));
            replayToTheEnd();

            var response = running.post("/api/ai/explain", "{\"packet\": 1}");
            assertThat(response.body()).doesNotContain("sk-test-secret");
            JsonNode answer = json(response);
            assertThat(answer.get("source").asText()).isEqualTo("test-model");
            assertThat(answer.get("text").asText()).isEqualTo("A **SYN**: the client opens a connection.");
            assertThat(asked.get()).contains("\"model\":\"test-model\"", "tcp.srcport", "three-way handshake");
        } finally {
            model.stop(0);
        }
    }

    private void replayToTheEnd() throws Exception {
        running.replay(HTTP, 0, false);
        awaitUntil("the replay ends", Duration.ofSeconds(20),
                () -> !running.server.sources().replayStatus().running() && running.server.sources().replayStatus().packets() == 43);
    }
}
