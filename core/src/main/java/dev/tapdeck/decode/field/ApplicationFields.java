package dev.tapdeck.decode.field;

import dev.tapdeck.decode.DnsMessage;
import dev.tapdeck.decode.HttpStartLine;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.TlsClientHello;

import java.util.List;
import java.util.stream.Stream;

import static dev.tapdeck.decode.field.FieldType.BOOLEAN;
import static dev.tapdeck.decode.field.FieldType.BYTES;
import static dev.tapdeck.decode.field.FieldType.FRAMENUM;
import static dev.tapdeck.decode.field.FieldType.INT32;
import static dev.tapdeck.decode.field.FieldType.IPV4;
import static dev.tapdeck.decode.field.FieldType.IPV6;
import static dev.tapdeck.decode.field.FieldType.NONE;
import static dev.tapdeck.decode.field.FieldType.RELATIVE_TIME;
import static dev.tapdeck.decode.field.FieldType.STRING;
import static dev.tapdeck.decode.field.FieldType.UINT16;
import static dev.tapdeck.decode.field.FieldType.UINT24;
import static dev.tapdeck.decode.field.FieldType.UINT32;
import static dev.tapdeck.decode.field.FieldType.UINT64;
import static dev.tapdeck.decode.field.FieldType.UINT8;

/** The application layer: DNS (and mDNS, LLMNR, which use DNS's fields), TLS, HTTP (and SSDP), data. */
public final class ApplicationFields {
    private static final Declarations DNS = new Declarations("dns", Protocol.DNS, Protocol.MDNS, Protocol.LLMNR);

