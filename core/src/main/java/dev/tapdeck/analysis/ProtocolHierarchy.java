package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packets and bytes per protocol path ({@code eth:ethertype:ip:tcp:tls}), as Wireshark's
 * protocol hierarchy statistics count them: a packet counts at every node of its path. Also
 * the packets and bytes containing each protocol, counted once per packet however often the
 * protocol repeats (tunnels, ICMP quotes). Counting allocates nothing.
 *
 * <p>The tree holds at most {@value #MAX_NODES} nodes; a packet whose path needs more stops
 * counting at the deepest node there was room for.
 */
public final class ProtocolHierarchy {
    static final int MAX_NODES = 4096;
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int ROOT = 0;

    /** Per node and protocol: the child node for that protocol, 0 when there is none yet. */
    private final int[] children = new int[MAX_NODES * PROTOCOLS.length];
    private final byte[] nodeProtocols = new byte[MAX_NODES];
    private final long[] nodePackets = new long[MAX_NODES];
    private final long[] nodeBytes = new long[MAX_NODES];
    private int nodes = 1;

    private final long[] protocolPackets = new long[PROTOCOLS.length];
    private final long[] protocolBytes = new long[PROTOCOLS.length];
    /** Per protocol, the number of the last packet that counted it: a protocol counts once per packet. */
    private final long[] countedInPacket = new long[PROTOCOLS.length];
    private long packets;
    private long bytes;

    public void add(Dissection d) {
        int length = d.frameLength();
        packets++;
        bytes += length;
        int node = ROOT;
        for (int i = 0; i < d.layerCount(); i++) {
            int p = d.layer(i).ordinal();
            int child = children[node * PROTOCOLS.length + p];
            if (child == 0 && nodes < MAX_NODES) {
                child = nodes++;
                children[node * PROTOCOLS.length + p] = child;
                nodeProtocols[child] = (byte) p;
            }
            if (child != 0) {
                node = child;
                nodePackets[node]++;
                nodeBytes[node] += length;
            }
            if (countedInPacket[p] != packets) {
                countedInPacket[p] = packets;
                protocolPackets[p]++;
                protocolBytes[p] += length;
            }
        }
    }

    public long packets() { return packets; }

    public long bytes() { return bytes; }

    /** Packets containing {@code protocol} anywhere in their chain. */
    public long packetsWith(Protocol protocol) { return protocolPackets[protocol.ordinal()]; }

    /** Frame bytes of the packets containing {@code protocol}. */
    public long bytesWith(Protocol protocol) { return protocolBytes[protocol.ordinal()]; }

    /**
     * One node of the tree.
     *
     * @param path  the protocols from the link layer down, joined by colons: {@code eth:ethertype:ip:udp:dns}
     * @param depth 1 for the link layer
     */
    public record Node(String path, Protocol protocol, int depth, long packets, long bytes) {}

    /** The tree depth first, each node's children by packets, most first. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>(nodes);
        appendChildren(ROOT, "", 1, out);
        return out;
    }

    private void appendChildren(int node, String path, int depth, List<Node> out) {
        Integer[] kids = Arrays.stream(children, node * PROTOCOLS.length, (node + 1) * PROTOCOLS.length)
                .filter(child -> child != 0).boxed()
                .sorted((x, y) -> Long.compare(nodePackets[y], nodePackets[x]))
                .toArray(Integer[]::new);
        for (int child : kids) {
            Protocol protocol = PROTOCOLS[nodeProtocols[child]];
            String childPath = path.isEmpty() ? protocol.filterName() : path + ":" + protocol.filterName();
            out.add(new Node(childPath, protocol, depth, nodePackets[child], nodeBytes[child]));
            appendChildren(child, childPath, depth + 1, out);
        }
    }
}
