package dev.tapdeck.decode.detail;

import dev.tapdeck.decode.field.ApplicationFields;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FrameFields;
import dev.tapdeck.decode.field.NetworkFields;
import dev.tapdeck.decode.field.TransportFields;

/**
 * A kind of Wireshark expert item ({@code ei_register_info}): the protocol's expert field, a
 * severity and a group. The tree adds one under the item it is about; {@code _ws.expert}
 * filters find it.
 *
 * @param field the protocol's own field for the item, of type NONE ({@code tcp.connection.syn})
 */
record Expert(FieldDef field, Severity severity, Group group) {
    /** Wireshark's {@code PI_} severities, the values of {@code _ws.expert.severity}. */
    enum Severity {
        COMMENT(0x0010_0000), CHAT(0x0020_0000), NOTE(0x0040_0000), WARNING(0x0060_0000), ERROR(0x0080_0000);

        private final long value;

        Severity(long value) {
            this.value = value;
        }

        long value() { return value; }
    }

    /** Wireshark's {@code PI_} groups, the values of {@code _ws.expert.group}. */
    enum Group {
        SEQUENCE(0x0200_0000), MALFORMED(0x0700_0000), PROTOCOL(0x0900_0000), COMMENT(0x0b00_0000), DEPRECATED(0x0e00_0000);

        private final long value;

        Group(long value) {
            this.value = value;
        }

        long value() { return value; }
    }

    static final Expert COMMENT = new Expert(FrameFields.COMMENT_EXPERT, Severity.COMMENT, Group.COMMENT);
    static final Expert MALFORMED = new Expert(FrameFields.WS_MALFORMED_EXPERT, Severity.ERROR, Group.MALFORMED);
    static final Expert IP_BOGUS_LENGTH = new Expert(NetworkFields.IP_BOGUS_IP_LENGTH, Severity.ERROR, Group.PROTOCOL);
    static final Expert IP_BOGUS_VERSION = new Expert(NetworkFields.IP_BOGUS_IP_VERSION, Severity.ERROR, Group.PROTOCOL);
    static final Expert IP_TTL_TOO_SMALL = new Expert(NetworkFields.IP_TTL_TOO_SMALL, Severity.NOTE, Group.SEQUENCE);
    static final Expert IP_TTL_LNCB = new Expert(NetworkFields.IP_TTL_LNCB, Severity.NOTE, Group.SEQUENCE);
    static final Expert IPV6_ROUTING_DEPRECATED = new Expert(NetworkFields.IPV6_ROUTING_DEPRECATED, Severity.NOTE, Group.DEPRECATED);
    static final Expert TCP_SYN = new Expert(TransportFields.TCP_CONNECTION_SYN, Severity.CHAT, Group.SEQUENCE);
    static final Expert TCP_SYNACK = new Expert(TransportFields.TCP_CONNECTION_SYNACK, Severity.CHAT, Group.SEQUENCE);
    static final Expert TCP_FIN = new Expert(TransportFields.TCP_CONNECTION_FIN, Severity.CHAT, Group.SEQUENCE);
    static final Expert TCP_RST = new Expert(TransportFields.TCP_CONNECTION_RST, Severity.WARNING, Group.SEQUENCE);
    static final Expert TCP_SHORT_SEGMENT = new Expert(TransportFields.TCP_SHORT_SEGMENT, Severity.WARNING, Group.MALFORMED);
    static final Expert TCP_URGENT_POINTER_NON_ZERO = new Expert(TransportFields.TCP_URGENT_POINTER_NON_ZERO, Severity.NOTE, Group.PROTOCOL);
    static final Expert HTTP_CHAT = new Expert(ApplicationFields.HTTP_CHAT, Severity.CHAT, Group.SEQUENCE);
}