    public static final FieldDef DNS_PROTO = new Declarations("dns", Protocol.DNS).protocol("Domain Name System");
    public static final FieldDef DNS_LENGTH = DNS.field("dns.length", UINT16, "Length")
            .describe("Length of DNS-over-TCP request or response");
    public static final FieldDef DNS_ID = DNS.field("dns.id", UINT16, "Transaction ID").hex()
            .describe("Identification of transaction")
            .hot((p, out) -> {
                DnsMessage dns = p.dissection().dns;
                if (dns.present()) {
                    Reads.number(p, dns.id(), dns.offset(), 2, out);
                }
            });
    public static final FieldDef DNS_FLAGS = DNS.field("dns.flags", UINT16, "Flags").hex();
    public static final FieldDef DNS_FLAGS_RESPONSE = DNS.field("dns.flags.response", BOOLEAN, "Response").bit(16, 0x8000)
            .describe("Is the message a response?")
            .trueFalse("Message is a response", "Message is a query")
            .hot((p, out) -> {
                DnsMessage dns = p.dissection().dns;
                if (dns.present()) {
                    Reads.bool(dns.isResponse(), out);
                }
            });
    public static final FieldDef DNS_FLAGS_OPCODE = DNS.field("dns.flags.opcode", UINT16, "Opcode").mask(0x7800)
            .describe("Operation code")
            .values(ValueNames.DNS_OPCODES);
    public static final FieldDef DNS_FLAGS_AUTHORITATIVE = DNS.field("dns.flags.authoritative", BOOLEAN, "Authoritative").bit(16, 0x400)
            .describe("Is the server is an authority for the domain?")
            .trueFalse("Server is an authority for domain", "Server is not an authority for domain");
    public static final FieldDef DNS_FLAGS_CONFLICT = DNS.field("dns.flags.conflict", BOOLEAN, "Conflict").bit(16, 0x400)
            .describe("Did we receive multiple responses to a query?")
            .trueFalse("The sender received multiple responses", "None");
    public static final FieldDef DNS_FLAGS_TRUNCATED = DNS.field("dns.flags.truncated", BOOLEAN, "Truncated").bit(16, 0x200)
            .describe("Is the message truncated?")
            .trueFalse("Message is truncated", "Message is not truncated");
    public static final FieldDef DNS_FLAGS_RECDESIRED = DNS.field("dns.flags.recdesired", BOOLEAN, "Recursion desired").bit(16, 0x100)
            .describe("Do query recursively?")
            .trueFalse("Do query recursively", "Don't do query recursively");
    public static final FieldDef DNS_FLAGS_TENTATIVE = DNS.field("dns.flags.tentative", BOOLEAN, "Tentative").bit(16, 0x100)
            .describe("Is the responder authoritative for the name, but not yet verified the uniqueness?")
            .trueFalse("Tentative", "Not tentative");
    public static final FieldDef DNS_FLAGS_RECAVAIL = DNS.field("dns.flags.recavail", BOOLEAN, "Recursion available").bit(16, 0x80)
            .describe("Can the server do recursive queries?")
            .trueFalse("Server can do recursive queries", "Server can't do recursive queries");
    public static final FieldDef DNS_FLAGS_Z = DNS.field("dns.flags.z", BOOLEAN, "Z").bit(16, 0x40)
            .describe("Z flag")
            .trueFalse("reserved - incorrect!", "reserved (0)");
    public static final FieldDef DNS_FLAGS_AUTHENTICATED = DNS.field("dns.flags.authenticated", BOOLEAN, "Answer authenticated").bit(16, 0x20)
            .describe("Was the reply data authenticated by the server?")
            .trueFalse("Answer/authority portion was authenticated by the server", "Answer/authority portion was not authenticated by the server");
    public static final FieldDef DNS_FLAGS_CHECKDISABLE = DNS.field("dns.flags.checkdisable", BOOLEAN, "Non-authenticated data").bit(16, 0x10)
            .describe("Is non-authenticated data acceptable?")
            .trueFalse("Acceptable", "Unacceptable");
    public static final FieldDef DNS_FLAGS_RCODE = DNS.field("dns.flags.rcode", UINT16, "Reply code").mask(0xf)
            .values(ValueNames.DNS_RCODES);
    public static final FieldDef DNS_COUNT_QUERIES = DNS.field("dns.count.queries", UINT16, "Questions")
            .describe("Number of queries in packet");
    public static final FieldDef DNS_COUNT_ANSWERS = DNS.field("dns.count.answers", UINT16, "Answer RRs")
            .describe("Number of answers in packet");
    public static final FieldDef DNS_COUNT_AUTH_RR = DNS.field("dns.count.auth_rr", UINT16, "Authority RRs")
            .describe("Number of authoritative records in packet");
    public static final FieldDef DNS_COUNT_ADD_RR = DNS.field("dns.count.add_rr", UINT16, "Additional RRs")
            .describe("Number of additional records in packet");
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
    public static final FieldDef DNS_QRY_NAME_LEN = DNS.field("dns.qry.name.len", UINT16, "Name Length")
            .describe("Query Name Len");
    public static final FieldDef DNS_COUNT_LABELS = DNS.field("dns.count.labels", UINT16, "Label Count")
            .describe("Query Label Count");
    public static final FieldDef DNS_QRY_TYPE = DNS.field("dns.qry.type", UINT16, "Type")
            .describe("Query Type")
            .values(ValueNames.DNS_TYPES);
    public static final FieldDef DNS_QRY_CLASS = DNS.field("dns.qry.class", UINT16, "Class").hex()
            .describe("Query Class")
            .values(ValueNames.DNS_CLASSES);
    public static final FieldDef DNS_QRY_QU = DNS.field("dns.qry.qu", BOOLEAN, "\"QU\" question").bit(16, 0x8000)
            .describe("QU flag");
    public static final FieldDef DNS_RESP_NAME = DNS.field("dns.resp.name", STRING, "Name")
            .describe("Response Name");
    public static final FieldDef DNS_RESP_TYPE = DNS.field("dns.resp.type", UINT16, "Type")
            .describe("Response Type")
            .values(ValueNames.DNS_TYPES);
    public static final FieldDef DNS_RESP_CLASS = DNS.field("dns.resp.class", UINT16, "Class").hex()
            .describe("Response Class")
            .values(ValueNames.DNS_CLASSES);
    public static final FieldDef DNS_RESP_CACHE_FLUSH = DNS.field("dns.resp.cache_flush", BOOLEAN, "Cache flush").bit(16, 0x8000)
            .describe("Cache flush flag");
    public static final FieldDef DNS_RESP_TTL = DNS.field("dns.resp.ttl", UINT32, "Time to live")
            .describe("Response TTL");
    public static final FieldDef DNS_RESP_LEN = DNS.field("dns.resp.len", UINT16, "Data length")
            .describe("Response Length");
    public static final FieldDef DNS_A = DNS.field("dns.a", IPV4, "Address")
            .describe("Response Address");
    public static final FieldDef DNS_AAAA = DNS.field("dns.aaaa", IPV6, "AAAA Address")
            .describe("AAAA Response Address");
    public static final FieldDef DNS_CNAME = DNS.field("dns.cname", STRING, "CNAME")
            .describe("Response Primary Name");
    public static final FieldDef DNS_NS = DNS.field("dns.ns", STRING, "Name Server");
    public static final FieldDef DNS_PTR_DOMAIN_NAME = DNS.field("dns.ptr.domain_name", STRING, "Domain Name");
    public static final FieldDef DNS_MX_PREFERENCE = DNS.field("dns.mx.preference", UINT16, "Preference");
    public static final FieldDef DNS_MX_MAIL_EXCHANGE = DNS.field("dns.mx.mail_exchange", STRING, "Mail Exchange");
    public static final FieldDef DNS_TXT_LENGTH = DNS.field("dns.txt.length", UINT8, "TXT Length");
    public static final FieldDef DNS_TXT = DNS.field("dns.txt", STRING, "TXT");
    public static final FieldDef DNS_SOA_MNAME = DNS.field("dns.soa.mname", STRING, "Primary name server");
    public static final FieldDef DNS_SOA_RNAME = DNS.field("dns.soa.rname", STRING, "Responsible authority's mailbox");
    public static final FieldDef DNS_SOA_SERIAL_NUMBER = DNS.field("dns.soa.serial_number", UINT32, "Serial Number");
    public static final FieldDef DNS_SOA_REFRESH_INTERVAL = DNS.field("dns.soa.refresh_interval", UINT32, "Refresh Interval");
    public static final FieldDef DNS_SOA_RETRY_INTERVAL = DNS.field("dns.soa.retry_interval", UINT32, "Retry Interval");
    public static final FieldDef DNS_SOA_EXPIRE_LIMIT = DNS.field("dns.soa.expire_limit", UINT32, "Expire limit");
    public static final FieldDef DNS_SOA_MINIMUM_TTL = DNS.field("dns.soa.minimum_ttl", UINT32, "Minimum TTL");
    /** An SRV record's owner name as Wireshark splits it (RFC 2782): _service._proto.name. */
    public static final FieldDef DNS_SRV_SERVICE = DNS.field("dns.srv.service", STRING, "Service")
            .describe("Desired service");
    public static final FieldDef DNS_SRV_PROTO = DNS.field("dns.srv.proto", STRING, "Protocol")
            .describe("Desired protocol");
    public static final FieldDef DNS_SRV_NAME = DNS.field("dns.srv.name", STRING, "Name")
            .describe("Domain this resource record refers to");
    public static final FieldDef DNS_SRV_PRIORITY = DNS.field("dns.srv.priority", UINT16, "Priority");
    public static final FieldDef DNS_SRV_WEIGHT = DNS.field("dns.srv.weight", UINT16, "Weight");
    public static final FieldDef DNS_SRV_PORT = DNS.field("dns.srv.port", UINT16, "Port");
    public static final FieldDef DNS_SRV_TARGET = DNS.field("dns.srv.target", STRING, "Target");
    public static final FieldDef DNS_RR_UDP_PAYLOAD_SIZE = DNS.field("dns.rr.udp_payload_size", UINT16, "UDP payload size").hex().mask(0x7fff);
    public static final FieldDef DNS_RESP_EXT_RCODE = DNS.field("dns.resp.ext_rcode", UINT8, "Higher bits in extended RCODE").hex();
    public static final FieldDef DNS_RESP_EDNS0_VERSION = DNS.field("dns.resp.edns0_version", UINT8, "EDNS0 version");
    public static final FieldDef DNS_RESP_Z = DNS.field("dns.resp.z", UINT16, "Z").hex();
    public static final FieldDef DNS_RESP_Z_DO = DNS.field("dns.resp.z.do", BOOLEAN, "DO bit").bit(16, 0x8000)
            .describe("DNSSEC OK")
            .trueFalse("Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs");
    public static final FieldDef DNS_RESP_Z_RESERVED = DNS.field("dns.resp.z.reserved", UINT16, "Reserved").hex().mask(0x7fff);
    public static final FieldDef DNS_DATA = DNS.field("dns.data", BYTES, "Data");

