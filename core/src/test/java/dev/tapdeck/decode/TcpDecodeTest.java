package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** TCP (RFC 9293): header, flags, options (RFC 7323, RFC 2018), lengths and bogus headers. */
class TcpDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    private Dissection decodeSegment(byte[] segment) {
        return decoder.decode(LinkTypes.ETHERNET,
                ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(segment)));
    }

    /** The options a Linux client puts in its SYN: MSS, SACK permitted, timestamps, NOP, window scale. */
    private static byte[] linuxSynOptions() {
        return tcpOptions().mss(1460).sackPermitted().timestamps(2216538, 0).nop().windowScale(7).toBytes();
    }

    @Test
    void synWithOptions() {
        Dissection d = decodeSegment(tcp(44644, 80).flags(TcpHeader.SYN).seq(3_000_000_000L).window(64240)
                .options(linuxSynOptions()).build());

        TcpHeader t = d.tcp;
        assertThat(t.sourcePort()).isEqualTo(44644);
        assertThat(t.destinationPort()).isEqualTo(80);
        assertThat(t.sequence()).isEqualTo(3_000_000_000L);
        assertThat(t.acknowledgement()).isZero();
        assertThat(t.headerLength()).isEqualTo(40);
        assertThat(t.flags()).isEqualTo(TcpHeader.SYN);
        assertThat(t.window()).isEqualTo(64240);
        assertThat(t.payloadLength()).isZero();
        assertThat(t.maximumSegmentSize()).isEqualTo(1460);
        assertThat(t.sackPermitted()).isTrue();
        assertThat(t.timestampValue()).isEqualTo(2216538);
        assertThat(t.timestampEcho()).isZero();
        assertThat(t.windowScale()).isEqualTo(7);
        assertThat(t.sackBlocks()).isZero();
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");

        assertThat(decoder.protocol()).isEqualTo("TCP");
        assertThat(decoder.info()).isEqualTo(
                "44644 → 80 [SYN] Seq=3000000000 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=2216538 TSecr=0 WS=128");

        JsonNode json = decoder.json();
        assertThat(json.get("tcp.srcport").asInt()).isEqualTo(44644);
        assertThat(json.get("tcp.dstport").asInt()).isEqualTo(80);
        assertThat(json.get("tcp.seq").asLong()).isEqualTo(3_000_000_000L);
        assertThat(json.get("tcp.ack").asLong()).isZero();
        assertThat(json.get("tcp.hdr_len").asInt()).isEqualTo(40);
        assertThat(json.get("tcp.flags").asInt()).isEqualTo(0x002);
        assertThat(json.get("tcp.window_size_value").asInt()).isEqualTo(64240);
        assertThat(json.get("tcp.len").asInt()).isZero();
    }

    @Test
    void synAckFlagsAndAck() {
        Dissection d = decodeSegment(tcp(80, 44644).flags(TcpHeader.SYN | TcpHeader.ACK).seq(77).ack(3_000_000_001L)
                .window(65160).options(tcpOptions().mss(1400).nop().nop().sackPermitted().nop().windowScale(9).toBytes())
                .build());

        assertThat(d.tcp.flags()).isEqualTo(0x012);
        assertThat(d.tcp.timestampValue()).isEqualTo(-1);
        assertThat(decoder.info()).isEqualTo(
                "80 → 44644 [SYN, ACK] Seq=77 Ack=3000000001 Win=65160 Len=0 MSS=1400 SACK_PERM WS=512");
        assertThat(decoder.json().get("tcp.ack").asLong()).isEqualTo(3_000_000_001L);
    }

    @Test
    void sackBlocks() {
        byte[] options = tcpOptions().nop().nop().timestamps(10, 20).nop().nop().sack(5000, 6000, 7000, 8000).toBytes();
        Dissection d = decodeSegment(tcp(80, 44644).flags(TcpHeader.ACK).seq(1).ack(4000).options(options).build());

        assertThat(d.tcp.headerLength()).isEqualTo(20 + 12 + 20);
        assertThat(d.tcp.sackBlocks()).isEqualTo(2);
        assertThat(d.tcp.timestampValue()).isEqualTo(10);
        assertThat(d.tcp.timestampEcho()).isEqualTo(20);
        assertThat(d.tcp.sackPermitted()).isFalse();
        assertThat(d.tcp.maximumSegmentSize()).isEqualTo(-1);
        long sack = d.tcp.optionOffset(TcpHeader.OPTION_SACK);
        assertThat(sack - d.tcp.offset).isEqualTo(20 + 12 + 2);
        assertThat(decoder.info()).startsWith("80 → 44644 [ACK] Seq=1 Ack=4000 Win=64240 Len=0 TSval=10 TSecr=20");
    }

    @Test
    void finPshAck() {
        decodeSegment(tcp(5001, 44644).flags(TcpHeader.FIN | TcpHeader.PSH | TcpHeader.ACK).seq(10).ack(20).window(501)
                .wrap(ascii("bye")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        assertThat(decoder.info()).isEqualTo("5001 → 44644 [FIN, PSH, ACK] Seq=10 Ack=20 Win=501 Len=3");
        assertThat(decoder.json().get("tcp.flags").asInt()).isEqualTo(0x019);
        assertThat(decoder.json().get("tcp.len").asInt()).isEqualTo(3);
    }

    @Test
    void reservedBitsAreOutsideTheFlags() {
        // The three reserved bits above AE are set in the header.
        byte[] segment = tcp(1234, 5678).flags(TcpHeader.ACK).build();
        segment[12] |= 0x0e;
        Dissection d = decodeSegment(segment);

        assertThat(d.tcp.headerLength()).isEqualTo(20);
        assertThat(d.tcp.flags()).isEqualTo(0xe10);
    }

    @Test
    void optionsEndAtEndOfOptionList() {
        // An MSS option after End of Option List is padding, not an option.
        byte[] options = tcpOptions().nop().end().mss(1460).toBytes();
        Dissection d = decodeSegment(tcp(1234, 5678).flags(TcpHeader.SYN).options(options).build());

        assertThat(d.tcp.maximumSegmentSize()).isEqualTo(-1);
    }

    @Test
    void optionWithABadLengthEndsTheWalk() {
        // Window scale with length 0 cannot be stepped over; the MSS after it is not found.
        byte[] options = tcpOptions().raw(3, 0, 7).mss(1460).toBytes();
        Dissection d = decodeSegment(tcp(1234, 5678).flags(TcpHeader.SYN).options(options).build());

        assertThat(d.tcp.windowScale()).isEqualTo(-1);
        assertThat(d.tcp.maximumSegmentSize()).isEqualTo(-1);
        assertThat(d.tcp.sourcePort()).isEqualTo(1234);
    }

    @Test
    void optionRunningPastTheHeaderIsIgnored() {
        // Timestamps option claims 10 bytes, only 4 remain in the header.
        byte[] options = tcpOptions().nop().nop().nop().nop().raw(8, 10, 0, 0).toBytes();
        Dissection d = decodeSegment(tcp(1234, 5678).flags(TcpHeader.SYN).options(options).build());

        assertThat(d.tcp.headerLength()).isEqualTo(28);
        assertThat(d.tcp.timestampValue()).isEqualTo(-1);
    }

    @Test
    void tcpLenComesFromTheIpLengthWhenTheSnapLengthCutThePayload() {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(5001, 44644).flags(TcpHeader.ACK).wrap(new byte[1448])));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 96);

        assertThat(d.tcp.payloadLength()).isEqualTo(1448);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        JsonNode json = decoder.json();
        assertThat(json.get("tcp.len").asInt()).isEqualTo(1448);
        assertThat(json.get("frame.cap_len").asInt()).isEqualTo(96);
        assertThat(json.get("frame.len").asInt()).isEqualTo(frame.length);
        assertThat(decoder.info()).startsWith("5001 → 44644 [ACK] Seq=1000 Ack=0 Win=64240 Len=1448");
    }

    @Test
    void optionsCutBySnapLengthAreTruncatedButTheFixedHeaderIsKept() {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(44644, 80).flags(TcpHeader.SYN).options(linuxSynOptions()).build()));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 26);

        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(d.tcp.sourcePort()).isEqualTo(44644);
        assertThat(d.tcp.maximumSegmentSize()).isEqualTo(1460);
        assertThat(d.tcp.timestampValue()).isEqualTo(-1);
        JsonNode json = decoder.json();
        assertThat(json.get("tcp.hdr_len").asInt()).isEqualTo(40);
        assertThat(json.get("tcp.len").asInt()).isZero();
        assertThat(json.get("_ws.short").asBoolean()).isTrue();
    }

    @Test
    void dataOffsetBeyondTheSegmentIsMalformed() {
        // Data offset 15 (60 bytes) in a 28-byte segment.
        Dissection d = decodeSegment(tcp(1234, 5678).dataOffsetWords(15).wrap(new byte[8]));

        assertThat(d.malformed()).isTrue();
        assertThat(d.tcp.present()).isTrue();
        assertThat(d.tcp.headerLength()).isEqualTo(60);
        assertThat(d.tcp.payloadLength()).isEqualTo(-1);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");
        JsonNode json = decoder.json();
        assertThat(json.get("tcp.srcport").asInt()).isEqualTo(1234);
        assertThat(json.get("tcp.hdr_len").asInt()).isEqualTo(60);
        assertThat(json.has("tcp.len")).isFalse();
        assertThat(json.get("_ws.malformed").asBoolean()).isTrue();
        assertThat(decoder.info()).endsWith(" [Malformed Packet]");
    }

    @Test
    void overIpv6() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV6,
                ipv6("2001:db8::1", "2001:db8::2", PROTO_TCP).wrap(tcp(44644, 5001).flags(TcpHeader.ACK).wrap(new byte[10]))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ipv6:tcp:data");
        assertThat(d.tcp.payloadLength()).isEqualTo(10);
    }

    @Test
    void dataOffsetBelowFiveIsBogusButNotMalformed() {
        // Data offset 3 (12 bytes) in a 28-byte segment.
        Dissection d = decodeSegment(tcp(1234, 5678).seq(99).dataOffsetWords(3).wrap(new byte[8]));

        assertThat(d.malformed()).isFalse();
        assertThat(d.tcp.headerLength()).isEqualTo(12);
        assertThat(d.tcp.payloadLength()).isEqualTo(28 - 12);
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");
        // tshark 4.0 shows the ports, the sequence number, the header and segment lengths, then stops.
        JsonNode json = decoder.json();
        assertThat(json.get("tcp.srcport").asInt()).isEqualTo(1234);
        assertThat(json.get("tcp.seq").asLong()).isEqualTo(99);
        assertThat(json.get("tcp.hdr_len").asInt()).isEqualTo(12);
        assertThat(json.get("tcp.len").asInt()).isEqualTo(16);
        assertThat(json.has("tcp.ack")).isFalse();
        assertThat(json.has("tcp.flags")).isFalse();
        assertThat(json.has("tcp.window_size_value")).isFalse();
    }

    @Test
    void dataOffsetBeyondAFirstFragmentIsNotMalformed() {
        // The rest of the header would be in the next fragment.
        byte[] ip = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).moreFragments()
                .wrap(tcp(1234, 5678).dataOffsetWords(15).wrap(new byte[8]));
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4, ip));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(decoder.json().get("tcp.srcport").asInt()).isEqualTo(1234);
    }

    @Test
    void dataOffsetBeyondAnIcmpQuoteIsNotMalformed() {
        // A quote of 20 + 28 bytes: a SYN whose options (40-byte header) the quote cuts.
        byte[] syn = ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP).wrap(tcp(44644, 80).flags(TcpHeader.SYN)
                .options(tcpOptions().mss(1460).sackPermitted().timestamps(1, 0).nop().windowScale(7).toBytes()).build());
        byte[] quote = java.util.Arrays.copyOf(syn, 20 + 28);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("203.0.113.1", "192.0.2.1", PROTO_ICMP).wrap(icmp(11, 0, 0, quote))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:icmp:ip:tcp");
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(d.tcp.present()).isFalse();
    }

    /** A snap length at the end of the TCP header (a headers-only capture): the payload is not handed on. */
    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {80, 443, 53, 5001})
    void payloadWithNoByteCapturedIsNotHandedOn(int port) {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(44644, port).flags(TcpHeader.PSH | TcpHeader.ACK).wrap(ascii("GET / HTTP/1.1\r\n\r\n"))));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 20);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp");
        assertThat(d.truncated()).isFalse();
        assertThat(d.malformed()).isFalse();
        assertThat(d.tcp.payloadLength()).isEqualTo(18);
        assertThat(decoder.json().get("tcp.len").asInt()).isEqualTo(18);
    }

    @Test
    void everyFlagInWiresharksOrder() {
        int all = TcpHeader.FIN | TcpHeader.SYN | TcpHeader.RST | TcpHeader.PSH | TcpHeader.ACK | TcpHeader.URG
                | TcpHeader.ECE | TcpHeader.CWR | TcpHeader.AE;
        Dissection d = decodeSegment(tcp(1234, 5678).flags(all).build());

        assertThat(d.tcp.flags()).isEqualTo(0x1ff);
        assertThat(decoder.json().get("tcp.flags").asInt()).isEqualTo(0x1ff);
        // tshark 4.0 lists them in bit order, FIN first.
        assertThat(decoder.info()).startsWith("1234 → 5678 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE] Seq=1000 Ack=0 ");
    }

    @Test
    void synFin() {
        decodeSegment(tcp(1234, 5678).flags(TcpHeader.SYN | TcpHeader.FIN).seq(5).build());

        assertThat(decoder.info()).isEqualTo("1234 → 5678 [FIN, SYN] Seq=5 Win=64240 Len=0");
    }
}
