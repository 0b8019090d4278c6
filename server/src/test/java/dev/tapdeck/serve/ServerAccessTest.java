package dev.tapdeck.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens, origins and the refusal to serve beyond loopback without a token. */
@Timeout(60)
class ServerAccessTest extends ServerTestBase {
    @Test
    void aBindBeyondLoopbackWithoutATokenIsRefusedAtStartUp() throws Exception {
        ServerConfig config = ServerConfig.load(Map.of(ServerOption.BIND, "0.0.0.0", ServerOption.PORT, "0"), Map.of(), null);
        assertThatThrownBy(() -> new TapdeckServer(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listening on 0.0.0.0")
                .hasMessageContaining("--token");
    }

    @Test
    void withATokenEveryRequestAndTheStreamMustCarryIt() throws Exception {
        running = new RunningServer(Map.of(ServerOption.TOKEN, "s3cret-token"));
        HttpResponse<String> without = running.get("/api/capture/settings");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(json(without).get("error").asText()).isEqualTo("access token required");
        assertThat(running.get("/api/capture/settings", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(running.get("/api/capture/settings", "Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(200);

        HttpResponse<String> badLogin = running.get("/login?token=wrong");
        assertThat(badLogin.statusCode()).isEqualTo(401);
        HttpResponse<String> login = running.get("/login?token=s3cret-token");
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(AccessGuard.COOKIE + "=s3cret-token").contains("HttpOnly", "SameSite=Strict");
        assertThat(running.get("/api/capture/settings", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode()).isEqualTo(200);

        assertThatThrownBy(running::connect).isInstanceOf(IOException.class).hasMessageContaining("upgrade refused: HTTP/1.1 401");
        RunningServer.Client client = running.connect("Authorization", "Bearer s3cret-token");
        RunningServer.awaitUntil("the first status", Duration.ofSeconds(5), () -> !client.ofType("status").isEmpty());
        assertThat(running.get("/api/capture/status", "Authorization", "Bearer s3cret-token").body()).doesNotContain("s3cret-token");
    }

    @Test
    void otherOriginsAreRefusedUnlessConfiguredAndOnlyThoseGetCorsHeaders() throws Exception {
        running = new RunningServer(Map.of(ServerOption.ORIGINS, "http://localhost:5173"));
        HttpResponse<String> foreign = running.get("/api/capture/settings", "Origin", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("error").asText()).isEqualTo("origin not allowed");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> allowed = running.get("/api/capture/settings", "Origin", "http://localhost:5173");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        assertThatThrownBy(() -> running.connect("Origin", "http://evil.example")).isInstanceOf(IOException.class)
                .hasMessageContaining("upgrade refused: HTTP/1.1 403");
        RunningServer.Client configured = running.connect("Origin", "http://localhost:5173");
        RunningServer.Client sameOrigin = running.connect("Origin", "http://127.0.0.1:" + running.port);
        RunningServer.awaitUntil("both get a status", Duration.ofSeconds(5),
                () -> !configured.ofType("status").isEmpty() && !sameOrigin.ofType("status").isEmpty());
    }

    @Test
    void requestBodiesAreLimited() throws Exception {
        running = new RunningServer();
        HttpResponse<String> large = running.post("/api/capture/settings", "{\"filter\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(json(large).get("error").asText()).isEqualTo("request too large");
    }
}