    /** mDNS and LLMNR: protocols of their own whose messages Wireshark shows with DNS's fields. */
    public static final FieldDef MDNS_PROTO = new Declarations("mdns", Protocol.MDNS).protocol("Multicast Domain Name System");
    public static final FieldDef LLMNR_PROTO = new Declarations("llmnr", Protocol.LLMNR).protocol("Link-local Multicast Name Resolution");

    private static final Declarations TLS = new Declarations("tls", Protocol.TLS);

    public static final FieldDef TLS_PROTO = TLS.protocol("Transport Layer Security");
    public static final FieldDef TLS_RECORD = TLS.field("tls.record", NONE, "Record Layer");
    public static final FieldDef TLS_RECORD_CONTENT_TYPE = TLS.field("tls.record.content_type", UINT8, "Content Type")
            .values(ValueNames.TLS_CONTENT_TYPES);
    /** What TLS 1.3 (RFC 8446 §5.2) shows as the type of an encrypted record, always 23. */
    public static final FieldDef TLS_RECORD_OPAQUE_TYPE = TLS.field("tls.record.opaque_type", UINT8, "Opaque Type")
            .describe("Always set to value 23, actual content type is known after decryption")
            .values(ValueNames.TLS_CONTENT_TYPES);
    public static final FieldDef TLS_RECORD_VERSION = TLS.field("tls.record.version", UINT16, "Version").hex()
            .describe("Record layer version")
            .values(ValueNames.TLS_VERSIONS);
    public static final FieldDef TLS_RECORD_LENGTH = TLS.field("tls.record.length", UINT16, "Length")
            .describe("Length of TLS record data");
    public static final FieldDef TLS_HANDSHAKE = TLS.field("tls.handshake", NONE, "Handshake Protocol")
            .describe("Handshake protocol message");
    public static final FieldDef TLS_HANDSHAKE_TYPE = TLS.field("tls.handshake.type", UINT8, "Handshake Message Type")
            .describe("SSLv2 handshake message type")
            .values(ValueNames.TLS_HANDSHAKE_TYPES);
    public static final FieldDef TLS_HANDSHAKE_LENGTH = TLS.field("tls.handshake.length", UINT24, "Length")
            .describe("Length of handshake message");
    public static final FieldDef TLS_HANDSHAKE_CERTIFICATES_LENGTH = TLS.field("tls.handshake.certificates_length", UINT24, "Certificates Length")
            .describe("Length of certificates field");
    public static final FieldDef TLS_HANDSHAKE_CERTIFICATES = TLS.field("tls.handshake.certificates", NONE, "Certificates")
            .describe("List of certificates");
    public static final FieldDef TLS_HANDSHAKE_CERTIFICATE_LENGTH = TLS.field("tls.handshake.certificate_length", UINT24, "Certificate Length")
            .describe("Length of certificate");
    public static final FieldDef TLS_HANDSHAKE_CERTIFICATE = TLS.field("tls.handshake.certificate", BYTES, "Certificate");
    public static final FieldDef TLS_HANDSHAKE_VERSION = TLS.field("tls.handshake.version", UINT16, "Version").hex()
            .describe("Maximum version supported by client")
            .values(ValueNames.TLS_VERSIONS);
    public static final FieldDef TLS_HANDSHAKE_EXTENSION_TYPE = TLS.field("tls.handshake.extension.type", UINT16, "Type")
            .describe("Hello extension type")
            .values(ValueNames.TLS_EXTENSION_TYPES);
    public static final FieldDef TLS_HANDSHAKE_EXTENSION_LEN = TLS.field("tls.handshake.extension.len", UINT16, "Length")
            .describe("Length of a hello extension");
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LIST_LEN = TLS.field("tls.handshake.extensions_server_name_list_len", UINT16, "Server Name list length")
            .describe("Length of server name list");
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_TYPE = TLS.field("tls.handshake.extensions_server_name_type", UINT8, "Server Name Type")
            .values(ValueNames.TLS_SERVER_NAME_TYPES);
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME_LEN = TLS.field("tls.handshake.extensions_server_name_len", UINT16, "Server Name length")
            .describe("Length of server name string");
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME = TLS.field("tls.handshake.extensions_server_name", STRING, "Server Name")
            .hot((p, out) -> {
                TlsClientHello tls = p.dissection().tls;
                if (tls.hasServerName()) {
                    Reads.bytes(p, tls.serverNameOffset(), tls.serverNameLength(), out);
                }
            });

