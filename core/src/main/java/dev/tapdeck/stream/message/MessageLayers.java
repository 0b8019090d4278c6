package dev.tapdeck.stream.message;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;

import java.util.List;

/**
 * The layers of a reassembled HTTP, TLS or DNS message as the packet decoder's own detail
 * tree gives them, so a message has the same fields as one that fits in a segment.
 */
final class MessageLayers {
    /** Each thread that reads message fields decodes with its own decoder, which holds the bytes it decodes. */
    private static final ThreadLocal<PacketDecoder> DECODER = ThreadLocal.withInitial(PacketDecoder::new);

    private MessageLayers() {
    }

    static List<DetailNode> describe(Protocol protocol, byte[] bytes) {
        return PacketDetails.describeMessage(DECODER.get().decodeMessage(protocol, bytes, bytes.length));
    }
}
