package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.explain.Explainer;
import dev.tapdeck.explain.OfflineExplainer;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapWriter;
import dev.tapdeck.generate.TrafficGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** A real server on a free loopback port, with a real HTTP client and WebSocket clients, for tests. */
final class RunningServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TapdeckServer server;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    RunningServer(Map<ServerOption, String> settings) throws Exception {
        this(settings, new OfflineExplainer());
    }

    RunningServer(Map<ServerOption, String> settings, Explainer explainer) throws Exception {
        Map<ServerOption, String> flags = new EnumMap<>(ServerOption.class);
        flags.put(ServerOption.PORT, "0");
        flags.put(ServerOption.INTERFACE, "lo");
        flags.put(ServerOption.HISTORY_MEGABYTES, "64");
        flags.putAll(settings);
        server = new TapdeckServer(ServerConfig.load(flags, Map.of(), null), explainer);
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

    /** Replays a capture as fast as it goes and returns once every one of its packets is in the history and the replay has ended. */
    void replayWhole(Path capture) throws Exception {
        long packets = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                packets++;
            }
        }
        long expected = packets;
        replay(capture, 0, false);
        awaitUntil(capture.getFileName() + " replayed whole", Duration.ofSeconds(30),
                () -> !server.sources().replayStatus().running() && server.history().newest() == expected);
    }

    /** A generated capture of {@code packets} packets (some 70,000 a second of recorded time). */
    static Path sample(Path folder, long packets) throws IOException {
        Path file = folder.resolve("sample-" + packets + ".pcap");
        try (PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), LinkTypes.ETHERNET, 262_144, false)) {
            new TrafficGenerator(3).generate(writer, packets);
        }
        return file;
    }

    /** A client that reads everything; {@code headers} are name, value pairs for the upgrade request. */
    Client connect(String... headers) throws Exception {
        return connect(new Client(true, true), headers);
    }

    /** A client that reads everything but keeps of the packet messages only the frame numbers: a load client. */
    Client connectCounting() throws Exception {
        return connect(new Client(true, false));
    }

    /** A client that reads one message after connecting, then nothing at all. */
    Client connectAndStall() throws Exception {
        return connect(new Client(false, true));
    }

    private Client connect(Client client, String... headers) throws Exception {
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            requestHeaders.put(headers[i], headers[i + 1]);
        }
        client.socket = StreamSocket.connect(URI.create("ws://127.0.0.1:" + port + "/api/stream"), requestHeaders, client);
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
            client.release.countDown();
            client.socket.abort();
        }
        server.close();
    }

    /**
     * Keeps every message as text (checked to be valid UTF-8, as a browser checks it), parsed
     * only when asked, so that neither reading nor waiting costs the client much; can read
     * slowly on purpose, or stop reading altogether.
     */
    static final class Client implements StreamSocket.Handler {
        private static final String SUMMARY_START = "{\"frame.number\":";
        private static final String PACKETS_START = "{\"type\":\"packets\"";
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final boolean reads;
        /** False: packet messages are not kept, only their frame numbers (in {@link #numbers}). */
        private final boolean keepsPackets;
        private long[] numbers = new long[1024];
        private int numberCount;
        private final CountDownLatch release = new CountDownLatch(1);
        private int counted;
        private long summaries;
        volatile long delayMillis;
        volatile boolean closed;
        volatile int closeCode;
        StreamSocket socket;

        Client(boolean reads, boolean keepsPackets) {
            this.reads = reads;
            this.keepsPackets = keepsPackets;
        }

        @Override
        public void message(int opcode, byte[] payload) throws Exception {
            String message = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
            if (keepsPackets || !message.startsWith(PACKETS_START)) {
                received.add(message);
            } else {
                keepNumbers(message);
            }
            if (!reads) {
                release.await(); // a stalled browser: nothing more is read from the socket
            } else if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        }

        @Override
        public void closed(int code) {
            closeCode = code;
            closed = true;
        }

        /** Sets this client's display filter on the stream (an empty one clears it). */
        void filter(String filter) throws IOException {
            socket.send(JSON.writeValueAsString(Map.of("type", "filter", "filter", filter)));
        }

        /** Every message so far, parsed. */
        List<JsonNode> messages() {
            return parse(received);
        }

        List<JsonNode> ofType(String type) {
            String start = "{\"type\":\"" + type + "\"";
            return parse(received.stream().filter(message -> message.startsWith(start)).toList());
        }

        private synchronized void keepNumbers(String message) {
            for (int at = message.indexOf(SUMMARY_START); at >= 0; at = message.indexOf(SUMMARY_START, at + 1)) {
                if (numberCount == numbers.length) {
                    numbers = Arrays.copyOf(numbers, 2 * numberCount);
                }
                numbers[numberCount++] = frameNumberAt(message, at);
            }
        }

        private static long frameNumberAt(String message, int summaryStart) {
            int start = summaryStart + SUMMARY_START.length();
            int end = start;
            while (Character.isDigit(message.charAt(end))) {
                end++;
            }
            return Long.parseLong(message, start, end, 10);
        }

        /** Packet summaries received so far, counted without parsing (for waiting on them). */
        synchronized long packetCount() {
            if (!keepsPackets) {
                return numberCount;
            }
            for (; counted < received.size(); counted++) {
                String message = received.get(counted);
                for (int at = message.indexOf(SUMMARY_START); at >= 0; at = message.indexOf(SUMMARY_START, at + 1)) {
                    summaries++;
                }
            }
            return summaries;
        }

        /** The frame numbers of every packet summary received, in order, read without parsing the messages. */
        synchronized long[] frameNumbers() {
            if (!keepsPackets) {
                return Arrays.copyOf(numbers, numberCount);
            }
            List<Long> found = new ArrayList<>();
            for (String message : received) {
                for (int at = message.indexOf(SUMMARY_START); at >= 0; at = message.indexOf(SUMMARY_START, at + 1)) {
                    found.add(frameNumberAt(message, at));
                }
            }
            return found.stream().mapToLong(Long::longValue).toArray();
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
