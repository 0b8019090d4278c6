package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketSummary;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.INT16;
import static dev.tapdeck.decode.field.FieldType.NONE;
import static dev.tapdeck.decode.field.FieldType.RELATIVE_TIME;
import static dev.tapdeck.decode.field.FieldType.STRING;
import static dev.tapdeck.decode.field.FieldType.UINT32;

/** The frame itself, and Wireshark's {@code _ws} items: marks of damaged packets and expert information. */
public final class FrameFields {
    private static final Declarations FRAME = new Declarations("frame");

    public static final FieldDef FRAME_PROTO = FRAME.protocol("Frame")
            .hot((p, out) -> Reads.bytes(p, 0, p.dissection().capturedLength(), out));
    public static final FieldDef ENCAP_TYPE = FRAME.field("frame.encap_type", INT16, "Encapsulation type")
            .values(ValueNames.ENCAPSULATIONS)
            .hot((p, out) -> {
                if (p.dissection().encapsulation() >= 0) {
                    out.addNumber(p.dissection().encapsulation());
                }
            });
    public static final FieldDef TIME_EPOCH = FRAME.field("frame.time_epoch", RELATIVE_TIME, "Epoch Time")
            .describe("Epoch time when this frame was captured")
            .hot((p, out) -> {
                if (p.record().hasTimestamp()) {
                    out.addNumber(p.epochNanos());
                }
            });
    public static final FieldDef TIME_RELATIVE = FRAME.field("frame.time_relative", RELATIVE_TIME, "Time since reference or first frame")
            .describe("Time relative to time reference or first frame")
            .hot((p, out) -> {
                if (p.record().hasTimestamp()) {
                    out.addNumber(p.relativeNanos());
                }
            });
    public static final FieldDef NUMBER = FRAME.field("frame.number", UINT32, "Frame Number")
            .hot((p, out) -> out.addNumber(p.frameNumber()));
    public static final FieldDef LEN = FRAME.field("frame.len", UINT32, "Frame length on the wire")
            .hot((p, out) -> out.addNumber(p.dissection().frameLength()));
    public static final FieldDef CAP_LEN = FRAME.field("frame.cap_len", UINT32, "Frame length stored into the capture file")
            .hot((p, out) -> out.addNumber(p.dissection().capturedLength()));
    public static final FieldDef PROTOCOLS = FRAME.field("frame.protocols", STRING, "Protocols in frame")
            .describe("Protocols carried by this frame")
            .hot((p, out) -> {
                Dissection d = p.dissection();
                if (d.layerCount() > 0) {
                    StringBuilder s = p.scratch();
                    PacketSummary.appendProtocols(d, p.streamFacts(), s);
                    out.addText(s);
                }
            });

    /** A pcapng packet's {@code opt_comment}; Wireshark shows it in a "Packet comments" tree before the frame's. */
    public static final FieldDef COMMENT = FRAME.field("frame.comment", STRING, "Comment")
            .hot((p, out) -> {
                if (p.record().comment() != null) {
                    out.addText(p.record().comment());
                }
            });
    /** The expert item under a comment, whose message is the comment. */
    public static final FieldDef COMMENT_EXPERT = FRAME.field("frame.comment.expert", NONE, "Formatted comment");

    private static final Declarations PACKET_COMMENTS = new Declarations("pkt_comment");
    public static final FieldDef PACKET_COMMENTS_PROTO = PACKET_COMMENTS.protocol("Packet comments")
            .hot((p, out) -> {
                if (p.record().comment() != null) {
                    out.addBytes(p.dissection().bytes(), 0, 0);
                }
            });

    /** tshark's column fields, which {@code -e} accepts though {@code -G fields} does not list them. */
    private static final Declarations COLUMN = new Declarations("_ws.col");

    public static final FieldDef COLUMNS = COLUMN.protocol("Packet list columns");

    public static final FieldDef COLUMN_PROTOCOL = COLUMN.field("_ws.col.Protocol", STRING, "Protocol")
            .describe("The packet list's protocol column")
            .hot((p, out) -> {
                StringBuilder s = p.scratch();
                PacketSummary.appendProtocol(p.dissection(), p.streamFacts(), s);
                out.addText(s);
            });
    public static final FieldDef COLUMN_INFO = COLUMN.field("_ws.col.Info", STRING, "Information")
            .describe("The packet list's info column")
            .hot((p, out) -> {
                StringBuilder s = p.scratch();
                PacketSummary.appendInfo(p.dissection(), p.streamFacts(), s);
                out.addText(s);
            });

    private static final Declarations MALFORMED = new Declarations("_ws.malformed");
    private static final Declarations SHORT = new Declarations("_ws.short");
    private static final Declarations EXPERT = new Declarations("_ws.expert");

    public static final FieldDef WS_MALFORMED = MALFORMED.protocol("Malformed Packet")
            .hot((p, out) -> {
                if (p.dissection().malformed()) {
                    Reads.bool(true, out);
                }
            });
    /** The expert item inside {@code _ws.malformed}. */
    public static final FieldDef WS_MALFORMED_EXPERT = MALFORMED.field("_ws.malformed.expert", NONE, "Malformed Packet (Exception occurred)");
    public static final FieldDef WS_SHORT = SHORT.protocol("Short Frame")
            .hot((p, out) -> {
                if (p.dissection().truncated() && !p.dissection().malformed()) {
                    Reads.bool(true, out);
                }
            });

    /**
     * Expert information: a node the tree adds under the item it is about, holding the
     * protocol's own expert field ({@code tcp.connection.syn}) and these three.
     */
    public static final FieldDef WS_EXPERT = EXPERT.protocol("Expert Info");
    public static final FieldDef WS_EXPERT_MESSAGE = EXPERT.field("_ws.expert.message", STRING, "Message")
            .describe("Wireshark expert information");
    public static final FieldDef WS_EXPERT_GROUP = EXPERT.field("_ws.expert.group", UINT32, "Group").display(FieldDef.Display.NONE)
            .describe("Wireshark expert group")
            .values(ValueNames.EXPERT_GROUPS);
    public static final FieldDef WS_EXPERT_SEVERITY = EXPERT.field("_ws.expert.severity", UINT32, "Severity level").display(FieldDef.Display.NONE)
            .describe("Wireshark expert severity level")
            .values(ValueNames.EXPERT_SEVERITIES);

    private FrameFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(FRAME.all(), PACKET_COMMENTS.all(), COLUMN.all(), MALFORMED.all(), SHORT.all(), EXPERT.all()).flatMap(List::stream).toList();
    }
}
