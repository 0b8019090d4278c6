package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Display filters through the API and the stream, against a real server with real HTTP and
 * WebSocket clients: the frames expected of each filter are tshark's (src/test/resources/filters).
 */
@Timeout(120)
class ServerFilterTest extends ServerTestBase {
    private static final Path HTTP_CAPTURE = Path.of("../../shared/corpus/dpkt-http.pcap");
    private static final int HTTP_PACKETS = 43;

    /** tshark's frames for each filter of dpkt-http.pcap, in the file's order. */
    static Map<String, List<Long>> tsharkFrames() throws IOException {
        return tsharkFrames("dpkt-http.pcap.tsv");
    }

    /** tshark's frames for each filter of an expectations file of src/test/resources/filters (see make-expected.sh there). */
    private static Map<String, List<Long>> tsharkFrames(String file) throws IOException {
        Map<String, List<Long>> frames = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/filters", file))) {
            String[] parts = line.split("\t", -1);
            frames.put(parts[0], parts[1].isEmpty() ? List.of() : Arrays.stream(parts[1].split(",")).map(Long::parseLong).toList());
        }
        return frames;
    }

    static String query(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private static List<Long> numbers(JsonNode packets) {
        return StreamSupport.stream(packets.spliterator(), false).map(p -> p.get("frame.number").asLong()).toList();
    }

    @Test
    void aBadFilterIsA400WithTsharksMessageAndWhereItIsTheSameOnEveryRoute() throws Exception {
        running = new RunningServer();
        String bad = "ip.src == 1.2.3.300";
        FilterException expected = compileError(bad);
        for (String route : List.of("/api/packets?filter=", "/api/flows?filter=", "/api/filter/check?filter=")) {
            HttpResponse<String> response = running.get(route + query(bad));
            assertThat(response.statusCode()).as(route).isEqualTo(400);
            JsonNode body = json(response);
            assertThat(body.get("error").asText()).isEqualTo(expected.getMessage());
            assertThat(body.get("filter").asText()).isEqualTo(bad);
            // tshark: "1.2.3.300" is not a valid hostname or IPv4 address, the caret under it.
            assertThat(body.get("position").asInt()).isEqualTo(10);
            assertThat(body.get("length").asInt()).isEqualTo(9);
            assertThat(body.get("detail").asText()).isEqualTo(expected.formatted())
                    .endsWith("\n    " + bad + "\n              ^~~~~~~~~");
        }
        JsonNode unknownField = json(running.get("/api/packets?filter=" + query("tcp.prot == 1")));
        assertThat(unknownField.get("error").asText()).isEqualTo(compileError("tcp.prot == 1").getMessage()).contains("tcp.prot");
        assertThat(unknownField.get("position").asInt()).isZero();
        assertThat(unknownField.get("length").asInt()).isEqualTo(8);

        JsonNode good = json(running.get("/api/filter/check?filter=" + query("tcp.port == 80 && ip.src == 10.0.0.1")));
        assertThat(good.get("filter").asText()).isEqualTo("tcp.port == 80 && ip.src == 10.0.0.1");
        assertThat(good.get("fields")).extracting(JsonNode::asText).containsExactly("tcp.port", "ip.src");
        JsonNode empty = json(running.get("/api/filter/check?filter="));
        assertThat(empty.get("fields")).isEmpty();
    }

    private static FilterException compileError(String filter) {
        try {
            DisplayFilter.compile(filter);
        } catch (FilterException e) {
            return e;
        }
        throw new AssertionError(filter + " compiled");
    }

    @Test
    void theFilteredHistoryHoldsExactlyTheFramesTsharkSelectsForwardAndBack() throws Exception {
        running = new RunningServer();
        running.replayWhole(HTTP_CAPTURE);
        for (Map.Entry<String, List<Long>> expected : tsharkFrames().entrySet()) {
            String filter = expected.getKey();
            JsonNode whole = json(running.get("/api/packets?filter=" + query(filter)));
            assertThat(numbers(whole.get("packets"))).as(filter).isEqualTo(expected.getValue());
            assertThat(whole.get("filter").asText()).isEqualTo(filter);
            assertThat(whole.get("from").asLong()).isEqualTo(1);
            assertThat(whole.get("to").asLong()).isEqualTo(HTTP_PACKETS);

            // Pages of three, forward from each page's end and back from each page's start.
            List<Long> forward = new ArrayList<>();
            for (long after = 0; ; ) {
                JsonNode page = json(running.get("/api/packets?limit=3&after=" + after + "&filter=" + query(filter)));
                forward.addAll(numbers(page.get("packets")));
                after = page.get("to").asLong();
                if (after >= HTTP_PACKETS) {
                    break;
                }
                assertThat(page.get("packets")).hasSize(3);
                assertThat(page.get("packets").get(2).get("frame.number").asLong()).isEqualTo(after);
            }
            assertThat(forward).as(filter).isEqualTo(expected.getValue());
            List<Long> backward = new ArrayList<>();
            for (long before = Long.MAX_VALUE; before > 1; ) {
                JsonNode page = json(running.get("/api/packets?limit=3&before=" + before + "&filter=" + query(filter)));
                backward.addAll(0, numbers(page.get("packets")));
                before = page.get("from").asLong();
            }
            assertThat(backward).as(filter).isEqualTo(expected.getValue());
        }
        // A filtered summary is the summary the unfiltered history gives.
        JsonNode all = json(running.get("/api/packets"));
        JsonNode requests = json(running.get("/api/packets?filter=" + query("http.request")));
        assertThat(requests.get("packets").get(1)).isEqualTo(all.get("packets").get(17));
        assertThat(json(running.get("/api/packets?after=1&before=5")).get("error").asText()).isEqualTo("bad page");
    }

    @Test
    void filtersSeeTheTcpAnalysisOfStoredAndStreamedPacketsAndSummariesAndTreesShowIt() throws Exception {
        running = new RunningServer();
        RunningServer.Client flagged = running.connect();
        awaitUntil("the client is greeted", Duration.ofSeconds(10), () -> !flagged.ofType("status").isEmpty());
        flagged.filter("tcp.analysis.flags");
        awaitUntil("the filter is acknowledged", Duration.ofSeconds(10), () -> !flagged.ofType("filter").isEmpty());
        running.replayWhole(HTTP_CAPTURE);

        Map<String, List<Long>> tshark = tsharkFrames("dpkt-http.pcap.analysis.tsv");
        for (Map.Entry<String, List<Long>> expected : tshark.entrySet()) {
            JsonNode page = json(running.get("/api/packets?filter=" + query(expected.getKey())));
            assertThat(numbers(page.get("packets"))).as(expected.getKey()).isEqualTo(expected.getValue());
        }
        List<Long> flags = tshark.get("tcp.analysis.flags");
        awaitUntil("the flagged segments streamed", Duration.ofSeconds(20), () -> flagged.packetCount() == flags.size());
        assertThat(numbers(array(flagged.packets()))).isEqualTo(flags);

        // tshark -r dpkt-http.pcap -Y tcp.analysis.flags: the info column's marks, in the stream and the history alike.
        assertThat(flagged.packets()).extracting(p -> p.get("info").asText())
                .containsExactly("[TCP Spurious Retransmission] HTTP/1.1 200 OK", "[TCP Dup ACK 28#1] 3371 → 80 [ACK] Seq=918692089 Ack=778787258 Win=8760 Len=0");
        JsonNode detail = json(running.get("/api/packets/37"));
        assertThat(detail.get("summary")).isEqualTo(flagged.packets().get(1));
        assertThat(detail.toString()).contains("[SEQ/ACK analysis]", "This is a TCP duplicate ack", "tcp.analysis.duplicate_ack_num");
        assertThat(json(running.get("/api/packets/36")).get("summary").get("info").asText()).startsWith("[TCP Spurious Retransmission] ");
    }

    @Test
    void flowsAreFilteredOnTheirOwnFieldsFromTheInitiator() throws Exception {
        running = new RunningServer();
        running.replay(RunningServer.sample(folder, 3_000), 0, false);
        awaitUntil("the replay ends", Duration.ofSeconds(30), () -> !running.server.sources().replayStatus().running());
        List<JsonNode> flows = flows("");
        assertThat(flows).hasSizeGreaterThan(20);
        JsonNode tcp = flows.stream().filter(f -> f.get("protocol").asText().equals("TCP") && !f.get("initiator").asText().contains(":"))
                .findFirst().orElseThrow();
        JsonNode ipv6 = flows.stream().filter(f -> f.get("initiator").asText().contains(":")).findFirst().orElseThrow();
        String initiator = tcp.get("initiator").asText();
        String responder = tcp.get("responder").asText();
        int port = tcp.get("responderPort").asInt();

        assertFlows(flows, "tcp", f -> f.get("protocol").asText().equals("TCP"));
        assertFlows(flows, "udp && !tcp", f -> f.get("protocol").asText().equals("UDP"));
        assertFlows(flows, "icmp || icmpv6", f -> f.get("protocol").asText().startsWith("ICMP"));
        assertFlows(flows, "ip.src == " + initiator, f -> f.get("initiator").asText().equals(initiator));
        assertFlows(flows, "ip.dst == " + initiator, f -> f.get("responder").asText().equals(initiator));
        assertFlows(flows, "ip.addr == " + initiator + " && ip.addr == " + responder,
                f -> List.of(f.get("initiator").asText(), f.get("responder").asText()).containsAll(List.of(initiator, responder)));
        assertFlows(flows, "tcp.dstport == " + port, f -> f.get("protocol").asText().equals("TCP") && f.get("responderPort").asInt() == port);
        assertFlows(flows, "tcp.port == " + port + " || udp.port == 53",
                f -> f.get("protocol").asText().equals("TCP") && (f.get("responderPort").asInt() == port || f.get("initiatorPort").asInt() == port)
                        || f.get("protocol").asText().equals("UDP") && (f.get("responderPort").asInt() == 53 || f.get("initiatorPort").asInt() == 53));
        assertFlows(flows, "ipv6.src == " + ipv6.get("initiator").asText(), f -> f.get("initiator").asText().equals(ipv6.get("initiator").asText()));
        assertFlows(flows, "ipv6", f -> f.get("initiator").asText().contains(":"));
        assertFlows(flows, "vlan.id > 0", f -> f.get("vlan").asInt() > 0);
        assertFlows(flows, "ip.proto == 17", f -> f.get("protocol").asText().equals("UDP") && !f.get("initiator").asText().contains(":"));
        // Fields a flow does not have are absent from every flow.
        assertFlows(flows, "http || tcp.flags.syn == 1", f -> false);
        assertFlows(flows, "!dns", f -> true);

        JsonNode page = json(running.get("/api/flows?limit=2&offset=1&filter=tcp"));
        assertThat(page.get("matched").asInt()).isEqualTo(flows("tcp").size());
        assertThat(page.get("flows")).extracting(f -> f.get("id").asLong())
                .containsExactly(flows("tcp").get(1).get("id").asLong(), flows("tcp").get(2).get("id").asLong());
    }

    private List<JsonNode> flows(String filter) throws Exception {
        JsonNode page = json(running.get("/api/flows?limit=10000&filter=" + query(filter)));
        assertThat(page.has("flows")).as(page.toString()).isTrue();
        List<JsonNode> flows = new ArrayList<>();
        page.get("flows").forEach(flows::add);
        return flows;
    }

    private void assertFlows(List<JsonNode> all, String filter, Predicate<JsonNode> expected) throws Exception {
        List<Long> ids = flows(filter).stream().map(f -> f.get("id").asLong()).toList();
        assertThat(ids).as(filter).isEqualTo(all.stream().filter(expected).map(f -> f.get("id").asLong()).toList());
    }

    @Test
    void theFieldsListingIsTheRegistryWithTypesLabelsAndValueNames() throws Exception {
        running = new RunningServer();
        JsonNode all = json(running.get("/api/fields"));
        assertThat(all).hasSize(FieldRegistry.all().size());
        JsonNode srcport = field(all, "tcp.srcport");
        assertThat(srcport.get("type").asText()).isEqualTo("FT_UINT16");
        assertThat(srcport.get("label").asText()).isEqualTo("Source Port");
        assertThat(srcport.get("protocol").asText()).isEqualTo("tcp");
        assertThat(field(all, "ip.proto").get("values").get("6").asText()).isEqualTo("TCP");
        assertThat(field(all, "ip").get("type").asText()).isEqualTo("FT_PROTOCOL");

        JsonNode flags = json(running.get("/api/fields?prefix=tcp.flags."));
        assertThat(flags).hasSize(FieldRegistry.withPrefix("tcp.flags.").size()).isNotEmpty();
        assertThat(flags).allSatisfy(f -> assertThat(f.get("name").asText()).startsWith("tcp.flags."));
        assertThat(json(running.get("/api/fields?prefix=nothing.like.this"))).isEmpty();
    }

    private static JsonNode field(JsonNode fields, String name) {
        return StreamSupport.stream(fields.spliterator(), false).filter(f -> f.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name));
    }

    @Test
    void aStreamClientSetsRefusesAndClearsItsOwnFilterWhileAnotherGetsEverything() throws Exception {
        running = new RunningServer();
        RunningServer.Client filtered = running.connect();
        RunningServer.Client everything = running.connect();
        awaitUntil("both are greeted", Duration.ofSeconds(10), () -> !filtered.ofType("status").isEmpty() && !everything.ofType("status").isEmpty());
        Map<String, List<Long>> tshark = tsharkFrames();

        filtered.filter("tcp.port == 80 && tcp.len > 0");
        awaitUntil("the filter is acknowledged", Duration.ofSeconds(10), () -> !filtered.ofType("filter").isEmpty());
        assertThat(filtered.ofType("filter").getFirst().get("filter").asText()).isEqualTo("tcp.port == 80 && tcp.len > 0");
        assertThat(filtered.ofType("filter").getFirst().get("from").asLong()).as("no packet yet").isEqualTo(1);

        running.replayWhole(HTTP_CAPTURE);
        List<Long> expected = numbers(json(running.get("/api/packets?filter=" + query("tcp.port == 80 && tcp.len > 0"))).get("packets"));
        assertThat(expected).hasSizeBetween(10, HTTP_PACKETS - 10);
        awaitUntil("everything streamed", Duration.ofSeconds(20),
                () -> everything.packetCount() == HTTP_PACKETS && filtered.packetCount() == expected.size());
        assertThat(numbers(array(filtered.packets()))).isEqualTo(expected);
        assertThat(numbers(array(everything.packets()))).hasSize(HTTP_PACKETS);
        assertThat(filtered.packets().getFirst()).isEqualTo(everything.packets().get((int) (expected.getFirst() - 1)));
        for (JsonNode batch : filtered.ofType("packets")) {
            assertThat(batch.get("count").asInt()).isEqualTo(batch.get("packets").size());
        }
        awaitUntil("the status counts what the filter did", Duration.ofSeconds(10), () -> {
            JsonNode stream = filtered.ofType("status").getLast().get("stream");
            return stream.get("matched").asLong() == expected.size();
        });
        JsonNode counts = filtered.ofType("status").getLast().get("stream");
        assertThat(counts.get("filter").asText()).isEqualTo("tcp.port == 80 && tcp.len > 0");
        assertThat(counts.get("filtered").asLong()).isEqualTo(HTTP_PACKETS - expected.size());
        assertThat(counts.get("dropped").asLong()).isZero();
        assertThat(counts.get("through").asLong()).isEqualTo(HTTP_PACKETS);
        JsonNode unfiltered = everything.ofType("status").getLast().get("stream");
        assertThat(unfiltered.get("filter").asText()).isEmpty();
        assertThat(unfiltered.get("matched").asLong()).isEqualTo(HTTP_PACKETS);
        assertThat(unfiltered.get("filtered").asLong()).isZero();

        // A bad filter is refused as the API refuses it, and the one before stays.
        String bad = "ip.src == 1.2.3.300";
        filtered.filter(bad);
        awaitUntil("the filter is refused", Duration.ofSeconds(10), () -> !filtered.ofType("filter-error").isEmpty());
        ObjectNode refusal = (ObjectNode) filtered.ofType("filter-error").getFirst();
        refusal.remove("type");
        assertThat(refusal).isEqualTo(json(running.get("/api/packets?filter=" + query(bad))));
        filtered.socket.send("{\"type\":\"subscribe\"}");
        awaitUntil("an unknown message is answered", Duration.ofSeconds(10), () -> !filtered.ofType("error").isEmpty());
        assertThat(filtered.ofType("error").getFirst().get("error").asText()).isEqualTo("unknown message");
        int statuses = filtered.ofType("status").size();
        awaitUntil("a status after the refusal", Duration.ofSeconds(10), () -> filtered.ofType("status").size() > statuses);
        assertThat(filtered.ofType("status").getLast().get("stream").get("filter").asText()).isEqualTo("tcp.port == 80 && tcp.len > 0");

        // Another filter from tshark's list, over a second replay: numbering starts again.
        String http = "ip.src == 65.208.228.223 && tcp.len > 0";
        filtered.filter(http);
        awaitUntil("the second filter is acknowledged", Duration.ofSeconds(10), () -> filtered.ofType("filter").size() == 2);
        assertThat(filtered.ofType("filter").get(1).get("from").asLong()).as("after the first replay").isEqualTo(HTTP_PACKETS + 1);
        long before = filtered.packetCount();
        running.replayWhole(HTTP_CAPTURE);
        awaitUntil("the second replay streamed", Duration.ofSeconds(20),
                () -> everything.packetCount() == 2L * HTTP_PACKETS && filtered.packetCount() == before + tshark.get(http).size());
        List<Long> second = numbers(array(filtered.packets()));
        assertThat(second.subList((int) before, second.size())).isEqualTo(tshark.get(http));

        // Cleared, the client gets everything again.
        filtered.filter("");
        awaitUntil("the clearing is acknowledged", Duration.ofSeconds(10), () -> filtered.ofType("filter").size() == 3);
        assertThat(filtered.ofType("filter").getLast().get("filter").asText()).isEmpty();
        long cleared = filtered.packetCount();
        running.replayWhole(HTTP_CAPTURE);
        awaitUntil("the third replay streamed whole", Duration.ofSeconds(20), () -> filtered.packetCount() == cleared + HTTP_PACKETS);
        assertThat(filtered.ofType("dropped")).isEmpty();
        assertThat(everything.ofType("dropped")).isEmpty();
    }

    private static JsonNode array(List<JsonNode> nodes) {
        return RunningServer.JSON.valueToTree(nodes);
    }
}
