package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.tapdeck.serve.RunningServer.awaitUntil;
import static dev.tapdeck.serve.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real programs on loopback, captured live by the server (as root, as CI runs): a Python HTTP
 * server that answers after 300 ms (so each client's socket outlives its lookup, see the
 * README's "Process attribution"), three curl requests and one from a Python client. Every
 * flow shows the program that opened it, {@code GET /api/processes} counts them,
 * {@code proc.*} filters pick their packets from the history and the stream, and the
 * history's download names each packet's program in its comment.
 */
@Timeout(120)
class ServerProcessesTest extends ServerTestBase {
    /** Answers each request after 0.3 s, so every client holds its socket that long (also CaptureProcessTest's). */
    private static final Path SLOW_HTTP_SERVER = Path.of("src/test/resources/process/slow_http_server.py");
    private static final String PYTHON_CLIENT = "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10).read()";

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopPrograms() {
        started.forEach(Process::destroyForcibly);
    }

    private Process start(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    private void run(String... command) throws Exception {
        Process process = start(command);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void liveFlowsAndPacketsShowTheProgramsThatOpenedThem() throws Exception {
        running = new RunningServer();
        Process server = start("python3", SLOW_HTTP_SERVER.toString(), "0.3");
        int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine().strip());
        String url = "http://127.0.0.1:" + port + "/";
        ok(running.post("/api/capture/settings", "{\"interface\":\"lo\",\"filter\":\"tcp port " + port + "\"}"));
        RunningServer.Client client = running.connect();
        client.filter("proc.name == \"curl\"");
        ok(running.post("/api/capture/start", null));
        Thread.sleep(300); // the capture's handle is open and the sockets' first table taken

        for (int i = 0; i < 3; i++) {
            run("curl", "-s", "-o", "/dev/null", url);
        }
        run("python3", "-c", PYTHON_CLIENT, url);

        awaitUntil("4 flows with their programs", Duration.ofSeconds(30), () -> flowsWithPrograms() >= 4);
        ok(running.post("/api/capture/stop", null));

        JsonNode flows = json(running.get("/api/flows?limit=100")).get("flows");
        assertThat(flows).hasSize(4);
        List<String> owners = new ArrayList<>();
        for (JsonNode flow : flows) {
            assertThat(flow.get("responderPort").asInt()).isEqualTo(port);
            owners.add(flow.get("process").get("name").asText());
            assertThat(flow.get("process").get("pid").asInt()).isPositive();
            assertThat(flow.get("process").get("cmdline").asText()).isNotEmpty();
        }
        assertThat(owners).filteredOn("curl"::equals).hasSize(3);
        assertThat(owners).filteredOn(name -> name.startsWith("python")).hasSize(1);

        JsonNode processes = json(running.get("/api/processes"));
        assertThat(processes.get("attributedFlows").asLong()).isEqualTo(4);
        Set<String> curlPids = new HashSet<>();
        long curlBytes = 0;
        for (JsonNode flow : flows) {
            if (flow.get("process").get("name").asText().equals("curl")) {
                curlPids.add(flow.get("process").get("pid").asText());
                curlBytes += flow.get("bytes").asLong();
            }
        }
        assertThat(curlPids).as("three curl runs, three processes").hasSize(3);
        long listedCurlBytes = 0;
        for (JsonNode program : processes.get("processes")) {
            assertThat(program.get("flows").asInt()).isEqualTo(1);
            if (program.get("process").get("name").asText().equals("curl")) {
                listedCurlBytes += program.get("bytes").asLong();
            }
        }
        assertThat(processes.get("processes")).hasSize(4);
        assertThat(listedCurlBytes).isEqualTo(curlBytes);

        String filter = URLEncoder.encode("proc.name == \"curl\"", StandardCharsets.UTF_8);
        JsonNode curlPackets = json(running.get("/api/packets?limit=1000&filter=" + filter)).get("packets");
        assertThat(curlPackets).isNotEmpty();
        assertThat(curlPackets).allSatisfy(packet -> assertThat(packet.get("process").get("name").asText()).isEqualTo("curl"));
        JsonNode all = json(running.get("/api/packets?limit=1000")).get("packets");
        assertThat(all).filteredOn(packet -> packet.has("process")).hasSizeGreaterThan(curlPackets.size())
                .allSatisfy(packet -> assertThat(packet.get("process").get("name").asText()).matches("curl|python.*"));
        assertThat(client.packets()).as("the stream's filter over proc.name").isNotEmpty()
                .allSatisfy(packet -> assertThat(packet.get("process").get("name").asText()).isEqualTo("curl"));

        long number = curlPackets.get(0).get("frame.number").asLong();
        JsonNode layers = json(running.get("/api/packets/" + number)).get("layers");
        assertThat(layers.get(0).get("label").asText()).matches("Process: curl \\(pid \\d+\\)");

        // The download keeps each packet's program as its comment, as a recording does.
        List<String> expected = new ArrayList<>();
        for (JsonNode packet : all) {
            JsonNode process = packet.get("process");
            expected.add(process == null ? "" : process.get("name").asText() + " (pid " + process.get("pid").asInt() + ")");
        }
        List<String> comments = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(running.getBytes("/api/capture.pcapng").body()))) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                comments.add(packet.comment() == null ? "" : packet.comment());
            }
        }
        assertThat(comments).isEqualTo(expected);
    }

    private long flowsWithPrograms() {
        try {
            long count = 0;
            for (JsonNode flow : json(running.get("/api/flows?limit=100")).get("flows")) {
                count += flow.has("process") ? 1 : 0;
            }
            return count;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
