package dev.tapdeck.cli;

import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck capture --pid/--process/-- COMMAND} with real programs on loopback (the tests
 * run as root with libpcap, as CI does), UDP noise of another program running all along. The
 * HTTP server answers after {@link #RESPONSE_DELAY}, so each curl holds its socket that long:
 * attribution is certain for a socket that outlives the watch's reaction (a few milliseconds),
 * and only likely for one that does not (see the README).
 */
@Timeout(180)
class CaptureProcessTest {
    private static final String PYTHON = "python3";
    private static final String RESPONSE_DELAY = "0.1";
    /** The server module's slow HTTP server, which its process test runs too. */
    private static final Path SLOW_HTTP_SERVER = Path.of("../server/src/test/resources/process/slow_http_server.py");
    private static final Pattern COUNTS = Pattern.compile(
            "([\\d,]+) packets of the program kept, ([\\d,]+) of other programs skipped, ([\\d,]+) never attributed, ([\\d,]+) look-back drops");

    private final List<Process> started = new ArrayList<>();
    private int httpPort;
    private int noisePort;

    @BeforeEach
    void startServerAndNoise() throws Exception {
        httpPort = Integer.parseInt(startPython(SLOW_HTTP_SERVER, RESPONSE_DELAY));
        noisePort = Integer.parseInt(startPython(script("udp_noise.py")));
    }

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aCommandIsRecordedFromItsFirstSynWithItsNameInEachComment(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("curl.pcapng");
        CommandRun run = CommandRun.capture("-i", "lo", "-f", testTraffic(), "-w", file.toString(),
                "--", "curl", "-s", "-o", "/dev/null", "http://127.0.0.1:" + httpPort + "/");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Recorded> packets = read(file);
        assertThat(packets).as(run.stderr()).hasSizeGreaterThanOrEqualTo(8); // handshake, request, answer, both FINs
        Recorded syn = packets.getFirst();
        assertThat(syn.tcpFlags & (TcpHeader.SYN | TcpHeader.ACK)).as("the first packet is the SYN").isEqualTo(TcpHeader.SYN);
        assertThat(syn.destinationPort).isEqualTo(httpPort);
        int curlPort = syn.sourcePort;
        ProcessInfo curl = ProcessComment.parse(syn.comment).orElseThrow();
        assertThat(curl.name()).isEqualTo("curl");
        for (Recorded packet : packets) {
            assertThat(packet.protocol).isEqualTo(6);
            assertThat(Set.of(packet.sourcePort, packet.destinationPort)).containsExactlyInAnyOrder(curlPort, httpPort);
            assertThat(packet.comment).isEqualTo(ProcessComment.format(curl));
        }
        long[] counts = counts(run.stderr());
        assertThat(counts[0]).isEqualTo(packets.size());
        assertThat(counts[1]).as("the noise was skipped as another program's").isPositive();
    }

    @Test
    void theCommandsExitStatusIsTapdecksUnlessItCannotRun() {
        assertThat(CommandRun.capture("-i", "lo", "-q", "--", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        CommandRun missing = CommandRun.capture("-i", "lo", "-q", "--", "no-such-program-for-tapdeck");
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderr()).contains("0 packets of the program kept");
    }

    @Test
    void underSudoTheCommandRunsAsTheInvokingUser() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildRun.command(null, List.of(), "capture", "-i", "lo", "-q", "--", "id", "-u", "-n"));
        builder.environment().putAll(java.util.Map.of("SUDO_UID", ChildRun.NOBODY, "SUDO_GID", ChildRun.NOBODY, "SUDO_USER", "nobody"));
        Process tapdeck = builder.start();
        tapdeck.getOutputStream().close();
        assertThat(tapdeck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(tapdeck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tapdeck.exitValue()).as(new String(tapdeck.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(said.strip()).isEqualTo("nobody");
    }

    @Test
    void byNameEveryLaterProcessIsFollowedFromItsSynAndNothingElseKept(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("curls.pcapng");
        Path log = folder.resolve("stderr.txt");
        Process tapdeck = new ProcessBuilder(ChildRun.command(null, List.of(), "capture", "-i", "lo", "-f", testTraffic(),
                "--process", "curl", "-w", file.toString())).redirectError(log.toFile()).start();
        started.add(tapdeck);
        CaptureCommandTest.awaitOutput(tapdeck, log, "capture started on lo");
        Set<Long> curls = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "http://127.0.0.1:" + httpPort + "/").start();
            curls.add(curl.pid());
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).isZero();
        }
        Thread.sleep(1_000); // the last packets through the look-back
        tapdeck.toHandle().destroy(); // SIGTERM: a graceful stop
        assertThat(tapdeck.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String stderr = Files.readString(log);
        List<Recorded> packets = read(file);
        Set<Long> synFrom = new HashSet<>();
        for (Recorded packet : packets) {
            assertThat(packet.protocol).as("no noise").isEqualTo(6);
            assertThat(packet.sourcePort == httpPort || packet.destinationPort == httpPort).isTrue();
            ProcessInfo owner = ProcessComment.parse(packet.comment).orElseThrow();
            assertThat(owner.name()).isEqualTo("curl");
            if ((packet.tcpFlags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN) {
                synFrom.add((long) owner.pid());
            }
        }
        assertThat(synFrom).as(stderr).isEqualTo(curls);
        assertThat(counts(stderr)[1]).as("the noise and the server's other work were skipped").isPositive();
    }

    @Test
    void aUdpClientsDatagramsAndTheirEchoesAreKept(@TempDir Path folder) throws Exception {
        int echoPort = Integer.parseInt(startPython(script("udp_echo_server.py")));
        Path file = folder.resolve("udp.pcapng");
        CommandRun run = CommandRun.capture("-i", "lo", "-f", "udp", "-w", file.toString(),
                "--", PYTHON, script("udp_client.py").toString(), Integer.toString(echoPort), "5", "0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Recorded> packets = read(file);
        assertThat(packets).as(run.stderr()).hasSize(10);
        for (Recorded packet : packets) {
            assertThat(packet.protocol).isEqualTo(17);
            assertThat(Set.of(packet.sourcePort, packet.destinationPort)).contains(echoPort).doesNotContain(noisePort);
            assertThat(ProcessComment.parse(packet.comment).orElseThrow().name()).startsWith("python3");
        }
    }

    @Test
    void aWatchedProcessThatExitsMidCaptureLeavesOnlyItsOwnPackets(@TempDir Path folder) throws Exception {
        int echoPort = Integer.parseInt(startPython(script("udp_echo_server.py")));
        Process client = new ProcessBuilder(PYTHON, script("udp_client.py").toString(), Integer.toString(echoPort), "4", "1.5").start();
        started.add(client);
        Path file = folder.resolve("exits.pcapng");
        CommandRun run = CommandRun.capture("-i", "lo", "-f", "udp", "--pid", Long.toString(client.pid()), "-a", "duration:4",
                "-w", file.toString());

        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).isZero();
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Recorded> packets = read(file);
        assertThat(packets).as(run.stderr()).hasSize(8);
        for (Recorded packet : packets) {
            assertThat(ProcessComment.parse(packet.comment).orElseThrow().pid()).isEqualTo((int) client.pid());
        }
        assertThat(counts(run.stderr())[1]).as("noise went on after it exited").isPositive();
    }

    @Test
    void badProcessOptionsAreRefused() {
        CommandRun noSuchPid = CommandRun.capture("-i", "lo", "--pid", "999999999");
        assertThat(noSuchPid.exitCode()).isEqualTo(CaptureCommand.BAD_INPUT);
        assertThat(noSuchPid.stderr()).contains("--pid 999999999: no such process");
        assertThat(CommandRun.capture("-i", "lo", "--process", "/usr/bin/curl").stderr()).contains("without a folder");
        assertThat(CommandRun.capture("-i", "lo", "--process", "curl", "--process-buffer", "1").stderr())
                .contains("--process-buffer must be 64 to 1,048,576 KB, not 1");
    }

    /**
     * The server's and the noise's packets only: the kernel filter keeps other traffic on a
     * shared loopback (other tests, 100 MB at times) from overflowing the capture buffer, so a
     * kernel drop cannot pass for a missed SYN.
     */
    private String testTraffic() {
        return "tcp port " + httpPort + " or udp port " + noisePort;
    }

    /** One written packet: its ends, TCP flags and comment. */
    private record Recorded(int protocol, int sourcePort, int destinationPort, int tcpFlags, String comment) {
    }

    private static List<Recorded> read(Path file) throws IOException {
        List<Recorded> packets = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                Dissection d = decoder.decode(record);
                String comment = record.comment();
                if (d.tcp.present()) {
                    packets.add(new Recorded(6, d.tcp.sourcePort(), d.tcp.destinationPort(), d.tcp.flags(), comment));
                } else if (d.udp.present()) {
                    packets.add(new Recorded(17, d.udp.sourcePort(), d.udp.destinationPort(), -1, comment));
                } else {
                    packets.add(new Recorded(0, 0, 0, -1, comment));
                }
            }
        }
        return packets;
    }

    /** Kept, other programs', never attributed, look-back drops, from the totals line. */
    private static long[] counts(String stderr) {
        Matcher matcher = COUNTS.matcher(stderr);
        assertThat(matcher.find()).as(stderr).isTrue();
        long[] counts = new long[4];
        for (int i = 0; i < 4; i++) {
            counts[i] = Long.parseLong(matcher.group(i + 1).replace(",", ""));
        }
        return counts;
    }

    /** Starts a Python script and returns the first line it prints. */
    private String startPython(Path script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    /** A script of this module's test resources/process. */
    private static Path script(String name) throws URISyntaxException {
        return Path.of(CaptureProcessTest.class.getResource("/process/" + name).toURI());
    }
}
