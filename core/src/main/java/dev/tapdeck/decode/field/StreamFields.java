package dev.tapdeck.decode.field;

import dev.tapdeck.stream.StreamFacts;

import java.util.List;

import static dev.tapdeck.decode.field.FieldType.UINT32;

/**
 * Fields that only a packet's place in its conversation gives, read from the
 * {@link StreamFacts} the stream tracker filled for the packet: what tshark computes with its
 * conversation tables. A packet read without a tracker has none of them.
 */
public final class StreamFields {
    private static final Declarations TCP = new Declarations("tcp");
    private static final Declarations UDP = new Declarations("udp");

    public static final FieldDef TCP_STREAM = TCP.everyOccurrence("tcp.stream", UINT32, "Stream index")
            .hot((p, out) -> {
                int stream = p.streamFacts().tcpStream();
                if (stream != StreamFacts.NONE) {
                    out.addNumber(stream);
                }
            });
    public static final FieldDef UDP_STREAM = UDP.everyOccurrence("udp.stream", UINT32, "Stream index")
            .hot((p, out) -> {
                int stream = p.streamFacts().udpStream();
                if (stream != StreamFacts.NONE) {
                    out.addNumber(stream);
                }
            });

    private StreamFields() {
    }

    static List<FieldDef> all() {
        return List.of(TCP_STREAM, UDP_STREAM);
    }
}
