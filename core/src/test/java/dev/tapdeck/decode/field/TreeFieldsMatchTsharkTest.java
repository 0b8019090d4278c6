package dev.tapdeck.decode.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.Addresses;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.CorpusTest;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detail tree's fields as filters read them, against tshark's values for the same fields
 * in every corpus packet ({@code tshark-tree-fields.jsonl.gz}, made by
 * {@code make-tshark-tree-fields.sh}): the DNS records, TLS records and extensions, HTTP
 * headers, options and expert items the tree adds. Where tshark gives what the tree cannot,
 * {@link #UNMATCHED} says why, and a reason that no longer matches anything fails the run.
 */
class TreeFieldsMatchTsharkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A value tshark shows and the tree does not, or the other way round, with the reason:
     * in {@code file} (any when empty), of {@code field} (or of every field under it when it
     * ends with a dot), starting with {@code valueStart}.
     */
    private record Unmatched(String file, String field, String valueStart, String reason) {
        boolean matches(String file, String field, String value) {
            return (this.file.isEmpty() || this.file.equals(file))
                    && (this.field.endsWith(".") ? field.startsWith(this.field) : this.field.equals(field))
                    && value.startsWith(valueStart);
        }
    }

    private static final String STATE = "needs state from earlier packets, and the tree describes one packet";
    private static final List<Unmatched> UNMATCHED = List.of(
            new Unmatched("", "_ws.expert.message", "This frame initiates the connection closing", "tcp.connection.fin_active " + STATE),
            new Unmatched("", "_ws.expert.message", "This frame undergoes the connection closing", "tcp.connection.fin_passive " + STATE),
            new Unmatched("", "_ws.expert.message", "DNS query retransmission", "dns.retransmit_request " + STATE),
            new Unmatched("", "_ws.expert.message", "DNS response retransmission", "dns.retransmit_response " + STATE),
            new Unmatched("", "_ws.expert.message", "This session reuses previously negotiated keys", "tls.resumed " + STATE),
            new Unmatched("", "_ws.expert.message", "Possible traceroute", "udp.possible_traceroute " + STATE),
            new Unmatched("", "_ws.expert.message", "D-SACK Sequence", "tcp.options.sack.dsack: SACK blocks are not compared with the ACK"),
            new Unmatched("", "_ws.expert.message", "Illegal characters found in header name",
                    "http.bad_header_name: tshark reads a segment that continues an HTTP message as headers; Tapdeck does not"),
            new Unmatched("", "_ws.expert.message", "Trailing stray characters", "_ws.string: from the same continuation segments"),
            new Unmatched("", "_ws.expert.message", "Unreassembled fragment", "_ws.unreassembled: from the same continuation segments"),
            new Unmatched("", "_ws.expert.message", "Leading CRLF", "http.leading_crlf: a segment that starts with a line end is no HTTP to Tapdeck"),
            new Unmatched("", "_ws.expert.message", "HTTP body subdissector failed", "http.subdissector_failed: HTTP bodies are not decoded"),
            new Unmatched("", "_ws.expert.message", "Didn't find padding of zeros", "eth.padding_bad: Ethernet trailers are not decoded"),
            new Unmatched("", "_ws.expert.message", "Bad checksum", "icmp.checksum_bad: checksums are not verified"),
            new Unmatched("", "_ws.expert.message", "Unknown Data (not interpreted)", "ipv6.opt.unknown_data.expert: IPv6 options are not decoded"),
            new Unmatched("", "_ws.expert.message", "Ignored Unknown Record", "tls.ignored_unknown_record: TLS records continued from an earlier segment"),
            new Unmatched("", "_ws.expert.message", "Seconds elapsed appears to be encoded", "DHCP is not decoded"),
            new Unmatched("", "_ws.expert.message", "Unrecognised SIP header", "SIP is not decoded"),
            new Unmatched("", "_ws.expert.message", "Bogus request length", "X11 is not decoded"),
            new Unmatched("", "tls.record.content_type", "23",
                    "tshark knows a TLS 1.3 session from its handshake and shows its encrypted records' type as tls.record.opaque_type"),
            new Unmatched("pcpp-DnsPackets.pcap", "dns.resp.type", "", "the type bitmaps of NSEC records (RFC 4034 §4.1.2) are not decoded"),
            new Unmatched("pcpp-dns_over_tcp.pcapng", "dns.resp.type", "", "the type bitmaps of NSEC3 records (RFC 5155 §3.2) are not decoded"),
            new Unmatched("pcpp-many-protocols.pcap", "tls.", "",
                    "a segment the decoder takes for a TLS record where tshark takes it for one continued from an earlier segment"),
            new Unmatched("gopacket-test_ethernet.pcap", "http.", "",
                    "header lines continued from an earlier segment: tshark reads them as HTTP, the decoder as data"),
            new Unmatched("pcpp-many-protocols.pcap", "http.", "",
                    "header lines continued from an earlier segment: tshark reads them as HTTP, the decoder as data"));

    /** Fields that come one per expert item, in the order of the items' messages. */
    private static final Set<String> PER_EXPERT_ITEM = Set.of("_ws.expert.severity", "_ws.expert.group");

    @Test
    void treeFieldsHaveTsharksValues() throws IOException {
        Map<String, Map<Long, JsonNode>> expected = expected();
        Set<String> fields = new LinkedHashSet<>();
        expected.values().forEach(frames -> frames.values().forEach(node -> node.fieldNames().forEachRemaining(fields::add)));
        assertThat(fields).hasSizeGreaterThan(60);
        List<String> differences = new ArrayList<>();
        Set<Unmatched> used = new LinkedHashSet<>();
        int compared = 0;
        for (Map.Entry<String, Map<Long, JsonNode>> capture : expected.entrySet()) {
            try (CaptureReader reader = CaptureFiles.open(CorpusTest.corpus().resolve(capture.getKey()))) {
                PacketRecord record = new PacketRecord();
                PacketFields packet = new PacketFields();
                FieldValues values = new FieldValues();
                long number = 0;
                while (next(reader, record)) {
                    packet.wrap(++number, record, 0);
                    JsonNode want = capture.getValue().get(number);
                    for (String name : fields) {
                        FieldDef field = FieldRegistry.require(name);
                        packet.treeCollect(field, values);
                        List<String> ours = render(field, values);
                        List<String> theirs = tsharks(want, name, field);
                        if (PER_EXPERT_ITEM.contains(name)) {
                            theirs = withoutUnmatchedItems(capture.getKey(), want, theirs, used);
                        }
                        compared++;
                        List<String> missing = new ArrayList<>(theirs);
                        ours.forEach(missing::remove);
                        missing.removeIf(value -> explained(capture.getKey(), name, value, used));
                        List<String> extra = new ArrayList<>(ours);
                        theirs.forEach(extra::remove);
                        extra.removeIf(value -> explained(capture.getKey(), name, value, used));
                        if (!missing.isEmpty() || !extra.isEmpty()) {
                            differences.add(capture.getKey() + " #" + number + " " + name + ": tshark " + theirs + ", tree " + ours);
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(500_000);
        assertThat(differences).as("tree fields that differ from tshark").isEmpty();
        assertThat(UNMATCHED).as("reasons that no longer match anything").allSatisfy(rule -> assertThat(used).contains(rule));
    }

    /** {@code values} of an expert item's field without those of the items whose message is explained. */
    private static List<String> withoutUnmatchedItems(String file, JsonNode packet, List<String> values, Set<Unmatched> used) {
        JsonNode messages = packet == null ? null : packet.get("_ws.expert.message");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (messages == null || i >= messages.size() || !explained(file, "_ws.expert.message", messages.get(i).asText(), used)) {
                kept.add(values.get(i));
            }
        }
        return kept;
    }

    private static boolean explained(String file, String field, String value, Set<Unmatched> used) {
        for (Unmatched rule : UNMATCHED) {
            if (rule.matches(file, field, value)) {
                used.add(rule);
                return true;
            }
        }
        return false;
    }

    /** tshark's values of {@code name}, as the tree's are rendered; an expert's severity and group count only with its message. */
    private static List<String> tsharks(JsonNode packet, String name, FieldDef field) {
        List<String> values = new ArrayList<>();
        if (packet == null || !packet.has(name)) {
            return values;
        }
        packet.get(name).forEach(value -> values.add(normal(field, value.asText())));
        return values;
    }

    /** tshark's text in the tree's form: integers in decimal, byte strings with colons. */
    private static String normal(FieldDef field, String text) {
        if (field.type() == FieldType.NONE) {
            return "";
        }
        if (field.type().isInteger() || field.type() == FieldType.BOOLEAN) {
            return Long.toString(text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text));
        }
        return text;
    }

    /** The tree's values as tshark prints them. */
    private static List<String> render(FieldDef field, FieldValues values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.count(); i++) {
            out.add(switch (field.type()) {
                case NONE -> "";
                case IPV4 -> {
                    StringBuilder text = new StringBuilder();
                    Addresses.appendIpv4((int) values.number(i), text);
                    yield text.toString();
                }
                case IPV6 -> {
                    StringBuilder text = new StringBuilder();
                    Addresses.appendIpv6(values.array(i), values.offset(i), text);
                    yield text.toString();
                }
                case ETHER -> HexFormat.ofDelimiter(":").formatHex(values.array(i), values.offset(i), values.offset(i) + values.length(i));
                case STRING -> values.text(i);
                case BYTES -> HexFormat.ofDelimiter(":").formatHex(values.array(i), values.offset(i), values.offset(i) + values.length(i));
                default -> Long.toString(values.number(i));
            });
        }
        return out;
    }

    /** tshark's values, by capture and frame number. */
    private static Map<String, Map<Long, JsonNode>> expected() throws IOException {
        Map<String, Map<Long, JsonNode>> expected = new TreeMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                TreeFieldsMatchTsharkTest.class.getResourceAsStream("tshark-tree-fields.jsonl.gz")), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode packet = JSON.readTree(line);
                expected.computeIfAbsent(packet.get("file").asText(), file -> new LinkedHashMap<>())
                        .put(packet.get("frame").asLong(), packet.get("fields"));
            }
        }
        assertThat(expected).hasSizeGreaterThan(60);
        return expected;
    }

    private static boolean next(CaptureReader reader, PacketRecord record) throws IOException {
        try {
            return reader.next(record);
        } catch (CaptureFileException e) {
            return false;
        }
    }
}