    public static final FieldDef TLS_HANDSHAKE_CIPHERSUITE = TLS.field("tls.handshake.ciphersuite", UINT16, "Cipher Suite").hex();
    public static final FieldDef TLS_HANDSHAKE_EXTENSIONS_ALPN_STR = TLS.field("tls.handshake.extensions_alpn_str", STRING, "ALPN Next Protocol");
    public static final FieldDef TLS_HANDSHAKE_JA3_FULL = TLS.field("tls.handshake.ja3_full", STRING, "JA3 Fullstring");
    public static final FieldDef TLS_HANDSHAKE_JA3 = TLS.field("tls.handshake.ja3", STRING, "JA3");
    public static final FieldDef TLS_HANDSHAKE_JA3S_FULL = TLS.field("tls.handshake.ja3s_full", STRING, "JA3S Fullstring");
    public static final FieldDef TLS_HANDSHAKE_JA3S = TLS.field("tls.handshake.ja3s", STRING, "JA3S");
    /** Wireshark 4.2 and later declare it; tshark 4.0, the reference, has no JA4 (see tshark-fields-newer.tsv). */
    public static final FieldDef TLS_HANDSHAKE_JA4 = TLS.field("tls.handshake.ja4", STRING, "JA4");

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
    public static final FieldDef HTTP_REQUEST_VERSION = HTTP.field("http.request.version", STRING, "Request Version")
            .describe("HTTP Request HTTP-Version");
    public static final FieldDef HTTP_RESPONSE_VERSION = HTTP.field("http.response.version", STRING, "Response Version")
            .describe("HTTP Response HTTP-Version");
    public static final FieldDef HTTP_RESPONSE_CODE = HTTP.field("http.response.code", UINT16, "Status Code")
            .describe("HTTP Response Status Code")
            .hot((p, out) -> {
                HttpStartLine http = p.dissection().http;
                if (http.isResponse()) {
                    out.addNumber(http.statusCode());
                }
            });
    public static final FieldDef HTTP_RESPONSE_PHRASE = HTTP.field("http.response.phrase", STRING, "Response Phrase")
            .describe("HTTP Response Reason Phrase");
    public static final FieldDef HTTP_REQUEST_LINE = HTTP.field("http.request.line", STRING, "Request line");
    public static final FieldDef HTTP_RESPONSE_LINE = HTTP.field("http.response.line", STRING, "Response line");
    public static final FieldDef HTTP_HOST = HTTP.field("http.host", STRING, "Host")
            .describe("HTTP Host");
    public static final FieldDef HTTP_USER_AGENT = HTTP.field("http.user_agent", STRING, "User-Agent")
            .describe("HTTP User-Agent header");
    public static final FieldDef HTTP_ACCEPT = HTTP.field("http.accept", STRING, "Accept")
            .describe("HTTP Accept");
    public static final FieldDef HTTP_ACCEPT_LANGUAGE = HTTP.field("http.accept_language", STRING, "Accept-Language")
            .describe("HTTP Accept Language");
    public static final FieldDef HTTP_ACCEPT_ENCODING = HTTP.field("http.accept_encoding", STRING, "Accept Encoding")
            .describe("HTTP Accept Encoding");
    public static final FieldDef HTTP_CONNECTION = HTTP.field("http.connection", STRING, "Connection")
            .describe("HTTP Connection");
    public static final FieldDef HTTP_REFERER = HTTP.field("http.referer", STRING, "Referer")
            .describe("HTTP Referer");
    public static final FieldDef HTTP_COOKIE = HTTP.field("http.cookie", STRING, "Cookie")
            .describe("HTTP Cookie");
    public static final FieldDef HTTP_SET_COOKIE = HTTP.field("http.set_cookie", STRING, "Set-Cookie")
            .describe("HTTP Set Cookie");
    public static final FieldDef HTTP_SERVER = HTTP.field("http.server", STRING, "Server")
            .describe("HTTP Server");
    public static final FieldDef HTTP_DATE = HTTP.field("http.date", STRING, "Date")
            .describe("HTTP Date");
    public static final FieldDef HTTP_LOCATION = HTTP.field("http.location", STRING, "Location")
            .describe("HTTP Location");
    public static final FieldDef HTTP_CONTENT_TYPE = HTTP.field("http.content_type", STRING, "Content-Type")
            .describe("HTTP Content-Type header");
    public static final FieldDef HTTP_CONTENT_LENGTH_HEADER = HTTP.field("http.content_length_header", STRING, "Content-Length")
            .describe("HTTP Content-Length header");
    public static final FieldDef HTTP_CONTENT_LENGTH = HTTP.field("http.content_length", UINT64, "Content length");
    public static final FieldDef HTTP_CONTENT_ENCODING = HTTP.field("http.content_encoding", STRING, "Content-Encoding")
            .describe("HTTP Content-Encoding header");
    public static final FieldDef HTTP_TRANSFER_ENCODING = HTTP.field("http.transfer_encoding", STRING, "Transfer-Encoding")
            .describe("HTTP Transfer-Encoding header");
    public static final FieldDef HTTP_CACHE_CONTROL = HTTP.field("http.cache_control", STRING, "Cache-Control")
            .describe("HTTP Cache Control");
    public static final FieldDef HTTP_LAST_MODIFIED = HTTP.field("http.last_modified", STRING, "Last-Modified")
            .describe("HTTP Last Modified");
    public static final FieldDef HTTP_AUTHORIZATION = HTTP.field("http.authorization", STRING, "Authorization")
            .describe("HTTP Authorization header");
    public static final FieldDef HTTP_CHAT = HTTP.field("http.chat", NONE, "Formatted text");
    /*
     * What tshark adds to a message it has seen the whole conversation up to, with TCP
     * desegmentation on: how it pairs requests with responses, and when.
     */
    public static final FieldDef HTTP_RESPONSE_NUMBER = HTTP.field("http.response_number", UINT32, "Response number");
    public static final FieldDef HTTP_REQUEST_NUMBER = HTTP.field("http.request_number", UINT32, "Request number");
    public static final FieldDef HTTP_REQUEST_FULL_URI = HTTP.field("http.request.full_uri", STRING, "Full request URI")
            .describe("The full requested URI (including host name)");
    public static final FieldDef HTTP_RESPONSE_FOR_URI = HTTP.field("http.response_for.uri", STRING, "Request URI")
            .describe("HTTP Response For-URI");
    public static final FieldDef HTTP_REQUEST_IN = HTTP.field("http.request_in", FRAMENUM, "Request in frame")
            .describe("This packet is a response to the packet with this number");
    /* Known only once later frames have been seen: tshark and Tapdeck give them when reading a capture twice (-2). */
    public static final FieldDef HTTP_RESPONSE_IN = HTTP.field("http.response_in", FRAMENUM, "Response in frame")
            .describe("This packet will be responded in the packet with this number");
    public static final FieldDef HTTP_NEXT_REQUEST_IN = HTTP.field("http.next_request_in", FRAMENUM, "Next request in frame")
            .describe("The next HTTP request starts in packet number");
    public static final FieldDef HTTP_NEXT_RESPONSE_IN = HTTP.field("http.next_response_in", FRAMENUM, "Next response in frame")
            .describe("The next HTTP response starts in packet number");
    public static final FieldDef HTTP_PREV_REQUEST_IN = HTTP.field("http.prev_request_in", FRAMENUM, "Prev request in frame")
            .describe("The previous HTTP request starts in packet number");
    public static final FieldDef HTTP_PREV_RESPONSE_IN = HTTP.field("http.prev_response_in", FRAMENUM, "Prev response in frame")
            .describe("The previous HTTP response starts in packet number");
    public static final FieldDef HTTP_TIME = HTTP.field("http.time", RELATIVE_TIME, "Time since request")
            .describe("Time since the request was sent");

    private static final Declarations DATA = new Declarations("data", Protocol.DATA);

    public static final FieldDef DATA_PROTO = DATA.protocol("Data");
    public static final FieldDef DATA_DATA = DATA.field("data.data", BYTES, "Data");
    public static final FieldDef DATA_LEN = DATA.field("data.len", INT32, "Length");


    /** SSDP, HTTP over UDP: Wireshark shows its messages with HTTP's fields. */
    public static final FieldDef SSDP_PROTO = new Declarations("ssdp", Protocol.SSDP).protocol("Simple Service Discovery Protocol");

    private ApplicationFields() {
    }

    static List<FieldDef> all() {
        return Stream.of(List.of(DNS_PROTO), DNS.all(), List.of(MDNS_PROTO, LLMNR_PROTO), TLS.all(), List.of(HTTP_PROTO), HTTP.all(), List.of(SSDP_PROTO), DATA.all())
                .flatMap(List::stream).toList();
    }
}
