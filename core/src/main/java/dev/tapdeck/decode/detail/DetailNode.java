package dev.tapdeck.decode.detail;

import java.util.List;

/**
 * One node of a packet's detail tree, as Wireshark's packet details pane shows it.
 *
 * @param name     Wireshark's filter name of the field or protocol ({@code ip.src}, {@code tcp.flags.syn}),
 *                 or empty for a text line that has none (Wireshark's "Queries")
 * @param label    the line the tree shows: {@code Source Address: 192.0.2.1}
 * @param value    the display value alone ({@code 192.0.2.1}, {@code 0x012}), null for protocol and text nodes
 * @param offset   first byte the node covers, 0-based from the frame's first byte
 * @param length   bytes the node covers; 0 for a generated field
 * @param hidden   true for a node that is there for filters only, which Wireshark does not show
 *                 ({@code http.request}, {@code ip.version} under IPv6)
 * @param children the node's subtree, in display order
 */
public record DetailNode(String name, String label, String value, int offset, int length, boolean hidden, List<DetailNode> children) {
    public DetailNode {
        children = List.copyOf(children);
    }
}
