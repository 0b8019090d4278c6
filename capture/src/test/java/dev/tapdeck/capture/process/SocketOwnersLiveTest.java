package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.LiveCapture;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real programs on loopback, captured with libpcap (the tests run as root, as CI does), each
 * flow looked up on its first packet on the capture's consumer thread, as the flow table will.
 */
@Timeout(180)
class SocketOwnersLiveTest {
    private static final String PYTHON = "python3";
    /**
     * How long each client keeps its socket after its first packet. Attribution is certain for
     * a socket that outlives the lag from packet to lookup (milliseconds, tens on a loaded
     * machine) or one background table; a client gone sooner is attributed only when the
     * lookup wins the race, and is counted as unattributed otherwise.
     */
    private static final Duration RESPONSE_DELAY = Duration.ofMillis(300);

    private final List<Process> started = new ArrayList<>();
    private final FirstPackets firstPackets = new FirstPackets();
    private SocketOwners owners;
    private LiveCapture capture;

    @AfterEach
    void stopEverything() {
        if (capture != null) {
            capture.close();
        }
        if (owners != null) {
            owners.close();
        }
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void everyCurlConnectionIsCurlsAndTheUdpNoiseIsItsSenders() throws Exception {
        int httpPort = freePort();
        int noisePort = freePort();
        // Python's HTTP server, answering each request after RESPONSE_DELAY: a client whose
        // connection lives that long is attributed even on a busy machine (see the README).
        Process server = start(PYTHON, "-c", """
                import http.server, time
                class Slow(http.server.SimpleHTTPRequestHandler):
                    def do_GET(self):
                        time.sleep(%s)
                        super().do_GET()
                    def log_message(self, *arguments):
                        pass
                http.server.ThreadingHTTPServer(('127.0.0.1', %d), Slow).serve_forever()
                """.formatted(RESPONSE_DELAY.toMillis() / 1000.0, httpPort));
        awaitUntil(() -> accepts(httpPort), "the HTTP server to listen");
        // Unrelated datagrams every 2 ms, from one socket to another of the same program.
        Process noise = start(PYTHON, "-c", """
                import socket, time
                receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); receiver.bind(('127.0.0.1', %d))
                sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                end = time.time() + 120
                while time.time() < end:
                    sender.sendto(b'noise', ('127.0.0.1', %d)); time.sleep(0.002)
                """.formatted(noisePort, noisePort));
        startAttribution("tcp port " + httpPort + " or udp port " + noisePort);

        int clients = 20;
        Map<Long, String> curls = new ConcurrentHashMap<>();
        for (int i = 0; i < clients; i++) {
            String url = "http://127.0.0.1:" + httpPort + "/?client=" + i;
            Process curl = start("curl", "-s", "-o", "/dev/null", url);
            curls.put(curl.pid(), "curl -s -o /dev/null " + url);
            assertThat(curl.waitFor()).as("curl's exit status").isZero();
        }
        awaitUntil(() -> firstPackets.flows(6).size() >= clients && !firstPackets.flows(17).isEmpty(), "every flow's first packet");
        capture.stop();

        List<Flow> connections = firstPackets.flows(6);
        assertThat(connections).hasSize(clients).allSatisfy(flow -> {
            assertThat(flow.responderPort).isEqualTo(httpPort);
            ProcessInfo owner = flow.owner.orElseThrow(() -> new AssertionError("no owner for " + flow));
            assertThat(owner.name()).isEqualTo("curl");
            assertThat(owner.commandLine()).isEqualTo(curls.get((long) owner.pid()));
        });
        assertThat(connections).extracting(flow -> (long) flow.owner.orElseThrow().pid())
                .containsExactlyInAnyOrderElementsOf(curls.keySet());
        assertThat(firstPackets.flows(17)).isNotEmpty().allSatisfy(flow ->
                assertThat(flow.owner.orElseThrow().pid()).as("the noise's owner").isEqualTo(noise.pid()));
        assertThat(owners.counters().unattributed()).isZero();
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void aUdpClientKeepsItsOwnerAfterItExitsAndAReusedPidNamesTheNewProgram() throws Exception {
        int serverPort = freePort();
        start(PYTHON, "-c", """
                import socket
                server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); server.bind(('127.0.0.1', %d))
                while True:
                    data, peer = server.recvfrom(100); server.sendto(data, peer)
                """.formatted(serverPort));
        startAttribution("udp port " + serverPort);
        String client = """
                import socket, sys, time
                sys.stdin.readline()
                client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); client.settimeout(5)
                for _ in range(3):
                    client.sendto(b'ping', ('127.0.0.1', %d)); client.recvfrom(100)
                time.sleep(%s)
                """.formatted(serverPort, RESPONSE_DELAY.toMillis() / 1000.0);

        Process first = start(PYTHON, "-c", client, "first");
        go(first);
        awaitUntil(() -> firstPackets.flows(17).size() == 1, "the first client's flow");
        Flow firstFlow = firstPackets.flows(17).getFirst();
        assertThat(firstFlow.owner).map(ProcessInfo::pid).contains((int) first.pid());
        assertThat(firstFlow.owner.orElseThrow().commandLine()).endsWith(" first");

        // The client has exited: a later look at its flow finds it among the sockets that left the table.
        long tablesBefore = owners.counters().refreshes();
        awaitUntil(() -> owners.counters().refreshes() >= tablesBefore + 2, "two tables after the exit");
        assertThat(owners.ownerOf(17, firstFlow.initiator, firstFlow.initiatorPort, firstFlow.responder, firstFlow.responderPort))
                .isEqualTo(firstFlow.owner);
        assertThat(owners.counters().attributedFromLookBack()).isEqualTo(1);

        Process second = startWithPid(first.pid(), PYTHON, "-c", client, "second");
        go(second);
        awaitUntil(() -> firstPackets.flows(17).size() == 2, "the second client's flow");
        Flow secondFlow = firstPackets.flows(17).get(1);
        assertThat(secondFlow.owner).map(ProcessInfo::pid).contains((int) first.pid());
        assertThat(secondFlow.owner.orElseThrow().commandLine()).endsWith(" second");
        capture.stop();
    }

    private void startAttribution(String filter) throws Exception {
        owners = SocketOwners.forThisMachine(SocketOwners.Settings.defaults());
        owners.start();
        firstPackets.owners = owners;
        capture = new LiveCapture(Libpcap.system(), firstPackets);
        // Immediate mode hands each packet over as it comes, not in 100 ms batches: a curl on
        // loopback lives for less than that, and its socket must still be there at the lookup.
        capture.start(CaptureSettings.of("lo").withFilter(filter).withImmediate(true));
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(process);
        return process;
    }

    /**
     * Starts {@code command} as process {@code pid} again, by telling the kernel which pid it gave
     * out last ({@code /proc/sys/kernel/ns_last_pid}, root only); retried, as any other process
     * started meanwhile on the machine takes the pid first.
     */
    private Process startWithPid(long pid, String... command) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Files.writeString(Path.of("/proc/sys/kernel/ns_last_pid"), Long.toString(pid - 1));
            Process process = start(command);
            if (process.pid() == pid) {
                return process;
            }
            process.destroyForcibly().waitFor();
        }
        throw new AssertionError("pid " + pid + " could not be given out again");
    }

