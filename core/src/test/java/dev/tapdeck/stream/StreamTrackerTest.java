package dev.tapdeck.stream;

import dev.tapdeck.decode.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.stream.Frames.ACK;
import static dev.tapdeck.stream.Frames.FIN;
import static dev.tapdeck.stream.Frames.PSH;
import static dev.tapdeck.stream.Frames.RST;
import static dev.tapdeck.stream.Frames.SYN;
import static dev.tapdeck.stream.Frames.segment;
import static org.assertj.core.api.Assertions.assertThat;

/** The tracker's numbering and reassembly, on segments built for each case. */
class StreamTrackerTest {
    private final Frames frames = new Frames();
    private final Recorder recorder = new Recorder();
    private StreamTracker tracker = new StreamTracker().listen(recorder);
    private final StreamFacts facts = new StreamFacts();
    private final List<Integer> streams = new ArrayList<>();
    private long frame;

    private void feed(byte[]... packets) {
        for (byte[] packet : packets) {
            frame++;
            tracker.offer(frames.decode(packet), frame, frame * 1000, facts);
            streams.add(facts.tcpStream() != StreamFacts.NONE ? facts.tcpStream() : facts.udpStream());
        }
    }

    private void handshake(long client, long server) {
        feed(segment(true, SYN, client, 0, ""),
                segment(false, SYN | ACK, server, client + 1, ""),
                segment(true, ACK, client + 1, server + 1, ""));
    }

    @Test
    void inOrderSegmentsAreDeliveredAsTheyComeFromEachSide() {
        handshake(1000, 5000);
        feed(segment(true, PSH | ACK, 1001, 5001, "GET / HTTP/1.1\r\n"),
                segment(false, PSH | ACK, 5001, 1017, "HTTP/1.1 200 OK\r\n"),
                segment(true, PSH | ACK, 1017, 5018, "\r\n"));
        assertThat(recorder.calls).containsExactly(
                "tcp0> data@4 GET / HTTP/1.1\r\n",
                "tcp0< data@5 HTTP/1.1 200 OK\r\n",
                "tcp0> data@6 \r\n");
        assertThat(streams).containsOnly(0);
    }

    @Test
    void aSegmentThatArrivesEarlyWaitsForTheOneBeforeIt() {
        handshake(1000, 5000);
        feed(segment(true, ACK, 1006, 5001, "world"),
                segment(true, ACK, 1001, 5001, "hello"));
        assertThat(recorder.calls).containsExactly("tcp0> data@5 hello", "tcp0> data@4 world");
        assertThat(tracker.heldBytes()).isZero();
    }

    @Test
    void theFirstDataWinsOverARetransmissionThatDiffers() {
        handshake(1000, 5000);
        feed(segment(true, ACK, 1001, 5001, "abcd"),
                segment(true, ACK, 1001, 5001, "ABCDEF"),
                segment(true, ACK, 1003, 5001, "CD"));
        assertThat(recorder.calls).containsExactly("tcp0> data@4 abcd", "tcp0> data@5 EF");
    }

    @Test
    void sequenceNumbersWrapAround() {
        handshake(0xffff_fffdL, 5000);
        feed(segment(true, ACK, 0xffff_fffeL, 5001, "abc"),
                segment(true, ACK, 4, 5001, "ghi"),
                segment(true, ACK, 1, 5001, "def"));
        assertThat(recorder.calls).containsExactly("tcp0> data@4 abc", "tcp0> data@6 def", "tcp0> data@5 ghi");
    }

    @Test
    void anAcknowledgementPastAHoleReportsTheMissingBytesAsAGap() {
        handshake(1000, 5000);
        feed(segment(true, ACK, 1001, 5001, "one "),
                segment(true, ACK, 1013, 5001, "three"),
                segment(false, ACK, 5001, 1018, ""));
        assertThat(recorder.calls).containsExactly("tcp0> data@4 one ", "tcp0> gap@6 8", "tcp0> data@5 three");
        assertThat(tracker.gaps()).isEqualTo(1);
        assertThat(tracker.gapBytes()).isEqualTo(8);
    }

    @Test
    void theDissectionOrderDeliversASegmentAfterAHoleAtOnceAndNeverTheHolesLateBytes() {
        Recorder dissected = new Recorder();
        tracker.dissect(dissected);
        handshake(1000, 5000);
        feed(segment(true, ACK, 1001, 5001, "one "),
                segment(true, ACK, 1013, 5001, "three"),
                segment(true, ACK, 1005, 5001, "two two "),
                segment(false, ACK, 5001, 1018, ""),
                segment(true, ACK, 1018, 5001, " four"));
        assertThat(dissected.calls).containsExactly("tcp0> data@4 one ", "tcp0> gap@5 8", "tcp0> data@5 three", "tcp0> data@8  four");
        // The follow order, beside it, still waits for the hole and fills it.
        assertThat(recorder.calls).containsExactly("tcp0> data@4 one ", "tcp0> data@6 two two ", "tcp0> data@5 three", "tcp0> data@8  four");
    }

