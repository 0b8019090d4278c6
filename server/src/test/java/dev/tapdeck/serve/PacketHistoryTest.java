package dev.tapdeck.serve;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketHistoryTest {
    private static PacketRecord packet(byte fill) {
        byte[] frame = new byte[60];
        java.util.Arrays.fill(frame, fill);
        return new PacketRecord().set(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET);
    }

    @Test
    void theOldestPacketsAreForgottenToMakeRoomInPacketsAndInBytes() {
        PacketHistory history = new PacketHistory(3, 150);
        for (int i = 1; i <= 4; i++) {
            assertThat(history.add(packet((byte) i))).isEqualTo(i);
        }
        // 150 bytes hold two 60-byte packets: the first two are gone.
        assertThat(history.oldest()).isEqualTo(3);
        assertThat(history.newest()).isEqualTo(4);
        PacketRecord read = new PacketRecord();
        assertThat(history.read(2, read)).isFalse();
        assertThat(history.read(4, read)).isTrue();
        assertThat(read.toByteArray()).containsOnly(4);
        history.close();
    }

    @Test
    void aClosedHistoryHoldsNothingAndRefusesPackets() {
        PacketHistory history = new PacketHistory(16, 1 << 16);
        history.add(packet((byte) 1));
        history.close();
        history.close(); // twice is harmless

        assertThat(history.size()).isZero();
        assertThat(history.read(1, new PacketRecord())).isFalse();
        assertThatThrownBy(() -> history.add(packet((byte) 2))).isInstanceOf(IllegalStateException.class);
    }
}
