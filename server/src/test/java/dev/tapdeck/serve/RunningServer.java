package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PcapWriter;
import dev.tapdeck.generate.TrafficGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A real server on a free loopback port, with a real HTTP client and WebSocket clients, for tests. */
final class RunningServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TapdeckServer server;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    RunningServer(Map<ServerOption, String> settings) throws Exception {
        Map<ServerOption, String> flags = new EnumMap<>(ServerOption.class);
        flags.put(ServerOption.PORT, "0");
        flags.put(ServerOption.INTERFACE, "lo");
        flags.put(ServerOption.HISTORY_MEGABYTES, "64");
        flags.putAll(settings);
        server = new TapdeckServer(ServerConfig.load(flags, Map.of(), null));
        port = server.start();
    }

    RunningServer() throws Exception {
        this(Map.of());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String name, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/files?name=" + name)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Uploads a capture and replays it; returns the file's id. */
    String replay(Path capture, double speed, boolean loop) throws Exception {
        HttpResponse<String> uploaded = upload(capture.getFileName().toString(), Files.readAllBytes(capture));
        if (uploaded.statusCode() != 201) {
            throw new AssertionError("upload refused: " + uploaded.body());
        }
        String id = json(uploaded).get("id").asText();
        HttpResponse<String> started = post("/api/replay", "{\"file\":\"" + id + "\",\"speed\":" + speed + ",\"loop\":" + loop + "}");
        if (started.statusCode() != 200) {
            throw new AssertionError("replay refused: " + started.body());
        }
        return id;
    }

    /** A generated capture of {@code packets} packets (some 70,000 a second of recorded time). */
    static Path sample(Path folder, long packets) throws IOException {
        Path file = folder.resolve("sample-" + packets + ".pcap");
        try (PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), LinkTypes.ETHERNET, 262_144, false)) {
            new TrafficGenerator(3).generate(writer, packets);
        }
        return file;
    }

    Client connect(String... headers) throws Exception {
        Client client = new Client(true);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/stream"), client).get();
        clients.add(client);
        return client;
    }

    /** A client that reads one message after connecting, then nothing at all. */
    Client connectAndStall() throws Exception {
        Client client = new Client(false);
        client.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/stream"), client).get();
        clients.add(client);
        return client;
    }

    static void awaitUntil(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        for (Client client : clients) {
            client.socket.abort();
        }
        server.close();
    }

    /**
     * Keeps every message as text, parsed only when asked, so that neither reading nor waiting
     * costs the client much; can read slowly on purpose.
     */
    static final class Client implements WebSocket.Listener {
        private static final String SUMMARY_START = "{\"frame.number\":";
        private final List<String> received = new CopyOnWriteArrayList<>();
        private int counted;
        private long summaries;
        private final StringBuilder partial = new StringBuilder();
        private final boolean reads;
        volatile long delayMillis;
        volatile boolean closed;
        volatile int closeCode;
        WebSocket socket;

        Client(boolean reads) {
            this.reads = reads;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (reads) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        /** Every message so far, parsed. */
        List<JsonNode> messages() {
            return parse(received);
        }

        List<JsonNode> ofType(String type) {
            String start = "{\"type\":\"" + type + "\"";
            return parse(received.stream().filter(message -> message.startsWith(start)).toList());
        }

        /** Packet summaries received so far, counted without parsing (for waiting on them). */
        synchronized long packetCount() {
            for (; counted < received.size(); counted++) {
                String message = received.get(counted);
                for (int at = message.indexOf(SUMMARY_START); at >= 0; at = message.indexOf(SUMMARY_START, at + 1)) {
                    summaries++;
                }
            }
            return summaries;
        }

        private static List<JsonNode> parse(List<String> messages) {
            List<JsonNode> parsed = new ArrayList<>(messages.size());
            for (String message : messages) {
                try {
                    parsed.add(JSON.readTree(message));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + message, e);
                }
            }
            return parsed;
        }

        /** Every packet summary received, in order. */
        List<JsonNode> packets() {
            List<JsonNode> packets = new ArrayList<>();
            for (JsonNode batch : ofType("packets")) {
                batch.get("packets").forEach(packets::add);
            }
            return packets;
        }
    }
}
