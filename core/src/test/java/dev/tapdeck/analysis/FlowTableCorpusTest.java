package dev.tapdeck.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.CorpusTest;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flows of real captures against flows built independently from tshark's decode of the same
 * packets ({@code *.expected.jsonl}): the same flows, each with the same initiator, packets
 * and bytes each way, and for TCP flows with a FIN or RST the state those flags imply.
 */
class FlowTableCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One flow as the tshark fields make it. */
    private static final class Expected {
        String initiator, responder;
        int vlan, protocol;
        long initiatorPackets, initiatorBytes, responderPackets, responderBytes;
        boolean initiatorFin, responderFin, reset, tcp;

        String describe() {
            String state = !tcp || !(initiatorFin || responderFin || reset) ? ""
                    : reset ? " RESET" : initiatorFin && responderFin ? " CLOSED" : " CLOSING";
            return vlan + " " + protocol + " " + initiator + " -> " + responder + " " + initiatorPackets + "/" + initiatorBytes
                    + " " + responderPackets + "/" + responderBytes + state;
        }
    }

    private static String end(JsonNode packet, String address, String port) {
        String host = packet.path("ip." + address).isTextual() ? packet.get("ip." + address).asText() : packet.get("ipv6." + address).asText();
        return packet.has("ipv6." + address) ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static List<String> expectedFlows(Path capture) throws IOException {
        Map<String, Expected> flows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(capture.resolveSibling(capture.getFileName() + ".expected.jsonl"))) {
            JsonNode p = JSON.readTree(line);
            if (!p.path("ip.src").isTextual() && !p.path("ipv6.src").isTextual()) {
                continue;
            }
            boolean tcp = p.has("tcp.srcport");
            String transport = tcp ? "tcp" : p.has("udp.srcport") ? "udp" : null;
            String sourcePort = transport == null ? "0" : p.get(transport + ".srcport").asText();
            String destinationPort = transport == null ? "0" : p.get(transport + ".dstport").asText();
            String source = end(p, "src", sourcePort), destination = end(p, "dst", destinationPort);
            int vlan = p.has("vlan.id") ? p.get("vlan.id").get(0).asInt() : 0;
            int protocol = tcp ? 6 : transport != null ? 17 : p.has("ip.proto") ? p.get("ip.proto").asInt() : p.get("ipv6.nxt").asInt();
            String key = vlan + " " + protocol + " " + (source.compareTo(destination) < 0 ? source + " " + destination : destination + " " + source);
            int flags = tcp ? p.get("tcp.flags").asInt() : 0;
            Expected flow = flows.computeIfAbsent(key, k -> {
                Expected e = new Expected();
                boolean synAckFirst = (flags & 0x12) == 0x12;
                e.initiator = synAckFirst ? destination : source;
                e.responder = synAckFirst ? source : destination;
                e.vlan = vlan;
                e.protocol = protocol;
                e.tcp = tcp;
                return e;
            });
            long length = p.get("frame.len").asLong();
            boolean fromInitiator = source.equals(flow.initiator);
            if (fromInitiator) {
                flow.initiatorPackets++;
                flow.initiatorBytes += length;
            } else {
                flow.responderPackets++;
                flow.responderBytes += length;
            }
            flow.reset |= (flags & 0x04) != 0;
            if ((flags & 0x01) != 0) {
                if (fromInitiator) {
                    flow.initiatorFin = true;
                } else {
                    flow.responderFin = true;
                }
            }
        }
        return flows.values().stream().map(Expected::describe).sorted().toList();
    }

    private static FlowTable flowsOf(Path capture) throws IOException {
        FlowTable table = new FlowTable(1 << 16, Duration.ZERO);
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                table.add(decoder.decode(packet), packet.epochSeconds() * 1_000_000_000L + packet.nanos());
            }
        }
        return table;
    }

    private static String describe(Flow flow) {
        String state = switch (flow.tcpState()) {
            case RESET, CLOSED, CLOSING -> " " + flow.tcpState();
            default -> "";
        };
        String initiator = flow.ipProtocol() == 6 || flow.ipProtocol() == 17 ? flow.initiatorEnd() : flow.initiatorEnd() + ":0";
        String responder = flow.ipProtocol() == 6 || flow.ipProtocol() == 17 ? flow.responderEnd() : flow.responderEnd() + ":0";
        return flow.vlan() + " " + flow.ipProtocol() + " " + initiator + " -> " + responder + " "
                + flow.initiatorPackets() + "/" + flow.initiatorBytes() + " " + flow.responderPackets() + "/" + flow.responderBytes() + state;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpkt-http.pcap", "pcpp-four_ipv6_http_streams.pcap", "pcpp-one_tcp_stream.pcap",
            "tcpreplay-test.pcap", "gopacket-test_dns.pcap", "pcpp-DnsPackets.pcap", "packetnet-802.1q_vlan_ipv4_tcp.pcap"})
    void flowsMatchTsharksFields(String name) throws IOException {
        Path capture = CorpusTest.corpus().resolve(name);
        List<String> expected = expectedFlows(capture);

        FlowTable table = flowsOf(capture);

        List<String> actual = new ArrayList<>(table.flows(Flow.Order.BYTES, Integer.MAX_VALUE).stream().map(FlowTableCorpusTest::describe).toList());
        actual.sort(null);
        assertThat(expected).isNotEmpty();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void theHttpCapturesConnectionIsEstablishedThenClosedWithFin() throws IOException {
        FlowTable table = flowsOf(CorpusTest.corpus().resolve("dpkt-http.pcap"));

        Flow http = table.flows(Flow.Order.BYTES, 1).getFirst();
        assertThat(http.initiatorEnd()).isEqualTo("145.254.160.237:3372");
        assertThat(http.responderEnd()).isEqualTo("65.208.228.223:80");
        assertThat(http.tcpState()).isEqualTo(Flow.TcpState.CLOSED);
        assertThat(table.flows(Flow.Order.BYTES, 10)).extracting(Flow::protocolName).contains("TCP", "UDP");
    }
}
