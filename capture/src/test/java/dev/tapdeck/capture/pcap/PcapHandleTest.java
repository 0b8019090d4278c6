package dev.tapdeck.capture.pcap;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

/** Live capture on the loopback interface through our binding (the tests run as root). */
class PcapHandleTest {

    @Test
    void capturesAFilteredDatagramOnLoopbackWithNanosecondTime() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket();
             PcapHandle handle = PcapHandle.openLive(Libpcap.system(), "lo", PcapHandle.Options.defaults())) {
            int port = receiver.getLocalPort();
            handle.setFilter("udp dst port " + port);
            assertThat(handle.linkType()).isEqualTo(1);
            assertThat(handle.nanosecondTimestamps()).isTrue();

            byte[] payload = "tapdeck-handle-test".getBytes(StandardCharsets.US_ASCII);
            Instant before = Instant.now();
            sender.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));

            int result = PcapHandle.TIMEOUT;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (result == PcapHandle.TIMEOUT && System.nanoTime() < deadline) {
                result = handle.next();
            }
            assertThat(result).isEqualTo(PcapHandle.PACKET);
            int frameLength = 14 + 20 + 8 + payload.length;
            assertThat(handle.capturedLength()).isEqualTo(frameLength);
            assertThat(handle.originalLength()).isEqualTo(frameLength);
            Instant stamped = Instant.ofEpochSecond(handle.epochSeconds(), handle.nanos());
            assertThat(stamped).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));

            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocate(handle.capturedLength());
                handle.copyPacket(copy, 0);
                byte[] bytes = copy.toArray(JAVA_BYTE);
                assertThat(ByteBuffer.wrap(bytes, 14 + 20 + 2, 2).getShort() & 0xffff).isEqualTo(port);
                assertThat(new String(bytes, 14 + 20 + 8, payload.length, StandardCharsets.US_ASCII)).isEqualTo("tapdeck-handle-test");
            }

            long[] counters = new long[3];
            assertThat(handle.statistics(counters)).isTrue();
            assertThat(counters[0]).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void breakLoopFromAnotherThreadEndsABlockedRead() throws Exception {
        // A long read timeout: only breakLoop can end the wait early.
        PcapHandle.Options slow = new PcapHandle.Options(65535, false, 10_000, 1 << 20, false);
        try (PcapHandle handle = PcapHandle.openLive(Libpcap.system(), "lo", slow)) {
            handle.setFilter("udp port 9 and host 192.0.2.1"); // nothing matches on lo
            Thread breaker = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handle.breakLoop();
            });
            long start = System.nanoTime();
            int result = handle.next();
            while (result == PcapHandle.TIMEOUT && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                result = handle.next();
            }
            breaker.join();
            assertThat(result).isEqualTo(PcapHandle.BROKEN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
