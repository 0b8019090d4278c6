package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** TLS records (RFC 8446 §5.1) and the ClientHello's server_name (RFC 6066 §3). */
class TlsDecodeTest {
    private final TestDecoder decoder = new TestDecoder();

    private static byte[] frame(int sourcePort, int destinationPort, byte[] payload) {
        return ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(sourcePort, destinationPort).flags(TcpHeader.PSH | TcpHeader.ACK).seq(1).ack(1).wrap(payload)));
    }

    private static String serverName(Dissection d) {
        StringBuilder out = new StringBuilder();
        d.tls.appendServerName(out);
        return out.toString();
    }

    @Test
    void clientHelloServerNameOnPort443() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 443, clientHello().serverName("www.example.com").toBytes()));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.tls.present()).isTrue();
        assertThat(d.tls.contentType()).isEqualTo(TlsClientHello.CONTENT_HANDSHAKE);
        assertThat(d.tls.recordVersion()).isEqualTo(0x0301);
        assertThat(d.tls.handshakeType()).isEqualTo(1);
        assertThat(d.tls.hasServerName()).isTrue();
        assertThat(serverName(d)).isEqualTo("www.example.com");
        assertThat(d.malformed()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(decoder.json().get("tls.handshake.extensions_server_name").asText()).isEqualTo("www.example.com");
        assertThat(decoder.info()).isEqualTo("Client Hello (SNI=www.example.com)");
    }

    @Test
    void clientHelloOnAnUnusualPortIsRecognisedByItsContent() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 50443, clientHello().serverName("api.example.org").toBytes()));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(serverName(d)).isEqualTo("api.example.org");
        assertThat(decoder.json().get("tls.handshake.extensions_server_name").asText()).isEqualTo("api.example.org");
    }

    @Test
    void clientHelloWithoutServerName() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 443, clientHello().toBytes()));

        assertThat(d.tls.handshakeType()).isEqualTo(1);
        assertThat(d.tls.hasServerName()).isFalse();
        assertThat(decoder.json().has("tls.handshake.extensions_server_name")).isFalse();
        assertThat(decoder.info()).isEqualTo("Client Hello");
    }

    @Test
    void recordBeyondTheSegmentIsNotAnError() {
        // Without reassembly the rest of the record is in later segments.
        byte[] hello = clientHello().serverName("www.example.com").toBytes();
        byte[] firstPart = Arrays.copyOf(hello, indexOf(hello, ascii("www.example.com")) + 3);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 443, firstPart));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.tls.handshakeType()).isEqualTo(1);
        assertThat(d.tls.hasServerName()).isFalse();
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void applicationDataRecord() {
        byte[] record = concat(bytes(23, 0x03, 0x03, 0x00, 0x20), new byte[32]);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(443, 44644, record));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.tls.contentType()).isEqualTo(TlsClientHello.CONTENT_APPLICATION_DATA);
        assertThat(d.tls.handshakeType()).isEqualTo(-1);
        assertThat(decoder.protocol()).isEqualTo("TLSv1.2");
        assertThat(decoder.info()).isEqualTo("Application Data");
    }

    @Test
    void bytesThatAreNotARecordOnPort443AreAContinuation() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(443, 44644, ascii("not a tls record at all")));

        assertThat(d.tls.present()).isFalse();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.info()).endsWith(" Continuation Data");
    }

    @Test
    void bytesThatAreNotARecordOnAnUnusualPortAreData() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(50443, 44644, ascii("not a tls record at all")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        assertThat(d.tls.present()).isFalse();
    }

    @Test
    void clientHelloCutBeforeTheServerNameBySnapLength() {
        byte[] hello = clientHello().serverName("www.example.com").toBytes();
        byte[] frame = frame(44644, 443, hello);
        // Cut just before the server_name extension's type.
        int sni = indexOf(frame, bytes(0x00, 0x00, 0x00, 0x14, 0x00, 0x12));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, sni);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.tls.present()).isTrue();
        assertThat(d.tls.handshakeType()).isEqualTo(1);
        assertThat(d.tls.hasServerName()).isFalse();
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.has("tls.handshake.extensions_server_name")).isFalse();
        assertThat(json.get("_ws.short").asBoolean()).isTrue();
        assertThat(decoder.info()).isEqualTo("Client Hello [Packet size limited during capture]");
    }

    @Test
    void serverNameCutInTheMiddleIsNotReported() {
        byte[] frame = frame(44644, 443, clientHello().serverName("www.example.com").toBytes());
        int name = indexOf(frame, ascii("www.example.com"));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, name + 5);

        assertThat(d.tls.hasServerName()).isFalse();
        assertThat(d.truncated()).isTrue();
    }

    @Test
    void recordHeaderCutBySnapLengthIsShort() {
        byte[] frame = frame(44644, 443, clientHello().serverName("www.example.com").toBytes());
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, 14 + 20 + 20 + 3);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.tls.present()).isFalse();
        assertThat(d.truncated()).isTrue();
    }

    @Test
    void applicationDataCutBySnapLengthIsShort() {
        byte[] frame = frame(443, 44644, concat(bytes(23, 0x03, 0x03, 0x00, 100), new byte[100]));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 50);

        assertThat(d.tls.contentType()).isEqualTo(TlsClientHello.CONTENT_APPLICATION_DATA);
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void secondRecordCutBySnapLengthIsShort() {
        // A whole Change Cipher Spec record, then Application Data that the snap length cuts.
        byte[] records = concat(bytes(20, 0x03, 0x03, 0x00, 0x01, 0x01), bytes(23, 0x03, 0x03, 0x00, 40), new byte[40]);
        byte[] frame = frame(443, 44644, records);
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 10);

        assertThat(d.tls.contentType()).isEqualTo(TlsClientHello.CONTENT_CHANGE_CIPHER_SPEC);
        assertThat(d.truncated()).isTrue();
        assertThat(decoder.info()).isEqualTo("Change Cipher Spec [Packet size limited during capture]");
    }

    @Test
    void recordRunningPastTheSegmentAndCutIsNotShort() {
        // The segment holds the first 120 bytes of the record, the capture 80 of them: without
        // reassembly the record is not dissected, so nothing reads past the capture.
        byte[] hello = clientHello().serverName("www.example.com").toBytes();
        byte[] frame = frame(44644, 443, Arrays.copyOf(hello, 120));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, frame.length - 40);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:tls");
        assertThat(d.truncated()).isFalse();
        assertThat(d.malformed()).isFalse();
    }
}
