package dev.tapdeck.bench;

import dev.tapdeck.serve.StreamSocket;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load side of {@code bench/stream}: many WebSocket clients on one running {@code tapdeck
 * serve}, each reading everything as fast as it can. Every batch ends with its count and when
 * its first packet was handled, so the latency from handling to arrival is read from the
 * message's last bytes, without decoding the summaries; each summary is counted at its batch's
 * latency (the oldest packet's: an upper bound for the others).
 *
 * <p>Usage: {@code StreamLoad ws://127.0.0.1:PORT/api/stream CLIENTS SECONDS [WARMUP_SECONDS]}.
 * Prints the figures as {@code key=value} lines.
 */
public final class StreamLoad {
    private static final byte[] PACKETS = "{\"type\":\"packets\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DROPPED = "{\"type\":\"dropped\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNT = "\"count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HANDLED = "\"handled\":".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StreamLoad ws://HOST:PORT/api/stream CLIENTS SECONDS [WARMUP_SECONDS]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        int clientCount = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long warmup = args.length > 3 ? Long.parseLong(args[3]) : 5;

        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            Client client = new Client();
            client.socket = StreamSocket.connect(uri, Map.of(), client);
            clients.add(client);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        clients.forEach(client -> client.measuring = true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        clients.forEach(client -> client.measuring = false);

        Histogram all = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        long received = 0, dropped = 0, minimum = Long.MAX_VALUE, maximum = 0, closed = 0;
        for (Client client : clients) {
            synchronized (client.latency) {
                all.add(client.latency);
            }
            received += client.summaries.get();
            dropped += client.dropped.get();
            minimum = Math.min(minimum, client.summaries.get());
            maximum = Math.max(maximum, client.summaries.get());
            closed += client.closed ? 1 : 0;
            client.socket.abort();
        }
        System.out.printf("clients=%d seconds=%d%n", clientCount, seconds);
        System.out.printf("summaries_received=%d per_client_min=%d per_client_max=%d per_client_per_second=%.0f%n",
                received, minimum, maximum, (double) received / clientCount / seconds);
        System.out.printf("summaries_dropped=%d clients_closed=%d%n", dropped, closed);
        System.out.printf("latency_ms p50=%.1f p99=%.1f p999=%.1f max=%.1f%n",
                all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0,
                all.getValueAtPercentile(99.9) / 1000.0, all.getMaxValue() / 1000.0);
    }

    /** One browser's worth of reading: counts summaries and drops, records latency while measuring. */
    private static final class Client implements StreamSocket.Handler {
        final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        final AtomicLong summaries = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        volatile boolean measuring;
        volatile boolean closed;
        StreamSocket socket;

        @Override
        public void message(int opcode, byte[] message) {
            long now = epochMicros();
            if (!measuring) {
                return;
            }
            if (startsWith(message, PACKETS)) {
                long count = numberAfter(message, COUNT);
                summaries.addAndGet(count);
                synchronized (latency) {
                    latency.recordValueWithCount(Math.max(0, now - numberAfter(message, HANDLED)), count);
                }
            } else if (startsWith(message, DROPPED)) {
                dropped.addAndGet(numberAfter(message, COUNT));
            }
        }

        @Override
        public void closed(int code) {
            closed = true;
        }

        private static boolean startsWith(byte[] message, byte[] prefix) {
            return message.length >= prefix.length && java.util.Arrays.equals(message, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** The whole number after the last {@code key} in the message: batches keep their count and time at the end. */
        private static long numberAfter(byte[] message, byte[] key) {
            for (int at = message.length - key.length; at >= 0; at--) {
                if (java.util.Arrays.equals(message, at, at + key.length, key, 0, key.length)) {
                    long value = 0;
                    for (int i = at + key.length; i < message.length && message[i] >= '0' && message[i] <= '9'; i++) {
                        value = value * 10 + message[i] - '0';
                    }
                    return value;
                }
            }
            throw new IllegalStateException("no " + new String(key, StandardCharsets.US_ASCII) + " in a message");
        }

        private static long epochMicros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        }
    }
}
