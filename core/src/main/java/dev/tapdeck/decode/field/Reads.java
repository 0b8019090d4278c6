package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.Protocol;

/** Small pieces the hot readers share: reporting a value with the packet bytes it was read from. */
final class Reads {
    private Reads() {
    }

    /** An integer read from {@code length} bytes at {@code offset} of the packet. */
    static void number(PacketFields p, long value, int offset, int length, FieldValues out) {
        out.addNumber(value, p.dissection().bytes(), offset, length);
    }

    /** An IPv4 address at {@code offset}: its 32 bits as the number, its 4 bytes. */
    static void ipv4(PacketFields p, int address, int offset, FieldValues out) {
        out.addNumber(address & 0xffffffffL, p.dissection().bytes(), offset, 4);
    }

    /** A MAC address at {@code offset}: its 48 bits as the number, its 6 bytes. */
    static void mac(PacketFields p, long address, int offset, FieldValues out) {
        out.addNumber(address, p.dissection().bytes(), offset, 6);
    }

    static void bytes(PacketFields p, int offset, int length, FieldValues out) {
        out.addBytes(p.dissection().bytes(), offset, length);
    }

    static void bool(boolean value, FieldValues out) {
        out.addNumber(value ? 1 : 0);
    }

    /**
     * A protocol's presence: one occurrence per chain entry of any of {@code layers}, its bytes
     * running from the layer's first byte to the captured end, as a Wireshark protocol's value
     * does for {@code contains}.
     */
    static FieldDef.HotRead presence(Protocol... layers) {
        return (p, out) -> {
            Dissection d = p.dissection();
            for (int i = 0, n = d.layerCount(); i < n; i++) {
                Protocol layer = d.layer(i);
                for (Protocol wanted : layers) {
                    if (layer == wanted) {
                        int at = d.layerOffset(i);
                        out.addBytes(d.bytes(), at, Math.max(0, d.capturedLength() - at));
                    }
                }
            }
        };
    }
}
