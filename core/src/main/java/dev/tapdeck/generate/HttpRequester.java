package dev.tapdeck.generate;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The TCP side of a {@link TrafficSender}: at a steady pace, opens a connection, sends one
 * HTTP/1.1 GET with "Connection: close", reads the response to its end and closes, the way
 * a simple client fetches one resource at a time.
 */
final class HttpRequester implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final int READ_TIMEOUT_MILLIS = 2000;
    /** Past this much the response is no longer read; a well-behaved server sends far less. */
    private static final long LARGEST_RESPONSE = 1 << 20;
    private static final byte[] STATUS_LINE_START = Ascii.bytes("HTTP/1.");

    private final InetSocketAddress server;
    private final long intervalNanos;
    private final SplitMix64 random;
    private final byte[] buffer = new byte[16 * 1024];
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread requester;
    // Written by the requesting thread only, and read after close() has joined it.
    private long completed;
    private long failed;

    HttpRequester(InetSocketAddress server, double connectionsPerSecond, long seed) {
        this.server = server;
        this.intervalNanos = (long) (1e9 / connectionsPerSecond);
        this.random = new SplitMix64(seed);
        this.requester = Thread.ofPlatform().daemon().name("tapdeck-http-requests").start(this::requestUntilStopped);
    }

    /** Connections that got a whole response; valid after {@link #close}. */
    long completed() {
        return completed;
    }

    /** Connections refused, reset, timed out, or answered with something other than HTTP; valid after {@link #close}. */
    long failed() {
        return failed;
    }

    private void requestUntilStopped() {
        long due = System.nanoTime();
        do {
            if (exchange()) {
                completed++;
            } else {
                failed++;
            }
            // A connection that took longer than the interval delays the next, rather than
            // letting a burst catch up.
            due = Math.max(due + intervalNanos, System.nanoTime());
        } while (!stopRequestedWithin(due - System.nanoTime()));
    }

    private boolean stopRequestedWithin(long nanos) {
        try {
            return stopSignal.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private boolean exchange() {
        try (Socket socket = new Socket()) {
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            int requestEnd = HttpMessages.writeRequest(buffer, 0, random, false, HttpMessages.pickResource(random),
                    HttpResponder.HOST, server.getPort(), true);
            socket.getOutputStream().write(buffer, 0, requestEnd);
            return readsResponse(socket.getInputStream());
        } catch (IOException refusedResetOrTimedOut) {
            return false;
        }
    }

    /** Reads the response to the end of the stream; whether it starts like one from an HTTP server. */
    private boolean readsResponse(InputStream in) throws IOException {
        // Only the first bytes are kept: once they are in, every read overwrites what follows them.
        int kept = 0;
        long total = 0;
        for (int read; total < LARGEST_RESPONSE && (read = in.read(buffer, kept, buffer.length - kept)) >= 0; total += read) {
            kept = Math.min(kept + read, STATUS_LINE_START.length);
        }
        return kept == STATUS_LINE_START.length
                && Arrays.equals(buffer, 0, kept, STATUS_LINE_START, 0, STATUS_LINE_START.length);
    }

    @Override
    public void close() {
        stopSignal.countDown();
        TrafficSender.awaitEnd(requester);
    }
}
