package dev.tapdeck.cli;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tapdeck capture}, {@code interfaces} and {@code doctor} on the real loopback interface. */
@Timeout(120)
class CaptureCommandTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void printsCapturedPacketsLikeReadAndTheTotals() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CommandRun run = whileSendingTo(port, () -> CommandRun.capture("-i", "lo", "-f", "udp dst port " + port, "-c", "3"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.lines()).hasSize(3).allSatisfy(line ->
                    assertThat(line).contains("127.0.0.1 → 127.0.0.1 UDP").contains("→ " + port));
            assertThat(run.stderr()).contains("3 packets captured, 0 dropped by the kernel, 0 dropped by Tapdeck");
        }
    }

    @Test
    void withDesegmentationAMessageSplitOverSegmentsIsShownOnTheSegmentThatCompletesIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            int port = server.getLocalPort();
            CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.capture("-i", "lo",
                    "-f", "tcp dst port " + port + " and tcp[tcpflags] & tcp-push != 0", "-c", "2", "-o", "tcp.desegment_tcp_streams:TRUE"));
            Thread.sleep(1000); // the capture opens its handle
            try (Socket client = new Socket(LOOPBACK, port); Socket accepted = server.accept()) {
                client.setTcpNoDelay(true);
                client.getOutputStream().write("GET /split HTTP/1.1\r\nHost: tapdeck".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                Thread.sleep(200); // two segments, not one
                client.getOutputStream().write(".test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                CommandRun capture = run.get(30, TimeUnit.SECONDS);

                assertThat(capture.exitCode()).as(capture.stderr()).isZero();
                assertThat(capture.lines()).hasSize(2);
                assertThat(capture.lines().getFirst()).contains(" TCP ").endsWith("GET /split HTTP/1.1  [TCP segment of a reassembled PDU]");
                assertThat(capture.lines().getLast()).contains(" HTTP ").endsWith("GET /split HTTP/1.1 ");
            }
        }
    }

    @Test
    void aReaderThatStopsReadingStopsTheCaptureQuietly() throws Exception {
        // `tapdeck capture | head -1`: the pipe closes after the first line.
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CommandRun run = whileSendingTo(port, () -> CommandRun.into(new FailingOutput(100, "Broken pipe"),
                    out -> new CaptureCommand().output(out), "-i", "lo", "-f", "udp dst port " + port, "-c", "1000000"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).contains("packets captured").doesNotContain("Exception").doesNotContain("Broken pipe");
        }
    }

    @Test
    void writesAPcapngFileInsteadOfPrinting(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("lo.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CommandRun run = whileSendingTo(port, () -> CommandRun.capture("-i", "lo", "-f", "udp dst port " + port, "-c", "5", "-w", file.toString()));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("5 packets captured").contains("written to " + file);
            CommandRun read = CommandRun.read(file.toString());
            assertThat(read.lines()).hasSize(5).allSatisfy(line -> assertThat(line).contains("UDP"));
        }
    }

    @Test
    void aDisplayFilterPrintsAndWritesOnlyMatchingPacketsWhileCountCountsEveryPacket(@TempDir Path folder) throws Exception {
        // Among 20 consecutive datagrams "datagram N", at least two have a 7 in N.
        String filter = "data contains \"7\"";
        Path file = folder.resolve("sevens.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CommandRun printed = whileSendingTo(port, () -> CommandRun.capture("-i", "lo", "-f", "udp dst port " + port, "-c", "20", "-Y", filter));
            CommandRun written = whileSendingTo(port, () -> CommandRun.capture("-i", "lo", "-f", "udp dst port " + port, "-c", "20",
                    "-Y", filter, "-w", file.toString()));

            assertThat(printed.exitCode()).as(printed.stderr()).isZero();
            assertThat(printed.lines()).hasSizeBetween(2, 19).allSatisfy(line -> assertThat(line).contains("→ " + port));
            assertThat(printed.stderr()).contains("20 packets captured")
                    .contains("; " + printed.lines().size() + " matched the display filter " + filter);
            assertThat(written.exitCode()).as(written.stderr()).isZero();
            CommandRun all = CommandRun.read(file.toString());
            CommandRun sevens = CommandRun.read(file.toString(), "-Y", filter);
            assertThat(all.lines()).hasSizeBetween(2, 19).isEqualTo(sevens.lines());
            assertThat(written.stderr()).contains("20 packets captured").contains("; " + all.lines().size() + " matched");
        }
    }

    @Test
    void aRingOfFilesKeepsTheNewestAndEachIsAWholeCapture(@TempDir Path folder) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CommandRun run = whileSendingTo(port, () -> CommandRun.capture("-i", "lo", "-f", "udp dst port " + port, "-c", "60",
                    "-w", folder.resolve("ring.pcapng").toString(), "-b", "filesize:1", "-b", "files:3"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).contains("60 packets captured").contains("written to 3 files");
            List<Path> files;
            try (var listing = Files.list(folder)) {
                files = listing.sorted().toList();
            }
            assertThat(files).hasSize(3).allSatisfy(file ->
                    assertThat(file.getFileName().toString()).matches("ring_\\d{5}_\\d{14}\\.pcapng"));
            for (Path file : files) {
                assertThat(CommandRun.read(file.toString()).exitCode()).isZero();
            }
            assertThat(files.getLast().getFileName().toString()).as("older files were deleted").doesNotStartWith("ring_00003_");
        }
    }

    @Test
    void aBadFilterExitsWithTwoAndLibpcapsMessage() {
        CommandRun run = CommandRun.capture("-i", "lo", "-f", "udp prot 53", "-c", "1");
        assertThat(run.exitCode()).isEqualTo(CaptureCommand.BAD_INPUT);
        assertThat(run.stderr()).startsWith("tapdeck capture: bad capture filter \"udp prot 53\": ").contains("syntax error");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(CommandRun.capture("-i", "tapdeck-none0", "-c", "1").stderr())
                .contains("no interface named \"tapdeck-none0\" (tapdeck interfaces lists them)");
        assertThat(CommandRun.capture("-i", "lo", "-b", "files:3").stderr()).contains("-b needs -w FILE");
        assertThat(CommandRun.capture("-i", "lo", "-w", "/tmp/x.pcapng", "-b", "size:3").stderr()).contains("-b size:3: use filesize:KB");
        assertThat(CommandRun.capture("-i", "lo", "-w", "/tmp/x.pcapng", "-b", "files:3").stderr()).contains("needs a file size or duration");
        assertThat(CommandRun.capture("-i", "lo", "-a", "duration:soon").stderr()).contains("-a duration:soon: \"soon\" is not a positive number");
        assertThat(CommandRun.capture("-i", "lo", "-a", "filesize:3").exitCode()).isEqualTo(CaptureCommand.BAD_INPUT);
    }

    @Test
    void stopsAfterTheAutostopDuration() {
        long start = System.nanoTime();
        CommandRun run = CommandRun.capture("-i", "lo", "-f", "udp port 9 and host 192.0.2.1", "-a", "duration:0.5", "-q");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("0 packets captured");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void interfacesListsLoopbackWithItsLinkType() {
        CommandRun text = CommandRun.of(new InterfacesCommand());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).containsPattern("\\d+\\. lo\\n\\s+flags: up, running, loopback; link type: EN10MB \\(1\\)\\n\\s+127\\.0\\.0\\.1 netmask 255\\.0\\.0\\.0");

        CommandRun json = CommandRun.of(new InterfacesCommand(), "--json");
        assertThat(json.stdout()).contains("\"name\" : \"lo\"").contains("\"linkTypeName\" : \"EN10MB\"").contains("\"address\" : \"::1\"");
    }

    @Test
    void doctorPassesAsRoot() {
        CommandRun run = CommandRun.of(new DoctorCommand());
        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("[ ok ] capture library: libpcap version").contains("[ ok ] permission to capture: can capture on")
                .contains("Live capture is ready.");
    }

    @Test
    void withoutPrivilegesCaptureAndDoctorSayWhatToDo() throws Exception {
        CommandRun capture = ChildRun.run(ChildRun.NOBODY, List.of(), "capture", "-i", "lo", "-c", "1");
        assertThat(capture.exitCode()).as(capture.stderr()).isEqualTo(CaptureCommand.NO_PERMISSION);
        assertThat(capture.stderr()).contains("tapdeck capture: cannot capture on lo")
                .contains("sudo setcap cap_net_raw,cap_net_admin=eip /");

        CommandRun doctor = ChildRun.run(ChildRun.NOBODY, List.of(), "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("[ ok ] capture library")
                .contains("[FAIL] permission to capture: ").contains("with cap_net_raw no, cap_net_admin no")
                .contains("fix: Capturing needs root or the capabilities cap_net_raw and cap_net_admin");
    }

    @Test
    void withoutLibpcapEveryCaptureCommandNamesThePackage() throws Exception {
        List<String> missing = List.of("-Dtapdeck.libpcap=libpcap-not-here.so.9");
        CommandRun capture = ChildRun.run(null, missing, "capture", "-i", "lo", "-c", "1");
        assertThat(capture.exitCode()).isEqualTo(CaptureCommand.NO_LIBRARY);
        assertThat(capture.stderr()).contains("libpcap is not installed (tried libpcap-not-here.so.9)").contains("sudo apt-get install libpcap0.8");

        assertThat(ChildRun.run(null, missing, "interfaces").exitCode()).isEqualTo(CaptureCommand.NO_LIBRARY);
        CommandRun doctor = ChildRun.run(null, missing, "doctor");
        assertThat(doctor.stdout()).contains("[FAIL] capture library: libpcap is not installed").contains("fix: Install libpcap");
    }

    @Test
    void sigtermStopsGracefullyWithTotals(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("stderr.txt");
        Process process = new ProcessBuilder(ChildRun.command(null, List.of(), "capture", "-i", "lo", "-f", "udp port 9 and host 192.0.2.1", "-q"))
                .redirectError(log.toFile()).start();
        try {
            awaitOutput(process, log, "capture started on lo");
            process.toHandle().destroy(); // SIGTERM, leaving our end of the pipes alone
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("capture stopped on lo")
                    .contains("0 packets captured, 0 dropped by the kernel, 0 dropped by Tapdeck");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aRecordingKilledMidCaptureIsReadableUpToItsLastCompleteBlock(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("killed.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK); DatagramSocket sender = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            Path log = folder.resolve("stderr.txt");
            Process process = new ProcessBuilder(ChildRun.command(null, List.of(), "capture", "-i", "lo",
                    "-f", "udp dst port " + port, "-w", file.toString())).redirectError(log.toFile()).start();
            try {
                awaitOutput(process, log, "capture started on lo");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int sent = 0;
                // Keep sending until more than a second of flushes is on disk, then kill without warning.
                while (System.nanoTime() < deadline && (!Files.exists(file) || Files.size(file) < 20_000 || sent < 2_000)) {
                    byte[] payload = ("killed " + sent++).getBytes(StandardCharsets.US_ASCII);
                    sender.send(new DatagramPacket(payload, payload.length, LOOPBACK, port));
                    Thread.sleep(0, 200_000);
                }
                process.destroyForcibly(); // SIGKILL
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                process.destroyForcibly();
            }
        }
        long packets = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                byte[] bytes = record.toByteArray();
                assertThat(new String(bytes, 42, bytes.length - 42, StandardCharsets.US_ASCII)).isEqualTo("killed " + packets);
                packets++;
            }
        } catch (CaptureFileException cutShort) {
            assertThat(cutShort.getMessage()).as("only the last block may be cut").contains("cut short");
            assertThat(cutShort.recordNumber()).isEqualTo(packets + 1);
            assertThat(Files.size(file) - cutShort.byteOffset()).as("the cut block is the file's tail").isLessThan(65_536 + 84);
        }
        assertThat(packets).isGreaterThan(100);
    }

    /** Runs a capture command while datagrams go to {@code port} every 20 ms, so it has something to see whenever it starts. */
    private static CommandRun whileSendingTo(int port, Supplier<CommandRun> command) throws Exception {
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(command);
        try (DatagramSocket sender = new DatagramSocket(0, LOOPBACK)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int i = 0; !run.isDone() && System.nanoTime() < deadline; i++) {
                byte[] payload = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                sender.send(new DatagramPacket(payload, payload.length, LOOPBACK, port));
                Thread.sleep(20);
            }
        }
        return run.get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code process} has written {@code text} to {@code log}, at most 30 s. */
    static void awaitOutput(Process process, Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no \"" + text + "\" from tapdeck; it printed: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }
}
