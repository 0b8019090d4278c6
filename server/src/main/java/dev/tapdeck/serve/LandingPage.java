package dev.tapdeck.serve;

/** What {@code /} shows until the browser UI is built into the jar: where the API is. */
final class LandingPage {
    static final String HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tapdeck</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
            <h1>Tapdeck</h1>
            <p>The server is running. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>;
            live packet summaries stream on the WebSocket at <code>/api/stream</code>;
            <a href="/api/capture/status">/api/capture/status</a> shows what is capturing.</p>
            </body></html>
            """;

    private LandingPage() {}
}
