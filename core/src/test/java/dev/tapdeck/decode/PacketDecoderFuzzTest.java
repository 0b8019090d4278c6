package dev.tapdeck.decode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes, decoded under any link type we know and printed every way we print a packet:
 * nothing throws, nothing hangs, and what is printed is well-formed.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINK_TYPES = {
            LinkTypes.ETHERNET, LinkTypes.NULL, LinkTypes.LOOP, LinkTypes.RAW, LinkTypes.RAW_OPENBSD,
            LinkTypes.LINUX_SLL, LinkTypes.LINUX_SLL2, LinkTypes.IPV4, LinkTypes.IPV6, 147};

    private final PacketDecoder decoder = new PacketDecoder();
    private final JsonLinesFormat json = new JsonLinesFormat();
    private final Utf8Builder line = new Utf8Builder(1024);
    private final StringBuilder out = new StringBuilder();

    @FuzzTest
    void decodesAnyBytes(FuzzedDataProvider data) {
        int linkType = data.pickValue(LINK_TYPES);
        int extraOnWire = data.consumeInt(0, 2000);
        byte[] bytes = data.consumeRemainingAsBytes();
        PacketRecord packet = new PacketRecord()
                .set(MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length + extraOnWire, linkType)
                .timestamp(1_700_000_000L, 123_456_000, PacketRecord.MICROSECOND_DIGITS);

        Dissection d = decoder.decode(packet);

        assertThat(d.layerCount()).isBetween(linkType == 147 && bytes.length == 0 ? 0 : 1, Dissection.MAX_LAYERS);
        json.append(1, packet, d, line.clear());
        assertThat(line.array()[0]).isEqualTo((byte) '{');
        assertThat(line.array()[line.length() - 1]).isEqualTo((byte) '}');
        out.setLength(0);
        PacketSummary.appendSource(d, out);
        PacketSummary.appendDestination(d, out);
        PacketSummary.appendProtocol(d, out);
        PacketSummary.appendInfo(d, out);
        assertThat(out).isNotEmpty();
        List<DetailNode> tree = PacketDetails.describe(1, packet);
        assertThat(tree.getFirst().name()).isEqualTo("frame");
    }
}
