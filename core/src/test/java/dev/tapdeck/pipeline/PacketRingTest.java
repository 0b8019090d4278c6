package dev.tapdeck.pipeline;

import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketRingTest {

    private static PacketRecord packet(int number, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (number + i);
        }
        return new PacketRecord().set(MemorySegment.ofArray(bytes), 0, length, length + 7, 1)
                .timestamp(1_000 + number, number * 1000, PacketRecord.NANOSECOND_DIGITS)
                .interfaceId(number % 3)
                .position(number, 24L + number);
    }

    @Test
    void handsOverCopiesInOrderWithAllTheirMetadata() throws InterruptedException {
        PacketRing ring = new PacketRing(8, 4096);
        for (int n = 1; n <= 5; n++) {
            assertThat(ring.offer(packet(n, 100 + n))).isTrue();
        }
        ring.close();

        PacketRecord into = new PacketRecord();
        for (int n = 1; n <= 5; n++) {
            assertThat(ring.take(into)).isTrue();
            PacketRecord sent = packet(n, 100 + n);
            assertThat(into.toByteArray()).isEqualTo(sent.toByteArray());
            assertThat(into.originalLength()).isEqualTo(sent.originalLength());
            assertThat(into.epochSeconds()).isEqualTo(sent.epochSeconds());
            assertThat(into.nanos()).isEqualTo(sent.nanos());
            assertThat(into.timestampDigits()).isEqualTo(9);
            assertThat(into.interfaceId()).isEqualTo(sent.interfaceId());
            assertThat(into.recordNumber()).isEqualTo(n);
            assertThat(into.fileOffset()).isEqualTo(24L + n);
        }
        assertThat(ring.take(into)).isFalse();
    }

    @Test
    void offerRefusesWhenTheSlotsOrTheBytesAreFull() throws InterruptedException {
        PacketRing bySlots = new PacketRing(4, 1 << 16);
        for (int n = 0; n < 4; n++) {
            assertThat(bySlots.offer(packet(n, 10))).isTrue();
        }
        assertThat(bySlots.offer(packet(9, 10))).isFalse();

        PacketRing byBytes = new PacketRing(64, 1000);
        assertThat(byBytes.offer(packet(1, 600))).isTrue();
        assertThat(byBytes.offer(packet(2, 600))).isFalse();
        PacketRecord into = new PacketRecord();
        assertThat(byBytes.take(into)).isTrue();
        assertThat(byBytes.offer(packet(2, 600))).as("room comes back only at the next take").isFalse();
        byBytes.close();
        assertThat(byBytes.take(into)).isFalse();
        assertThat(byBytes.offer(packet(2, 600))).isTrue();
    }

    @Test
    void packetsNeverWrapAroundTheSlabEnd() throws InterruptedException {
        PacketRing ring = new PacketRing(16, 1000);
        PacketRecord into = new PacketRecord();
        // One packet held by the consumer and one being offered always fit in the slab.
        for (int n = 0; n < 50; n++) {
            assertThat(ring.offer(packet(n, 200 + n % 100))).isTrue();
            assertThat(ring.take(into)).isTrue();
            assertThat(into.toByteArray()).isEqualTo(packet(n, 200 + n % 100).toByteArray());
            assertThat(into.offset() + into.capturedLength()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    @Timeout(20)
    void putWaitsForTheConsumerSoNothingIsLost() throws Exception {
        PacketRing ring = new PacketRing(4, 2048);
        int count = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int n = 0; n < count; n++) {
                    ring.put(packet(n, 1 + n % 700));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                ring.close();
            }
        });
        List<Long> numbers = new ArrayList<>();
        PacketRecord into = new PacketRecord();
        while (ring.take(into)) {
            assertThat(into.capturedLength()).isEqualTo(1 + (int) into.recordNumber() % 700);
            numbers.add(into.recordNumber());
        }
        producer.join();
        assertThat(failure.get()).isNull();
        assertThat(numbers).hasSize(count);
        for (int n = 0; n < count; n++) {
            assertThat(numbers.get(n)).isEqualTo(n);
        }
    }

    @Test
    void aPacketLargerThanTheRingIsRefusedWithAReason() {
        PacketRing ring = new PacketRing(4, 100);
        assertThatThrownBy(() -> ring.put(packet(1, 101))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101 bytes");
    }

    @Test
    void capacityIsExactEvenWhenNotAPowerOfTwo() {
        PacketRing ring = new PacketRing(1000, 1 << 20);
        int accepted = 0;
        while (accepted < 2000 && ring.offer(packet(accepted, 10))) {
            accepted++;
        }
        assertThat(accepted).isEqualTo(1000);
        assertThat(ring.size()).isEqualTo(1000);
        assertThat(ring.capacity()).isEqualTo(1000);
    }

    @Test
    void pollNeverWaitsAndDrainedMeansClosedAndEmpty() {
        PacketRing ring = new PacketRing(4, 1024);
        PacketRecord into = new PacketRecord();
        assertThat(ring.poll(into)).isFalse();
        assertThat(ring.isDrained()).isFalse();
        assertThat(ring.offer(packet(1, 10))).isTrue();
        ring.close();
        assertThat(ring.isDrained()).isFalse();
        assertThat(ring.poll(into)).isTrue();
        assertThat(into.recordNumber()).isEqualTo(1);
        assertThat(ring.isDrained()).as("the consumer holds the last packet").isTrue();
        assertThat(ring.poll(into)).isFalse();
        assertThat(ring.isDrained()).isTrue();
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new PacketRing(0, 100)).hasMessageContaining("1 to 16,777,216 packets, not 0");
        assertThatThrownBy(() -> new PacketRing(10, 0)).hasMessageContaining("at least one byte");
    }
}
