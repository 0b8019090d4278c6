package dev.tapdeck.stream.message;

import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamFactsAccess;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes in order that complete no message cost the decoders no allocation (STYLE.md): HTTP
 * bodies by Content-Length and by chunks, fed segment by segment through the router with the
 * per-packet {@code after}, measured with the thread's allocation counter. (A TLS record's
 * body is skipped the same way, but a record completes, and is a message, every 16 KiB at
 * most.) The bound leaves room for the counter's own noise, not for a byte per segment.
 */
class InOrderAllocationTest {
    private static final int SEGMENT = 1460;
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 200_000;
    private static final long BOUND = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void bodiesAndRecordsInOrderAllocateNothing() {
        byte[] segment = new byte[SEGMENT];
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        StreamFacts facts = new StreamFacts();
        // Two responses whose bodies are longer than everything fed: by length, and in one chunk.
        byte[] byLength = "HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n".getBytes(StandardCharsets.US_ASCII);
        messages.before(80, 40000, false);
        messages.data(true, 0, false, 1, 0, byLength, 0, byLength.length);
        messages.before(8080, 40001, false);
        messages.data(true, 1, false, 2, 0, chunked, 0, chunked.length);
        long frame = 3;
        for (int i = 0; i < WARM_UP; i++) {
            frame = feed(messages, facts, segment, frame);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            frame = feed(messages, facts, segment, frame);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(facts.messageProtocol()).isEqualTo("http");
        assertThat(allocated).as("bytes allocated over %,d segments", 2L * MEASURED).isLessThan(BOUND);
    }

    /** A body segment of each stream, each with its packet's {@code after}. */
    private static long feed(StreamMessages messages, StreamFacts facts, byte[] segment, long frame) {
        messages.data(true, 0, false, frame, frame, segment, 0, segment.length);
        StreamFactsAccess.track(facts, 0);
        messages.after(facts);
        messages.data(true, 1, false, frame + 1, frame + 1, segment, 0, segment.length);
        StreamFactsAccess.track(facts, 1);
        messages.after(facts);
        return frame + 2;
    }
}
