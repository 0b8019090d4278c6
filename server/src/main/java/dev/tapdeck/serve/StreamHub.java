package dev.tapdeck.serve;

import dev.tapdeck.analysis.process.ProcessInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;
import dev.tapdeck.stream.StreamFacts;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The WebSocket fan-out. Packet summaries are gathered into batches ({@code
 * {"type":"packets","packets":[...],"count":N,"handled":MICROS}}, sent every {@code
 * batch-millis} or at {@code batch-packets}); each batch is encoded to UTF-8 once and the same
 * bytes go to every client that has no display filter.
 *
 * <p>Each client has its own sending thread, which writes its messages in order. A client may
 * set a display filter ({@code {"type":"filter","filter":"tcp.port == 443"}}, empty to clear):
 * it is answered with {@code {"type":"filter","filter":...,"from":N}}: every packet from frame
 * N on goes through the new filter and every one before it went through the old, so a client
 * takes the packets before N from the history and those after from the stream. A bad filter
 * is answered with {@code {"type":"filter-error",...}} (the body of a bad filter's 400) and
 * the previous one stays. The client's sending thread runs its filter over each batch's
 * packets and sends only the summaries that pass. Each client's status message tells what
 * its filter passed and held back, and up to which frame it has seen the stream ({@code
 * "stream":{"filter","matched","filtered","dropped","through"}}). While any
 * client filters, batches keep their packets (one copy each, whatever the number of filters);
 * the filtering itself costs only that client's thread, and at most one fewer clients than
 * there are processors filter at once, so that filters never take the processor the capture
 * and the clients without a filter need: a client whose filter cannot keep up loses batches,
 * counted as any slow client's are.
 *
 * <p>A client may follow one TCP or UDP stream ({@code {"type":"follow","proto":"tcp","stream":N}};
 * no stream: none): whenever the stream has grown (data, gaps, ends), at most once every {@code
 * batch-millis}, it is sent {@code {"type":"streamData","proto","stream","segmentCount","client",
 * "server","emptied","truncated"}}, each side with its {@code payload} and {@code missing}
 * bytes so far and the frame that ended it ({@code end}), from which it fetches what is new
 * ({@code GET /api/streams/N?after=S}). A notice that finds the client's queue full is sent at
 * the next tick instead, so a slow client learns of the latest state, never of each step.
 *
 * <p>Each client may have at most {@code client-queue} messages waiting or in flight. A
 * client that is further behind loses batches, and is told how many summaries it missed and
 * their frame numbers ({@code {"type":"dropped","count":N,"total":T,"from":F,"to":L}}; for a
 * filtering client, packets that its filter never saw) as soon as it has room again; one that
 * takes nothing at all for {@code stall-seconds} is disconnected. Neither slows the pipeline
 * or the other clients: handing a message to a client never waits.
 */
public final class StreamHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int batchPackets;
    private final int clientQueue;
    private final long stallNanos;
    private final long batchMillis;
    private final Supplier<String> statusJson;
    private final StreamStore streams;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tapdeck-stream").daemon().factory());
    /** The batch being gathered; its lock also guards every change of a client's filter. */
    private final StreamBatch.Builder batch = new StreamBatch.Builder();
    /** Clients with a filter; while there are any, batches keep their packets. Guarded by {@link #batch}. */
    private int filteringClients;
    /** The number of the last packet added, 0 when a new source starts. Guarded by {@link #batch}. */
    private long lastAdded;
    private final AtomicLong batchesSent = new AtomicLong();
    /** Turns to run a filter over a batch: one fewer than the processors, at least one. */
    private final Semaphore filterTurns = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    public StreamHub(ServerConfig config, Supplier<String> statusJson, StreamStore streams) {
        this.streams = streams;
        batchPackets = config.integer(ServerOption.BATCH_PACKETS);
        clientQueue = config.integer(ServerOption.CLIENT_QUEUE);
        stallNanos = TimeUnit.SECONDS.toNanos(config.integer(ServerOption.STALL_SECONDS));
        batchMillis = config.integer(ServerOption.BATCH_MILLIS);
        this.statusJson = statusJson;
    }

    /** Starts the clock: batches every {@code batch-millis}, the status and the stall check every second. */
    public void start() {
        timer.scheduleAtFixedRate(this::flushSafely, batchMillis, batchMillis, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::broadcastStatusSafely, 1, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::closeStalledClients, 1, 1, TimeUnit.SECONDS);
    }

    /** A new client: it is sent the status, then everything broadcast from now on. */
    public void join(WsContext context) {
        CoreSession session = ((WebSocketSession) context.session).getCoreSession();
        Client client = new Client(context, session);
        client.start();
        client.offer(new Status(statusJson.get()));
        clients.put(context.sessionId(), client);
    }

    public void leave(WsContext context) {
        Client client = clients.remove(context.sessionId());
        if (client != null) {
            forget(client);
        }
    }

    public int clientCount() {
        return clients.size();
    }

    /**
     * Adds one packet to the batch being gathered: its summary (a JSON object), and the packet
     * itself while some client filters, with a copy of what the stream tracker made of it and
     * its program ({@code process}, null when unknown).
     * Called on the pipeline's thread.
     *
     * @param referenceNanos the time of the capture's first packet, for {@code frame.time_relative}
     */
    public void addPacket(long number, PacketRecord packet, StreamFacts tracked, ProcessInfo process, long referenceNanos,
                          CharSequence summaryJson) {
        synchronized (batch) {
            batch.add(number, packet, tracked, process, referenceNanos, summaryJson, filteringClients > 0, batch.count() == 0 ? epochMicros() : 0);
            lastAdded = number;
            if (batch.count() >= batchPackets) {
                flushBatch();
            }
        }
    }

    /** Sends the gathered summaries now, if there are any. */
    public void flush() {
        synchronized (batch) {
            if (batch.count() > 0) {
                flushBatch();
            }
        }
    }

    /**
     * A new source: the summaries gathered so far are sent, numbering starts again at 1, and
     * every client is sent {@code resetJson}.
     */
    public void restart(String resetJson) {
        synchronized (batch) {
            if (batch.count() > 0) {
                flushBatch();
            }
            lastAdded = 0;
        }
        broadcast(resetJson);
    }

    /** Sends one message of any other type (alert, reset) to every client, unbatched. */
    public void broadcast(String json) {
        Text message = new Text(json.getBytes(StandardCharsets.UTF_8));
        for (Client client : clients.values()) {
            client.offer(message);
        }
    }

    /** Batches sent since start, for tests and monitoring. */
    public long batchesSent() {
        return batchesSent.get();
    }

    /**
     * A message from a client. The stream takes two kinds: {@code {"type":"filter","filter":TEXT}}
     * sets the client's display filter (an empty text clears it), and {@code
     * {"type":"follow","proto":"tcp","stream":N}} follows a stream (no stream: follows none).
     * Anything else is answered with an error and changes nothing.
     */
    public void receive(WsContext context, String message) {
        Client client = clients.get(context.sessionId());
        if (client == null) {
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            request = null;
        }
        String type = request == null ? "" : request.path("type").asText();
        if (type.equals("follow")) {
            follow(client, request);
            return;
        }
        if (!type.equals("filter") || !request.path("filter").isTextual()) {
            client.reply(errorMessage(Map.of("error", "unknown message",
                    "detail", "the stream takes {\"type\":\"filter\",\"filter\":\"tcp.port == 443\"} (an empty filter clears it)"
                            + " and {\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":0} (no stream: follow none)")));
            return;
        }
        String text = request.get("filter").asText();
        try {
            setFilter(client, DisplayFilters.compile(text), text);
        } catch (FilterException e) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("type", "filter-error");
            refusal.putAll(DisplayFilters.error(e));
            client.reply(json(refusal));
        }
    }

    /**
     * Makes {@code client} follow the stream {@code request} names, or none: it is answered
     * {@code {"type":"follow","proto":"tcp","stream":N}} ({@code "stream":null} for none), then
     * sent a {@code streamData} notice whenever the stream has grown, at most one per {@code
     * batch-millis}.
     */
    private void follow(Client client, JsonNode request) {
        JsonNode stream = request.path("stream");
        String proto = request.path("proto").asText("tcp");
        if (stream.isMissingNode() || stream.isNull()) {
            synchronized (client) {
                client.following = null;
            }
            client.reply("{\"type\":\"follow\",\"stream\":null}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!stream.canConvertToInt() || stream.asInt() < 0 || !stream.isIntegralNumber() || !(proto.equals("tcp") || proto.equals("udp"))) {
            client.reply(errorMessage(Map.of("error", "bad follow",
                    "detail", "follow a stream by its index and protocol: {\"type\":\"follow\",\"proto\":\"tcp\",\"stream\":0}"
                            + " (proto tcp or udp), or {\"type\":\"follow\"} to follow none")));
            return;
        }
        boolean tcp = proto.equals("tcp");
        int number = stream.asInt();
        if (streams.progress(tcp, number) < 0) {
            client.reply(errorMessage(Map.of("error", "no such stream",
                    "detail", proto + ".stream " + number + " is not among the streams of the current capture")));
            return;
        }
        synchronized (client) {
            client.following = new Following(tcp, number);
        }
        client.reply(("{\"type\":\"follow\",\"proto\":\"" + proto + "\",\"stream\":" + number + "}").getBytes(StandardCharsets.UTF_8));
        notifyFollower(client);
    }

    /** Tells each client following a stream that has grown since it was last told. */
    private void notifyFollowers() {
        for (Client client : clients.values()) {
            notifyFollower(client);
        }
    }

    private void notifyFollower(Client client) {
        synchronized (client) { // the timer's thread and the client's own message may both tell it
            Following following = client.following;
            if (following == null) {
                return;
            }
            long progress = streams.progress(following.tcp(), following.stream());
            if (progress < 0 || progress == following.told()) {
                return;
            }
            String notice = streams.notice(following.tcp(), following.stream());
            // Told only once the notice found room: a full queue means the next tick tries again.
            if (notice != null && client.offer(new Text(notice.getBytes(StandardCharsets.UTF_8)))) {
                client.following = new Following(following.tcp(), following.stream(), progress);
            }
        }
    }

    /**
     * Gives {@code client} its new filter (null: none), in order with the batches: those handed
     * to it before are sent as the old filter would, those after under the new one, and every
     * batch a filter sees has its packets.
     */
    private void setFilter(Client client, DisplayFilter filter, String text) {
        synchronized (batch) {
            if (filter != null && !client.filtering) {
                filteringClients++;
                if (batch.count() > 0 && !batch.withPackets()) {
                    flushBatch(); // the next batch keeps its packets
                }
            }
            // The batch being gathered goes out after the change, under the new filter.
            long from = batch.count() > 0 ? batch.firstNumber() : lastAdded + 1;
            client.reply(new FilterChange(filter, text, from));
            if (filter == null && client.filtering) {
                filteringClients--;
            }
            client.filtering = filter != null;
        }
    }

    /** A client gone: its filter no longer counts, and its sending thread ends. */
    private void forget(Client client) {
        synchronized (batch) {
            if (client.filtering) {
                filteringClients--;
                client.filtering = false;
            }
        }
        client.stop();
    }

    private void flushBatch() {
        Packets packets = new Packets(batch.finish());
        batchesSent.incrementAndGet();
        for (Client client : clients.values()) {
            client.offer(packets);
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static byte[] errorMessage(Map<String, Object> body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.putAll(body);
        return json(message);
    }

    private static byte[] json(Map<String, Object> message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushSafely() {
        try {
            flush();
            notifyFollowers();
        } catch (RuntimeException e) {
            log.error("sending packet summaries failed", e);
        }
    }

    private void broadcastStatusSafely() {
        try {
            Status status = new Status(statusJson.get());
            for (Client client : clients.values()) {
                client.offer(status);
            }
        } catch (RuntimeException e) {
            log.error("sending the status failed", e);
        }
    }

    private void closeStalledClients() {
        long now = System.nanoTime();
        for (Client client : clients.values()) {
            if (client.stalledSince(now) > stallNanos) {
                log.info("closing WebSocket client {}: it took nothing for {} s ({} waiting, {} missed)", client.address(), stallNanos / 1_000_000_000L, client.inFlight.get(), client.missedTotal.get());
                clients.remove(client.context.sessionId());
                forget(client);
                client.context.closeSession(1008, "too slow: nothing was read for " + stallNanos / 1_000_000_000L + " s");
                client.session.abort(); // a client that reads nothing would never read the close frame either
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Client client : clients.values()) {
            client.stop();
            client.context.closeSession(1001, "server stopping");
        }
        clients.clear();
    }

    /** What a client's sending thread sends, in the order it was handed over. */
    private sealed interface Outgoing {}

    /** A batch, shared by every client. */
    private record Packets(StreamBatch batch) implements Outgoing {}

    /** A message sent as it is: an alert, a reset, a drop notice, a reply. */
    private record Text(byte[] bytes) implements Outgoing {}

    /** The server's status, to which each client adds what its own filter did. */
    private record Status(String json) implements Outgoing {}

    /** The stream a client follows, and how far it has been told it got. */
    private record Following(boolean tcp, int stream, long told) {
        Following(boolean tcp, int stream) {
            this(tcp, stream, -1);
        }
    }

    /** A new display filter (null: none), compiled for this client alone, for the packets from frame {@code from} on. */
    private record FilterChange(DisplayFilter filter, String text, long from) implements Outgoing {}

    /** One browser: its queue and sending thread, its filter, what it missed. */
    private final class Client {
        final WsContext context;
        final CoreSession session;
        /** Messages handed over and not yet sent, or sent and not yet written out. */
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong missedTotal = new AtomicLong();
        /** When the oldest message still waiting was handed over; progress resets it. */
        volatile long waitingSince;
        /** The stream it follows; null for none. */
        volatile Following following;
        /** Whether its filter counts among {@link #filteringClients}; guarded by {@link #batch}. */
        boolean filtering;
        private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
        private Thread sender;
        // Summaries missed since the client last had room, and their frame numbers; guarded by this.
        private long missed;
        private long missedFrom;
        private long missedTo;
        /** The last frame of the batches handed over or missed: the stream is seen through it. */
        private volatile long through;
        // The sending thread's own.
        private ClientFilter filter;
        private PacketFields fields;
        private long matched;
        private long filteredOut;

        Client(WsContext context, CoreSession session) {
            this.context = context;
            this.session = session;
        }

        void start() {
            sender = Thread.ofVirtual().name("tapdeck-stream-" + address()).start(this::sendAll);
        }

        void stop() {
            sender.interrupt();
        }

        /**
         * Hands a message over unless {@code client-queue} are already waiting; a batch that
         * does not fit is counted as missed, and the next message that fits is preceded by the
         * count. Returns whether the message was handed over.
         */
        synchronized boolean offer(Outgoing message) {
            if (message instanceof Packets(StreamBatch batch)) {
                through = batch.lastNumber();
            }
            if (inFlight.get() >= clientQueue) {
                if (message instanceof Packets(StreamBatch lost)) {
                    if (missed == 0) {
                        missedFrom = lost.firstNumber();
                    }
                    missed += lost.count();
                    missedTo = lost.lastNumber();
                    missedTotal.addAndGet(lost.count());
                }
                return false;
            }
            if (missed > 0) {
                enqueue(new Text(("{\"type\":\"dropped\",\"count\":" + missed + ",\"total\":" + missedTotal.get()
                        + ",\"from\":" + missedFrom + ",\"to\":" + missedTo + "}").getBytes(StandardCharsets.UTF_8)));
                missed = 0;
            }
            enqueue(message);
            return true;
        }

        /** A reply to the client's own message: never lost to a full queue. */
        void reply(byte[] message) {
            reply(new Text(message));
        }

        synchronized void reply(Outgoing message) {
            enqueue(message);
        }

        private void enqueue(Outgoing message) {
            if (inFlight.getAndIncrement() == 0) {
                waitingSince = System.nanoTime();
            }
            queue.add(message);
        }

        /** The sending thread: each message in turn, until the client leaves. */
        private void sendAll() {
            try {
                while (true) {
                    switch (queue.take()) {
                        case Packets(StreamBatch batch) -> sendPackets(batch);
                        case Text(byte[] bytes) -> write(bytes);
                        case Status(String json) -> write(status(json));
                        case FilterChange(DisplayFilter next, String text, long from) -> {
                            if (fields == null && next != null) {
                                fields = new PacketFields();
                            }
                            filter = next == null ? null : new ClientFilter(next, fields);
                            matched = 0;
                            filteredOut = 0;
                            write(acknowledgement(text, from));
                        }
                    }
                }
            } catch (InterruptedException e) {
                // The client left.
            } catch (RuntimeException e) {
                log.error("sending to WebSocket client {} failed; closing it", address(), e);
                clients.remove(context.sessionId());
                forget(this);
                context.closeSession(1011, "internal error: " + e.getClass().getSimpleName());
            }
        }

        private void sendPackets(StreamBatch batch) throws InterruptedException {
            if (filter == null) {
                matched += batch.count();
                write(batch.message());
                return;
            }
            byte[] message = null;
            filterTurns.acquire();
            int passed;
            try {
                passed = filter.select(batch);
                if (passed > 0) {
                    message = filter.message(batch);
                }
            } finally {
                filterTurns.release();
            }
            matched += passed;
            filteredOut += batch.count() - passed;
            if (message == null) {
                sent();
            } else {
                write(message);
            }
        }

        /** The server's status with this client's own part: {@code "stream":{"filter","matched","filtered","dropped","through"}}. */
        private byte[] status(String json) {
            StringBuilder message = new StringBuilder(json.length() + 128).append(json, 0, json.lastIndexOf('}'));
            JsonLinesFormat.appendString(filter == null ? "" : filter.text(), message.append(",\"stream\":{\"filter\":"));
            message.append(",\"matched\":").append(matched).append(",\"filtered\":").append(filteredOut)
                    .append(",\"dropped\":").append(missedTotal.get()).append(",\"through\":").append(through).append("}}");
            return message.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] acknowledgement(String text, long from) {
            StringBuilder message = new StringBuilder("{\"type\":\"filter\",\"filter\":");
            JsonLinesFormat.appendString(text.isBlank() ? "" : text, message);
            return message.append(",\"from\":").append(from).append('}').toString().getBytes(StandardCharsets.UTF_8);
        }

        private void write(byte[] message) {
            session.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(message)), Callback.from(this::sent, failure -> sent()), false);
        }

        /** One message done with: written out, failed, or filtered down to nothing. */
        private void sent() {
            waitingSince = System.nanoTime();
            inFlight.decrementAndGet();
        }

        long stalledSince(long now) {
            return inFlight.get() == 0 ? 0 : now - waitingSince;
        }

        String address() {
            return String.valueOf(context.session.getRemoteSocketAddress());
        }
    }
}
