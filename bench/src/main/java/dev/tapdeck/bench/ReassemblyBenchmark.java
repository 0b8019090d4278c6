package dev.tapdeck.bench;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamListener;
import dev.tapdeck.stream.StreamTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * What the stream tracker costs per in-order TCP segment: find the conversation, number it,
 * check the sequence number and hand the payload to a listener, straight from the packet's
 * bytes. {@value #STREAMS} connections, interleaved, each sending one segment of
 * {@value #PAYLOAD} bytes per invocation; the segments are decoded once, in setup (one
 * decoder each, so each keeps its dissection; few enough to stay in cache, as a packet just
 * decoded is), and each invocation moves their sequence numbers on, so that every segment is
 * new data in order. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} should be 0 B/op. Payload per second is
 * {@value #PAYLOAD} bytes over the time per segment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@OperationsPerInvocation(ReassemblyBenchmark.STREAMS)
public class ReassemblyBenchmark {
    static final int STREAMS = 64;
    static final int PAYLOAD = 1460;
    private static final int TCP = 14 + 20;

    private final Dissection[] segments = new Dissection[STREAMS];
    private final StreamFacts facts = new StreamFacts();
    private final Delivered delivered = new Delivered();
    private StreamTracker tracker;
    private int round;
    private long frame;

    /** Counts the bytes delivered, as a consumer of the stream would at least read its length. */
    static final class Delivered implements StreamListener {
        long bytes;

        @Override
        public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] b, int offset, int length) {
            bytes += length;
        }
    }

    @Setup
    public void decodeSegments() {
        tracker = new StreamTracker().listen(delivered);
        for (int i = 0; i < segments.length; i++) {
            byte[] frame = segment(i);
            segments[i] = new PacketDecoder().decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, 1);
        }
    }

    /** Each segment in order, from the client of its connection. */
    @Benchmark
    public void inOrderSegment(Blackhole sink) {
        int seq = 1000 + PAYLOAD * round++;
        for (Dissection d : segments) {
            setSequence(d.bytes(), seq);
            tracker.offer(d, ++frame, frame, facts);
        }
        sink.consume(delivered.bytes);
    }

    private static void setSequence(byte[] frame, int seq) {
        frame[TCP + 4] = (byte) (seq >>> 24);
        frame[TCP + 5] = (byte) (seq >>> 16);
        frame[TCP + 6] = (byte) (seq >>> 8);
        frame[TCP + 7] = (byte) seq;
    }

    /** An Ethernet/IPv4/TCP frame with an ACK and {@value #PAYLOAD} bytes, from the client port of connection {@code stream}. */
    private static byte[] segment(int stream) {
        byte[] f = new byte[TCP + 20 + PAYLOAD];
        f[12] = 0x08;                                  // IPv4
        f[14] = 0x45;
        int ipLength = 20 + 20 + PAYLOAD;
        f[16] = (byte) (ipLength >>> 8);
        f[17] = (byte) ipLength;
        f[22] = 64;
        f[23] = 6;                                     // TCP
        f[26] = 10;                                    // 10.0.0.1 -> 10.0.0.2
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        int port = 40_000 + stream;
        f[TCP] = (byte) (port >>> 8);
        f[TCP + 1] = (byte) port;
        f[TCP + 3] = 80;
        f[TCP + 12] = 0x50;                            // 20-byte header
        f[TCP + 13] = 0x10;                            // ACK
        f[TCP + 14] = (byte) 0xff;
        f[TCP + 15] = (byte) 0xff;
        return f;
    }
}
