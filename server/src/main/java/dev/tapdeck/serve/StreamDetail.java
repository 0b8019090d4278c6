package dev.tapdeck.serve;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.field.StreamFields;
import dev.tapdeck.stream.StreamFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds a packet's stream index to its detail tree where Wireshark shows it: {@code [Stream
 * index: N]} after the ports of its TCP layer, or after the checksum of its UDP layer, a
 * generated field (no bytes of its own).
 */
final class StreamDetail {
    private StreamDetail() {}

    static List<DetailNode> withStreamIndex(List<DetailNode> layers, StreamFacts facts) {
        boolean tcp = facts.tcpStream() != StreamFacts.NONE;
        int stream = tcp ? facts.tcpStream() : facts.udpStream();
        if (stream == StreamFacts.NONE) {
            return layers;
        }
        String layerName = tcp ? "tcp" : "udp";
        List<DetailNode> result = new ArrayList<>(layers);
        for (int i = 0; i < result.size(); i++) {
            DetailNode layer = result.get(i);
            if (layer.name().equals(layerName)) { // the outer one: the stream is the packet's own, not a quoted packet's
                result.set(i, withChild(layer, tcp, stream));
                break;
            }
        }
        return result;
    }

    private static DetailNode withChild(DetailNode layer, boolean tcp, int stream) {
        String name = (tcp ? StreamFields.TCP_STREAM : StreamFields.UDP_STREAM).name();
        String label = (tcp ? StreamFields.TCP_STREAM : StreamFields.UDP_STREAM).label();
        DetailNode index = new DetailNode(name, "[" + label + ": " + stream + "]", Integer.toString(stream), layer.offset(), 0, false, List.of());
        List<DetailNode> children = new ArrayList<>(layer.children());
        int at = 0;
        for (int i = 0; i < children.size(); i++) {
            String child = children.get(i).name();
            if (tcp ? child.equals("tcp.dstport") : child.startsWith("udp.checksum") || child.equals("udp.length") || child.equals("udp.dstport")) {
                at = i + 1;
            }
        }
        children.add(at, index);
        return new DetailNode(layer.name(), layer.label(), layer.value(), layer.offset(), layer.length(), layer.hidden(), children);
    }
}
