package dev.tapdeck.stream.message;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.PacketSummary;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.stream.StreamMessage;

import java.util.List;

/**
 * The layers of a reassembled HTTP, TLS or DNS message as the packet decoder's own detail
 * tree gives them, so a message has the same fields as one that fits in a segment, and its
 * line in the packet list.
 */
final class MessageLayers {
    /** Each thread that reads message fields decodes with its own decoder, which holds the bytes it decodes. */
    private static final ThreadLocal<PacketDecoder> DECODER = ThreadLocal.withInitial(PacketDecoder::new);

    private MessageLayers() {
    }

    static List<DetailNode> describe(Protocol protocol, byte[] bytes) {
        return PacketDetails.describeMessage(DECODER.get().decodeMessage(protocol, bytes, bytes.length));
    }

    /** The message as the packet list shows a packet that holds just it: named {@code column}, with the packet's info text. */
    static StreamMessage.Summary summarize(Protocol protocol, String column, byte[] bytes) {
        StringBuilder info = new StringBuilder();
        PacketSummary.appendInfo(DECODER.get().decodeMessage(protocol, bytes, bytes.length), info);
        return new StreamMessage.Summary(column, info.toString(), "");
    }
}
