package dev.tapdeck.serve;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The WebSocket fan-out. Packet summaries are gathered into batches ({@code
 * {"type":"packets","packets":[...],"count":N,"handled":MICROS}}, sent every {@code
 * batch-millis} or at {@code batch-packets}); each batch is encoded to UTF-8 once and the same
 * bytes go to every client.
 *
 * <p>Each client may have at most {@code client-queue} messages in flight. A client that is
 * further behind loses batches, and is told how many summaries it missed ({@code
 * {"type":"dropped",...}}) as soon as it has room again; one that takes nothing at all for
 * {@code stall-seconds} is disconnected. Neither slows the pipeline or the other clients:
 * sending never waits.
 */
public final class StreamHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final String BATCH_START = "{\"type\":\"packets\",\"packets\":[";

    private final int batchPackets;
    private final int clientQueue;
    private final long stallNanos;
    private final long batchMillis;
    private final Supplier<String> statusJson;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tapdeck-stream").daemon().factory());
    private final StringBuilder batch = new StringBuilder(64 * 1024);
    private int batchCount;
    /** When the batch's first summary was added, in microseconds since 1970: its oldest packet's wait starts there. */
    private long batchHandledMicros;
    private final AtomicLong batchesSent = new AtomicLong();

    public StreamHub(ServerConfig config, Supplier<String> statusJson) {
        batchPackets = config.integer(ServerOption.BATCH_PACKETS);
        clientQueue = config.integer(ServerOption.CLIENT_QUEUE);
        stallNanos = TimeUnit.SECONDS.toNanos(config.integer(ServerOption.STALL_SECONDS));
        batchMillis = config.integer(ServerOption.BATCH_MILLIS);
        this.statusJson = statusJson;
    }

    /** Starts the clock: batches every {@code batch-millis}, the status and the stall check every second. */
    public void start() {
        timer.scheduleAtFixedRate(this::flushSafely, batchMillis, batchMillis, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> broadcastSafely(statusJson), 1, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::closeStalledClients, 1, 1, TimeUnit.SECONDS);
    }

    /** A new client; it receives everything broadcast from now on. */
    public void join(WsContext context) {
        CoreSession session = ((WebSocketSession) context.session).getCoreSession();
        clients.put(context.sessionId(), new Client(context, session));
    }

    public void leave(WsContext context) {
        clients.remove(context.sessionId());
    }

    public int clientCount() {
        return clients.size();
    }

    /** Adds one packet's summary (a JSON object) to the batch being gathered. */
    public void addSummary(CharSequence summaryJson) {
        synchronized (batch) {
            if (batchCount == 0) {
                batchHandledMicros = epochMicros();
                batch.append(BATCH_START);
            } else {
                batch.append(',');
            }
            batch.append(summaryJson);
            if (++batchCount >= batchPackets) {
                flushBatch();
            }
        }
    }

    /** Sends the gathered summaries now, if there are any. */
    public void flush() {
        synchronized (batch) {
            if (batchCount > 0) {
                flushBatch();
            }
        }
    }

    /** Sends one message of any other type (status, alert, reset) to every client, unbatched. */
    public void broadcast(String json) {
        send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), 0);
    }

    /** Batches sent since start, for tests and monitoring. */
    public long batchesSent() {
        return batchesSent.get();
    }

    /**
     * Ends the batch with its count and the time its first packet was handled (epoch
     * microseconds), so that a client can measure its lag and tally summaries from the end of
     * the message alone.
     */
    private void flushBatch() {
        batch.append("],\"count\":").append(batchCount).append(",\"handled\":").append(batchHandledMicros).append('}');
        ByteBuffer bytes = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
        int summaries = batchCount;
        batch.setLength(0);
        batchCount = 0;
        batchesSent.incrementAndGet();
        send(bytes, summaries);
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private void send(ByteBuffer bytes, int summaries) {
        for (Client client : clients.values()) {
            client.offer(bytes, summaries);
        }
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("sending packet summaries failed", e);
        }
    }

    private void broadcastSafely(Supplier<String> json) {
        try {
            broadcast(json.get());
        } catch (RuntimeException e) {
            log.error("sending the status failed", e);
        }
    }

    private void closeStalledClients() {
        long now = System.nanoTime();
        for (Client client : clients.values()) {
            if (client.stalledSince(now) > stallNanos) {
                log.info("closing WebSocket client {}: it took nothing for {} s ({} in flight, {} missed)", client.address(), stallNanos / 1_000_000_000L, client.inFlight.get(), client.missedTotal.get());
                clients.remove(client.context.sessionId());
                client.context.closeSession(1008, "too slow: nothing was read for " + stallNanos / 1_000_000_000L + " s");
                client.session.abort(); // a client that reads nothing would never read the close frame either
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Client client : clients.values()) {
            client.context.closeSession(1001, "server stopping");
        }
        clients.clear();
    }

    /** One browser: its messages in flight and what it missed. */
    private final class Client {
        final WsContext context;
        final CoreSession session;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong missedTotal = new AtomicLong();
        /** When the oldest message still in flight was sent; progress resets it. */
        volatile long waitingSince;

        Client(WsContext context, CoreSession session) {
            this.context = context;
            this.session = session;
        }

        void offer(ByteBuffer bytes, int summaries) {
            if (inFlight.get() >= clientQueue) {
                if (summaries > 0) {
                    missed.addAndGet(summaries);
                    missedTotal.addAndGet(summaries);
                }
                return;
            }
            long lost = missed.getAndSet(0);
            if (lost > 0) {
                write(ByteBuffer.wrap(("{\"type\":\"dropped\",\"count\":" + lost + ",\"total\":" + missedTotal.get() + "}")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            write(bytes.slice());
        }

        private void write(ByteBuffer payload) {
            if (inFlight.getAndIncrement() == 0) {
                waitingSince = System.nanoTime();
            }
            session.sendFrame(new Frame(OpCode.TEXT, payload), Callback.from(this::sent, failure -> sent()), false);
        }

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
