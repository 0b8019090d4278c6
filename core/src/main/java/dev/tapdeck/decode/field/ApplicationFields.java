package dev.tapdeck.decode.field;

import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TlsClientHello;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.STRING;
import static dev.tapdeck.decode.field.FieldType.UINT16;

/** The application layer: DNS (and mDNS, LLMNR, which use DNS's fields), TLS, HTTP (and SSDP), data. */
public final class ApplicationFields {
    private static final Declarations DNS = new Declarations("dns", Protocol.DNS, Protocol.MDNS, Protocol.LLMNR);

    public static final FieldDef DNS_PROTO = new Declarations("dns", Protocol.DNS).protocol("Domain Name System");
    public static final FieldDef DNS_ID = DNS.field("dns.id", UINT16, "Transaction ID").hex()
            .describe("Identification of transaction")
            .hot((p, out) -> {
                DnsMessage dns = p.dissection().dns;
                if (dns.present()) {
                    Reads.number(p, dns.id(), dns.offset(), 2, out);
                }
            });
    public static final FieldDef DNS_FLAGS_RESPONSE = DNS.field("dns.flags.response", BOOLEAN, "Response")
            .describe("Is the message a response?")
            .hot((p, out) -> {
                DnsMessage dns = p.dissection().dns;
                if (dns.present()) {
                    Reads.bool(dns.isResponse(), out);
                }
            });
    public static final FieldDef DNS_QRY_NAME = DNS.field("dns.qry.name", STRING, "Name")
            .describe("Query Name")
            .hot((p, out) -> {
                DnsMessage dns = p.dissection().dns;
                if (dns.present()) {
                    for (int i = 0; i < dns.questionsDecoded(); i++) {
                        StringBuilder name = p.scratch();
                        dns.appendQuestionName(i, name);
                        out.addText(name);
                    }
                }
            });

    private static final List<FieldDef> NAME_SERVICES = List.of(
            new Declarations("mdns", Protocol.MDNS).protocol("Multicast Domain Name System"),
            new Declarations("llmnr", Protocol.LLMNR).protocol("Link-local Multicast Name Resolution"));

    private static final Declarations TLS = new Declarations("tls", Protocol.TLS);

    public static final FieldDef TLS_PROTO = TLS.protocol("Transport Layer Security");
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME = TLS.field("tls.handshake.extensions_server_name", STRING, "Server Name")
            .hot((p, out) -> {
                TlsClientHello tls = p.dissection().tls;
                if (tls.hasServerName()) {
                    Reads.bytes(p, tls.serverNameOffset(), tls.serverNameLength(), out);
                }
            });

    private static final Declarations HTTP = new Declarations("http", Protocol.HTTP, Protocol.SSDP);

    public static final FieldDef HTTP_PROTO = new Declarations("http", Protocol.HTTP).protocol("Hypertext Transfer Protocol");
    public static final FieldDef HTTP_REQUEST = HTTP.field("http.request", BOOLEAN, "Request")
            .describe("TRUE if HTTP request")
            .hot((p, out) -> {
                if (p.dissection().http.isRequest()) {
                    Reads.bool(true, out);
                }
            });
    public static final FieldDef HTTP_RESPONSE = HTTP.field("http.response", BOOLEAN, "Response")
            .describe("TRUE if HTTP response")
            .hot((p, out) -> {
                if (p.dissection().http.isResponse()) {
                    Reads.bool(true, out);
                }
            });
    public static final FieldDef HTTP_REQUEST_METHOD = HTTP.field("http.request.method", STRING, "Request Method")
            .describe("HTTP Request Method")
            .hot((p, out) -> {
                HttpStartLine http = p.dissection().http;
                if (http.isRequest()) {
                    Reads.bytes(p, http.offset(), http.methodLength(), out);
                }
            });
    public static final FieldDef HTTP_REQUEST_URI = HTTP.field("http.request.uri", STRING, "Request URI")
            .describe("HTTP Request-URI")
            .hot((p, out) -> {
                HttpStartLine http = p.dissection().http;
                if (http.isRequest()) {
                    Reads.bytes(p, http.uriOffset(), http.uriLength(), out);
                }
            });
    public static final FieldDef HTTP_RESPONSE_CODE = HTTP.field("http.response.code", UINT16, "Status Code")
            .describe("HTTP Response Status Code")
            .hot((p, out) -> {
                HttpStartLine http = p.dissection().http;
                if (http.isResponse()) {
                    out.addNumber(http.statusCode());
                }
            });

    private static final List<FieldDef> OTHER_PROTOCOLS = List.of(
            new Declarations("ssdp", Protocol.SSDP).protocol("Simple Service Discovery Protocol"),
            new Declarations("data", Protocol.DATA).protocol("Data"));

    private ApplicationFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(List.of(DNS_PROTO), DNS.all(), NAME_SERVICES, TLS.all(), List.of(HTTP_PROTO), HTTP.all(), OTHER_PROTOCOLS)
                .flatMap(List::stream).toList();
    }
}
