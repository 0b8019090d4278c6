package dev.tapdeck.bench;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamListener;
import dev.tapdeck.stream.StreamSettings;
import dev.tapdeck.stream.StreamTracker;
import dev.tapdeck.stream.TcpAnalysis;
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
 * {@value #PAYLOAD} bytes per invocation. The segment is decoded once, in setup; before each
 * offer its client port and sequence number are rewritten in the decoded bytes (the packet a
 * reader has just decoded is as hot in cache), so that every segment is new data, in order,
 * of one of the connections. Run with
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

    private Dissection segment;
    private final StreamFacts facts = new StreamFacts();
    private final Delivered delivered = new Delivered();
    private StreamTracker tracker;
    /** The same with Wireshark's sequence analysis on, as `tapdeck read` runs by default. */
    private StreamTracker analysing;
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
        tracker = new StreamTracker(StreamSettings.DEFAULTS, new TcpAnalysis(false, false, TcpAnalysis.DEFAULT_MAX_SEGMENTS)).listen(delivered);
        analysing = new StreamTracker().listen(delivered);
        byte[] frame = segment();
        segment = new PacketDecoder().decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, 1);
    }

    /** Each segment in order, from the client of its connection. */
    @Benchmark
    public void inOrderSegment(Blackhole sink) {
        int seq = 1000 + PAYLOAD * round++;
        byte[] bytes = segment.bytes();
        for (int stream = 0; stream < STREAMS; stream++) {
            setPortAndSequence(bytes, 40_000 + stream, seq);
            tracker.offer(segment, ++frame, frame, facts);
        }
        sink.consume(delivered.bytes);
    }

    /**
     * The same segments with sequence analysis on: streams seen one way, never acknowledged,
     * so each direction keeps up to 10,000 unacknowledged segments, as Wireshark does.
     */
    @Benchmark
    public void inOrderSegmentAnalysed(Blackhole sink) {
        int seq = 1000 + PAYLOAD * round++;
        byte[] bytes = segment.bytes();
        for (int stream = 0; stream < STREAMS; stream++) {
            setPortAndSequence(bytes, 40_000 + stream, seq);
            analysing.offer(segment, ++frame, frame, facts);
        }
        sink.consume(delivered.bytes);
    }

    private static void setPortAndSequence(byte[] frame, int port, int seq) {
        frame[TCP] = (byte) (port >>> 8);
        frame[TCP + 1] = (byte) port;
        frame[TCP + 4] = (byte) (seq >>> 24);
        frame[TCP + 5] = (byte) (seq >>> 16);
        frame[TCP + 6] = (byte) (seq >>> 8);
        frame[TCP + 7] = (byte) seq;
    }

    /** An Ethernet/IPv4/TCP frame from 10.0.0.1 to 10.0.0.2:80 with an ACK and {@value #PAYLOAD} bytes. */
    private static byte[] segment() {
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
        f[TCP + 3] = 80;
        f[TCP + 12] = 0x50;                            // 20-byte header
        f[TCP + 13] = 0x10;                            // ACK
        f[TCP + 14] = (byte) 0xff;
        f[TCP + 15] = (byte) 0xff;
        return f;
    }
}
