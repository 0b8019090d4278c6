package dev.tapdeck.generate;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends live traffic to a loopback address, for trying out live capture and for capture
 * benchmarks: UDP datagrams at a steady rate, each starting with its sequence number (see
 * {@link DatagramPayloads}), and alongside them a modest stream of short HTTP/1.1
 * connections over TCP (see {@link #connectionsPerSecond}).
 *
 * <p>When nothing listens on the destination's UDP port, the sender binds it itself and
 * discards what arrives, so that the datagrams draw no ICMP errors; when nothing listens on
 * its TCP port, the sender answers its own requests there. Either way everything it opens is
 * closed when {@link #run} returns.
 *
 * <p>One thread sends every datagram. It sends in batches of whatever is due by
 * {@link System#nanoTime()} and sleeps until the next one is due, so low rates cost next to
 * no CPU, and high rates (up to about a million datagrams a second on loopback, as far as
 * one core goes) are met on average, a batch per wake-up.
 */
public final class TrafficSender {
    /** Datagrams sent between checks of the clock and for a stop, at rates where many are due at once. */
    private static final int LARGEST_BATCH = 64;
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * What to send, and for how long.
     *
     * @param destination a resolved loopback address (127.0.0.0/8 or ::1) and port
     * @param rate        UDP datagrams a second, more than 0
     * @param duration    how long to send, more than 0
     * @param count       when present, stop after this many datagrams, even before {@code duration}
     * @param seed        the same seed gives the same sequence of datagram payloads
     * @throws IllegalArgumentException naming what is wrong; for a destination that is not
     *                                  loopback, a message that names it and says why
     */
    public record Settings(InetSocketAddress destination, double rate, Duration duration, OptionalLong count,
                           long seed) {
        public Settings {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(count, "count");
            if (destination.isUnresolved()) {
                throw new IllegalArgumentException("cannot resolve " + destination.getHostString());
            }
            if (!destination.getAddress().isLoopbackAddress()) {
                String address = destination.getAddress().getHostAddress();
                String host = destination.getHostString();
                throw new IllegalArgumentException("will not send to " + (host.equals(address) ? "" : host + " = ")
                        + address + ": not a loopback address, and live traffic goes only to 127.0.0.0/8 or ::1");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the rate must be a number of datagrams a second more than 0, was " + rate);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the duration must be more than 0, was " + duration);
            }
            if (count.isPresent() && count.getAsLong() < 1) {
                throw new IllegalArgumentException("the count must be 1 or more, was " + count.getAsLong());
            }
        }
    }

    /**
     * What one run sent.
     *
     * @param datagrams         UDP datagrams sent
     * @param bytes             UDP payload bytes sent
     * @param connections       TCP connections that sent a request and read a whole response
     * @param failedConnections TCP connections refused, reset, timed out or answered with something other than HTTP
     * @param elapsed           time from the first datagram until sending stopped
     */
    public record Result(long datagrams, long bytes, long connections, long failedConnections, Duration elapsed) {
        /** Datagrams a second, achieved over {@link #elapsed}. */
        public double rate() {
            return elapsed.isZero() ? 0 : datagrams / (elapsed.toNanos() / 1e9);
        }
    }

    private final Settings settings;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    public TrafficSender(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * TCP connections a second alongside {@code rate} datagrams a second: one per hundred
     * datagrams, at least 1 and at most 50, so that TCP stays a small share of the traffic
     * and the ports its closed connections hold in TIME_WAIT never run out.
     */
    public static double connectionsPerSecond(double rate) {
        return Math.clamp(rate / 100, 1, 50);
    }

    /**
     * Sends until the duration has passed, the count is reached or {@link #stop} is called,
     * then stops and closes everything it started, letting a TCP connection under way finish.
     *
     * @throws IOException when the datagrams cannot be sent, or a socket cannot be opened
     */
    @SuppressWarnings("try") // the sink and the server only have to be open while the rest sends
    public Result run() throws IOException {
        InetSocketAddress destination = settings.destination();
        DatagramPayloads payloads = new DatagramPayloads(settings.seed());
        try (UdpSink sink = UdpSink.bindIfFree(destination);
             HttpResponder server = HttpResponder.bindIfFree(destination, settings.seed());
             DatagramChannel channel = DatagramChannel.open(familyOf(destination))) {
            HttpRequester requester = new HttpRequester(destination, connectionsPerSecond(settings.rate()), settings.seed());
            Datagrams datagrams;
            try {
                datagrams = sendDatagrams(channel, payloads);
            } finally {
                requester.close(); // lets the connection under way finish, so that it is counted
            }
            return new Result(datagrams.sent(), datagrams.bytes(), requester.completed(), requester.failed(),
                    datagrams.elapsed());
        }
    }

    private record Datagrams(long sent, long bytes, Duration elapsed) {}

    private Datagrams sendDatagrams(DatagramChannel channel, DatagramPayloads payloads) throws IOException {
        InetSocketAddress destination = settings.destination();
        long limit = settings.count().orElse(Long.MAX_VALUE);
        long durationNanos = settings.duration().compareTo(LONGEST) < 0 ? settings.duration().toNanos() : Long.MAX_VALUE;
        double nanosPerDatagram = 1e9 / settings.rate();
        long sent = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (long elapsed = 0; sent < limit && elapsed < durationNanos && !stopped(); elapsed = System.nanoTime() - start) {
            // Datagram i is due i * nanosPerDatagram after the start.
            long due = (long) Math.min(Math.floor(elapsed / nanosPerDatagram) + 1, limit);
            if (sent < due) {
                for (long batchEnd = Math.min(due, sent + LARGEST_BATCH); sent < batchEnd; sent++) {
                    bytes += channel.send(payloads.next(sent), destination);
                }
            } else {
                long nextDue = (long) Math.ceil(sent * nanosPerDatagram);
                awaitStop(Math.min(nextDue, durationNanos) - elapsed);
            }
        }
        return new Datagrams(sent, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Makes {@link #run} stop soon, from any thread; it still returns what was sent. */
    public void stop() {
        stopSignal.countDown();
    }

    private boolean stopped() {
        return stopSignal.getCount() == 0;
    }

    /** Sleeps for {@code nanos}, or less when {@link #stop} is called meanwhile. */
    private void awaitStop(long nanos) {
        try {
            stopSignal.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // An interrupted sender stops, as if stop() had been called; the flag stays set for the caller.
            stop();
            Thread.currentThread().interrupt();
        }
    }

    /** Binds a socket of some kind: sets its options, then binds it. */
    interface Binding<S> {
        void bind(S socket) throws IOException;
    }

    /**
     * {@code socket} bound by {@code binding}, or null, with the socket closed, when the
     * address is taken: someone else listens there, and the traffic is for them.
     */
    static <S extends Closeable> S boundIfFree(S socket, Binding<S> binding) throws IOException {
        try {
            binding.bind(socket);
            return socket;
        } catch (BindException taken) {
            socket.close();
            return null;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Waits for a worker thread that has been told to end; an interrupt ends the wait, not the worker. */
    static void awaitEnd(Thread worker) {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ProtocolFamily familyOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
