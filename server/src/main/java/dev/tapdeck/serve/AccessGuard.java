package dev.tapdeck.serve;

import io.javalin.http.Context;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Who may use the API. On loopback without a token: anyone on this machine. With a token
 * (required for any other bind): requests carry it as {@code Authorization: Bearer ...} or in
 * the cookie set by {@code /login?token=...}. Either way, a browser request from another origin
 * is refused unless that origin is configured, and only configured origins get CORS headers.
 */
public final class AccessGuard {
    public static final String COOKIE = "tapdeck_token";
    /** The value of {@code --token} that asks for a fresh random token. */
    public static final String GENERATE = "generate";

    private final byte[] token;
    private final List<String> origins;

    private AccessGuard(String token, List<String> origins) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.origins = origins;
    }

    /**
     * @throws IllegalArgumentException when the server would listen beyond loopback without a token
     */
    public static AccessGuard of(ServerConfig config) {
        String token = config.text(ServerOption.TOKEN);
        if (token.isEmpty() && !config.bindsLoopbackOnly()) {
            throw new IllegalArgumentException("listening on " + config.bind() + " makes the server reachable from other machines,"
                    + " so it needs an access token: set --token (or TAPDECK_TOKEN), or --token generate to have one made and printed");
        }
        return new AccessGuard(token.isEmpty() ? null : token, config.origins());
    }

    /** A new random token: 32 bytes from a strong source, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public boolean needsToken() {
        return token != null;
    }

    /** Whether {@code presented} is the token, compared in constant time. */
    public boolean accepts(String presented) {
        return token == null || presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the token and the origin of a request (WebSocket upgrades included); throws 401 or 403. */
    public void check(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host")) && !origins.contains(origin)) {
            throw new ApiException(403, "origin not allowed", "requests from " + origin
                    + " are not allowed: add it to the server's origins option to allow it");
        }
        if (token != null && !accepts(presentedToken(ctx))) {
            throw new ApiException(401, "access token required", "send the server's token as \"Authorization: Bearer <token>\","
                    + " or open /login?token=<token> once in the browser");
        }
    }

    /** CORS headers for a configured origin; nothing for any other. */
    public void allowCrossOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && origins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Vary", "Origin");
        }
    }

    private static String presentedToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return ctx.cookie(COOKIE);
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = new URI(origin);
            String authority = uri.getAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