    /** Lets a client that waits for a line on its standard input go, and waits for it to end. */
    private static void go(Process client) throws Exception {
        try (OutputStream in = client.getOutputStream()) {
            in.write('\n');
        }
        assertThat(client.waitFor()).as("the client's exit status").isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A flow as its first packet showed it, and the owner looked up then. */
    private record Flow(int protocol, InetAddress initiator, int initiatorPort, InetAddress responder, int responderPort,
                        Optional<ProcessInfo> owner) {
    }

    /** Looks up each flow's owner on its first packet, on the capture's consumer thread. */
    private static final class FirstPackets implements PacketSink {
        private final PacketDecoder decoder = new PacketDecoder();
        private final Set<String> seen = new HashSet<>();
        private final List<Flow> flows = new ArrayList<>();
        private volatile SocketOwners owners;

        @Override
        public void accept(PacketRecord packet) throws Exception {
            Dissection d = decoder.decode(packet);
            if (!d.ipv4.present() || !(d.tcp.present() || d.udp.present())) {
                return;
            }
            int protocol = d.tcp.present() ? 6 : 17;
            InetAddress source = ipv4(d.ipv4.source());
            InetAddress destination = ipv4(d.ipv4.destination());
            int sourcePort = d.tcp.present() ? d.tcp.sourcePort() : d.udp.sourcePort();
            int destinationPort = d.tcp.present() ? d.tcp.destinationPort() : d.udp.destinationPort();
            String forward = protocol + " " + source + ":" + sourcePort + " " + destination + ":" + destinationPort;
            String backward = protocol + " " + destination + ":" + destinationPort + " " + source + ":" + sourcePort;
            if (seen.contains(forward) || seen.contains(backward)) {
                return;
            }
            seen.add(forward);
            Optional<ProcessInfo> owner = owners.ownerOf(protocol, source, sourcePort, destination, destinationPort);
            synchronized (flows) {
                flows.add(new Flow(protocol, source, sourcePort, destination, destinationPort, owner));
            }
        }

        List<Flow> flows(int protocol) {
            synchronized (flows) {
                return flows.stream().filter(flow -> flow.protocol == protocol).toList();
            }
        }

        private static InetAddress ipv4(int address) throws IOException {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array());
        }
    }
}
