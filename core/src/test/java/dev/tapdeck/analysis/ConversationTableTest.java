package dev.tapdeck.analysis;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTableTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final ConversationTable table = new ConversationTable();

    @Test
    void bothDirectionsCountInOneConversation() {
        addUdp(0x0a000001, 5000, 0x0a000002, 53, 10, 1_000);
        addUdp(0x0a000002, 53, 0x0a000001, 5000, 30, 3_000);

        assertThat(table.size()).isEqualTo(1);
        Conversation c = table.top(5).getFirst();
        assertThat(c.protocolName()).isEqualTo("UDP");
        assertThat(c.endA()).isEqualTo("10.0.0.1:5000");
        assertThat(c.endB()).isEqualTo("10.0.0.2:53");
        assertThat(c.packets()).isEqualTo(2);
        assertThat(c.bytes()).isEqualTo((20 + 8 + 10) + (20 + 8 + 30));
        assertThat(c.durationNanos()).isEqualTo(2_000);
    }

    @Test
    void topRanksByBytesThenPacketsAndStopsAtTheLimit() {
        addUdp(0x0a000001, 1, 0x0a000009, 9, 100, 0);   // 128 bytes, 1 packet
        addUdp(0x0a000002, 2, 0x0a000009, 9, 36, 0);    // 2 x 64 = 128 bytes, 2 packets: ranks above
        addUdp(0x0a000002, 2, 0x0a000009, 9, 36, 0);
        addUdp(0x0a000003, 3, 0x0a000009, 9, 500, 0);   // the largest
        addUdp(0x0a000004, 4, 0x0a000009, 9, 0, 0);     // the smallest

        List<Conversation> top = table.top(3);

        assertThat(top).extracting(Conversation::endA)
                .containsExactly("10.0.0.3:3", "10.0.0.2:2", "10.0.0.1:1");
        assertThat(table.top(10)).hasSize(4);
        assertThat(table.top(0)).isEmpty();
    }

    @Test
    void topOverManyConversationsMatchesAFullSort() {
        // Enough conversations to grow the table several times; sizes repeat so ties are common.
        int conversations = 20_000;
        for (int i = 0; i < conversations; i++) {
            int payload = (i * 7919) % 997;
            for (int p = 0; p <= i % 3; p++) {
                addUdp(0x0a000000 + i, 1024 + (i & 0x3fff), 0xc0000201, 443, payload, i);
            }
        }
        assertThat(table.size()).isEqualTo(conversations);

        List<Conversation> everything = table.top(conversations);
        assertThat(everything).hasSize(conversations);
        assertThat(everything).isSortedAccordingTo((x, y) -> x.bytes() != y.bytes()
                ? Long.compare(y.bytes(), x.bytes()) : Long.compare(y.packets(), x.packets()));
        assertThat(table.top(25)).containsExactlyElementsOf(everything.subList(0, 25));
    }

    private void addUdp(int source, int sourcePort, int destination, int destinationPort, int payloadLength, long timeNanos) {
        ByteBuffer packet = ByteBuffer.allocate(20 + 8 + payloadLength);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity()).putInt(0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(source).putInt(destination)
                .putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payloadLength)).putShort((short) 0);
        table.add(decoder.decode(MemorySegment.ofArray(packet.array()), 0, packet.capacity(), packet.capacity(), LinkTypes.RAW), timeNanos);
    }
}
