package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.x start lines (RFC 9112 §3, §4) on TCP, and SSDP over UDP. */
class HttpDecodeTest {
    private static final String REQUEST = "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: tapdeck-test\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found";

    private final TestDecoder decoder = new TestDecoder();

    private static byte[] frame(int sourcePort, int destinationPort, byte[] payload) {
        return ethernet(ETHERTYPE_IPV4, ipv4("192.0.2.1", "198.51.100.2", PROTO_TCP)
                .wrap(tcp(sourcePort, destinationPort).flags(TcpHeader.PSH | TcpHeader.ACK).seq(1).ack(1).wrap(payload)));
    }

    private static String method(Dissection d) {
        StringBuilder out = new StringBuilder();
        d.http.appendMethod(out);
        return out.toString();
    }

    private static String uri(Dissection d) {
        StringBuilder out = new StringBuilder();
        d.http.appendUri(out);
        return out.toString();
    }

    @Test
    void requestLineOnPort80() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 80, ascii(REQUEST)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http");
        assertThat(d.http.present()).isTrue();
        assertThat(d.http.isRequest()).isTrue();
        assertThat(d.http.isResponse()).isFalse();
        assertThat(method(d)).isEqualTo("GET");
        assertThat(uri(d)).isEqualTo("/index.html?q=1");
        assertThat(d.malformed()).isFalse();
        JsonNode json = decoder.json();
        assertThat(json.get("http.request.method").asText()).isEqualTo("GET");
        assertThat(json.get("http.request.uri").asText()).isEqualTo("/index.html?q=1");
        assertThat(json.has("http.response.code")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("HTTP");
        assertThat(decoder.info()).isEqualTo("GET /index.html?q=1 HTTP/1.1");
    }

    @Test
    void statusLineAndBody() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(80, 44644, ascii(RESPONSE)));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http:data");
        assertThat(d.http.isResponse()).isTrue();
        assertThat(d.http.statusCode()).isEqualTo(404);
        JsonNode json = decoder.json();
        assertThat(json.get("http.response.code").asInt()).isEqualTo(404);
        assertThat(json.has("http.request.method")).isFalse();
        assertThat(decoder.info()).isEqualTo("HTTP/1.1 404 Not Found");
    }

    @Test
    void requestOnAnotherPortIsRecognisedByItsContent() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(44644, 8000, ascii("POST /api/v1/items HTTP/1.1\r\nHost: x\r\n\r\n")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http");
        assertThat(method(d)).isEqualTo("POST");
        assertThat(uri(d)).isEqualTo("/api/v1/items");
        assertThat(decoder.json().get("http.request.method").asText()).isEqualTo("POST");
    }

    @Test
    void statusLineOnAnotherPort() {
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(8000, 44644, ascii("HTTP/1.0 200 OK\r\nServer: x\r\n\r\n")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http");
        assertThat(d.http.statusCode()).isEqualTo(200);
    }

    /**
     * A segment in the middle of a body, as tshark shows one after the response headers of its
     * conversation (frame 8 of the corpus's dpkt-http.pcap: http:data, "Continuation").
     */
    @Test
    void bodyContinuationOnPort80() {
        byte[] body = concat(bytes(0x1f, 0x8b, 0x08, 0x00), new byte[60]);
        Dissection d = decoder.decode(LinkTypes.ETHERNET, frame(80, 44644, body));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http:data");
        assertThat(d.http.present()).isFalse();
        assertThat(decoder.json().has("http.response.code")).isFalse();
        assertThat(decoder.protocol()).isEqualTo("HTTP");
        assertThat(decoder.info()).endsWith(" Continuation");
    }

    @Test
    void unrecognisedBytesOnAnotherPortAreData() {
        decoder.decode(LinkTypes.ETHERNET, frame(44644, 8000, ascii("HELO mail.example.com\r\n")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
        assertThat(decoder.dissection().http.present()).isFalse();
    }

    @Test
    void methodMustBeFollowedByASpace() {
        decoder.decode(LinkTypes.ETHERNET, frame(44644, 8000, ascii("GETTING STARTED\r\n")));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:data");
    }

    @Test
    void headersCutBySnapLengthAreShort() {
        byte[] frame = frame(44644, 80, ascii(REQUEST));
        Dissection d = decoder.snap(LinkTypes.ETHERNET, frame, indexOf(frame, ascii("User-Agent")) + 4);

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:tcp:http");
        assertThat(method(d)).isEqualTo("GET");
        assertThat(d.truncated()).isTrue();
        assertThat(d.malformed()).isFalse();
        assertThat(decoder.json().get("http.request.uri").asText()).isEqualTo("/index.html?q=1");
        assertThat(decoder.info()).isEqualTo("GET /index.html?q=1 HTTP/1.1 [Packet size limited during capture]");
    }

    @Test
    void ssdpSearchOverUdp1900() {
        String search = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n";
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.1", "239.255.255.250", PROTO_UDP).ttl(4).wrap(udp(50000, 1900, ascii(search)))));

        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:ssdp");
        assertThat(method(d)).isEqualTo("M-SEARCH");
        assertThat(uri(d)).isEqualTo("*");
        JsonNode json = decoder.json();
        assertThat(json.get("http.request.method").asText()).isEqualTo("M-SEARCH");
        assertThat(json.get("http.request.uri").asText()).isEqualTo("*");
        assertThat(decoder.protocol()).isEqualTo("SSDP");
        assertThat(decoder.info()).isEqualTo("M-SEARCH * HTTP/1.1");
    }

    @Test
    void ssdpNotifyAndResponse() {
        String notify = "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNTS: ssdp:alive\r\n\r\n";
        decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.7", "239.255.255.250", PROTO_UDP).wrap(udp(1900, 1900, ascii(notify)))));
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:ssdp");
        assertThat(decoder.json().get("http.request.method").asText()).isEqualTo("NOTIFY");

        String ok = "HTTP/1.1 200 OK\r\nST: ssdp:all\r\n\r\n";
        Dissection d = decoder.decode(LinkTypes.ETHERNET, ethernet(ETHERTYPE_IPV4,
                ipv4("192.0.2.7", "192.0.2.1", PROTO_UDP).wrap(udp(1900, 50000, ascii(ok)))));
        assertThat(decoder.chain()).isEqualTo("eth:ethertype:ip:udp:ssdp");
        assertThat(d.http.statusCode()).isEqualTo(200);
        assertThat(decoder.json().get("http.response.code").asInt()).isEqualTo(200);
    }
}
