package dev.tapdeck.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The OpenAPI 3 document of the REST API, made from the same route table that serves it. */
final class OpenApi {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {}

    static Map<String, Object> document(List<TapdeckServer.Route> routes) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (TapdeckServer.Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", route.summary());
            List<Map<String, Object>> parameters = PATH_PARAMETER.matcher(route.path()).results()
                    .map(match -> Map.<String, Object>of("name", match.group(1), "in", "path", "required", true,
                            "schema", Map.of("type", "integer")))
                    .toList();
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            operation.put("responses", Map.of(
                    "200", Map.of("description", "success"),
                    "default", Map.of("description", "an error: {\"error\": ..., \"detail\": ...}",
                            "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))))));
            path.put(route.method().name().toLowerCase(Locale.ROOT), operation);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "Tapdeck", "version", "1",
                "description", "Live capture, replay and packet history. The live stream is the WebSocket at /api/stream;"
                        + " a client sets its own display filter there with {\"type\":\"filter\",\"filter\":\"tcp.port == 443\"},"
                        + " and follows a stream with {\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":N}: it is then sent"
                        + " {\"type\":\"streamData\",...} whenever that stream has grown, and fetches what is new from GET /api/streams/N."));
        document.put("paths", paths);
        document.put("components", Map.of(
                "schemas", Map.of("Error", Map.of("type", "object",
                        "description", "What went wrong and what to do; a display filter that does not compile also gives the filter"
                                + " and where in it the fault lies (0-based position, -1 for none, and length), error being tshark's message",
                        "properties", Map.of("error", Map.of("type", "string"), "detail", Map.of("type", "string"),
                                "filter", Map.of("type", "string"), "position", Map.of("type", "integer"), "length", Map.of("type", "integer")))),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return document;
    }
}