    @Test
    void theDissectionOrderHandsOnNoRetransmissionNotEvenItsNewBytes() {
        Recorder dissected = new Recorder();
        tracker.dissect(dissected);
        handshake(1000, 5000);
        feed(segment(true, ACK, 1001, 5001, "one "),
                segment(true, ACK, 1001, 5001, "one two "),
                segment(true, ACK, 1009, 5001, "three"));
        // tshark's TCP dissector hands a segment its analysis calls a retransmission to no protocol above.
        assertThat(dissected.calls).containsExactly("tcp0> data@4 one ", "tcp0> gap@6 4", "tcp0> data@6 three");
        assertThat(recorder.calls).containsExactly("tcp0> data@4 one ", "tcp0> data@5 two ", "tcp0> data@6 three");
    }

    @Test
    void aStreamPickedUpMidwayStartsAtItsFirstSegment() {
        feed(segment(false, ACK, 777, 1234, "middle"), segment(false, ACK, 783, 1234, " end"));
        assertThat(recorder.calls).containsExactly("tcp0> data@1 middle", "tcp0> data@2  end");
    }

    @Test
    void finAndRstEndTheirDirectionsAndANewSynStartsANewStream() {
        handshake(1000, 5000);
        feed(segment(true, FIN | ACK, 1001, 5001, "bye"),
                segment(false, RST | ACK, 5001, 1005, ""));
        handshake(90_000, 70_000);
        feed(segment(true, ACK, 90_001, 70_001, "again"));
        assertThat(recorder.calls).containsExactly(
                "tcp0> data@4 bye", "tcp0> end@4", "tcp0< end@5",
                "tcp1> data@9 again");
        assertThat(streams).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(tracker.tcpStreams()).isEqualTo(2);
    }

    @Test
    void aSynWithAnotherSequenceNumberEndsTheOldStreamAndStartsANewOne() {
        handshake(1000, 5000);
        feed(segment(true, ACK, 1001, 5001, "first"));
        handshake(7000, 9000);
        feed(segment(true, ACK, 7001, 9001, "second"));
        assertThat(recorder.calls).containsExactly(
                "tcp0> data@4 first", "tcp0> end@5", "tcp0< end@5", "tcp1> data@8 second");
        assertThat(streams).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void aRetransmittedSynKeepsItsStream() {
        feed(segment(true, SYN, 1000, 0, ""), segment(true, SYN, 1000, 0, ""));
        assertThat(streams).containsExactly(0, 0);
    }

    @Test
    void theEndOfTheCaptureDeliversWhatIsHeldAfterAGap() {
        handshake(1000, 5000);
        feed(segment(true, ACK, 1011, 5001, "late"));
        tracker.finish();
        assertThat(recorder.calls).containsExactly("tcp0> gap@4 10", "tcp0> data@4 late", "tcp0> end@4", "tcp0< end@4");
    }

    @Test
    void aFullHoldingLimitGivesUpTheHoleAndCountsIt() {
        tracker = new StreamTracker(new StreamSettings(16, 65_535, 65_535)).listen(recorder);
        handshake(1000, 5000);
        String chunk = "x".repeat(1000);
        for (int i = 0; i < 66; i++) {
            feed(segment(true, ACK, 2001 + 1000L * i, 5001, chunk)); // bytes 1001..2000 never come
        }
        assertThat(tracker.holdingLimitHits()).isEqualTo(1);
        assertThat(recorder.calls.getFirst()).isEqualTo("tcp0> gap@69 1000");
        assertThat(recorder.calls).hasSize(1 + 66);
        assertThat(tracker.heldBytes()).isZero();
    }

    @Test
    void udpDatagramsAreDeliveredOneByOne() {
        feed(Frames.udp(Frames.CLIENT, 5353, Frames.SERVER, 9999, "ping".getBytes()),
                Frames.udp(Frames.SERVER, 9999, Frames.CLIENT, 5353, "pong".getBytes()),
                Frames.udp(Frames.CLIENT, 5354, Frames.SERVER, 9999, "other".getBytes()));
        assertThat(recorder.calls).containsExactly("udp0> data@1 ping", "udp0< data@2 pong", "udp1> data@3 other");
    }

    /** Counts the bytes delivered to it. */
    private static final class Counting implements StreamListener {
        long bytes;

        @Override
        public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] b, int offset, int length) {
            bytes += length;
        }
    }

    @Test
    void inOrderSegmentsAllocateNothingInEitherOrder() {
        Counting counting = new Counting();
        Counting dissecting = new Counting();
        tracker = new StreamTracker().listen(counting).dissect(dissecting);
        int perRound = 20_000;
        List<MemorySegment> segments = new ArrayList<>();
        for (int i = 0; i < 3 * perRound; i++) {
            byte[] bytes = segment(i % 2 == 0, ACK, 1000L + 100L * (i / 2), 5000L + 100L * (i / 2), "y".repeat(100));
            segments.add(MemorySegment.ofArray(bytes));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        PacketDecoder decoder = new PacketDecoder();
        long allocated = 0;
        for (int round = 0; round < 3; round++) { // two rounds to warm up, the third measured
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = round * perRound; i < (round + 1) * perRound; i++) {
                MemorySegment s = segments.get(i);
                tracker.offer(decoder.decode(s, 0, (int) s.byteSize(), (int) s.byteSize(), 1), i + 1, i, facts);
            }
            allocated = threads.getThreadAllocatedBytes(id) - before;
        }
        assertThat(counting.bytes).isEqualTo(3L * perRound * 100);
        assertThat(dissecting.bytes).isEqualTo(3L * perRound * 100);
        assertThat(allocated).as("bytes allocated over %d in-order segments", perRound).isLessThan(16 << 10);
    }
}
