package dev.tapdeck.capture;

import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapngWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The capture engine on the real loopback interface (tests run as root), with real sockets. */
@Timeout(120)
class LiveCaptureTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final CollectingSink sink = new CollectingSink();
    private LiveCapture capture;

    @AfterEach
    void stopCapture() {
        if (capture != null) {
            capture.close();
        }
    }

    private LiveCapture capture() throws Exception {
        capture = new LiveCapture(Libpcap.system(), sink);
        return capture;
    }

    @Test
    void capturesExactlyTheDatagramsSentAndATcpConnection(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("lo.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK);
             ServerSocket server = new ServerSocket(0, 10, LOOPBACK);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            int udpPort = receiver.getLocalPort();
            int tcpPort = server.getLocalPort();
            sink.recordTo(new PcapngWriter(out));
            capture().start(CaptureSettings.of("lo").withFilter("udp port " + udpPort + " or tcp port " + tcpPort));

            int datagrams = 300;
            sendDatagrams(udpPort, datagrams);
            try (Socket client = new Socket(LOOPBACK, tcpPort); Socket accepted = server.accept()) {
                client.getOutputStream().write("hello over tcp".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                assertThat(new String(accepted.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello over tcp");
            }
            awaitUntil(() -> sink.udpPayloads().size() >= datagrams && sink.tcpPayloads().contains("hello over tcp"));
            CaptureStatus last = capture.stop();

            List<String> udp = sink.udpPayloads();
            assertThat(udp).hasSize(datagrams);
            for (int i = 0; i < datagrams; i++) {
                assertThat(udp.get(i)).isEqualTo("datagram " + i);
            }
            assertThat(sink.udpPorts()).containsOnly(udpPort);
            assertThat(sink.tcpSyns()).isEqualTo(1);
            assertThat(last.packets()).isEqualTo(sink.accepted());
            assertThat(last.ringDrops()).isZero();
            assertThat(last.kernelDrops()).isZero();
            assertThat(last.running()).isFalse();
            assertThat(last.lastPacketTime()).isNotNull();
            assertThat(last.linkType()).isEqualTo(1);

            assertThat(readBack(file)).as("the recording holds every packet the sink got").isEqualTo(sink.accepted());
        }
    }

    @Test
    void aSlowConsumerOverflowsTheRingAndEveryPacketIsCounted() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            receiver.setReceiveBufferSize(4 << 20);
            int port = receiver.getLocalPort();
            sink.slowDownBy(Duration.ofMillis(2));
            capture().start(CaptureSettings.of("lo").withFilter("udp dst port " + port).withRing(16, 1 << 20));

            int sent = 2_000;
            sendDatagrams(port, sent);
            awaitUntil(() -> {
                CaptureStatus now = capture.status();
                return now.packets() + now.ringDrops() + now.kernelDrops() >= sent;
            });
            CaptureStatus last = capture.stop();

            assertThat(last.ringDrops()).as("a 16-packet ring behind a 2 ms consumer must overflow").isPositive();
            assertThat(last.packets() + last.ringDrops() + last.kernelDrops()).isEqualTo(sent);
            assertThat(sink.accepted()).as("everything queued reaches the consumer before stop returns").isEqualTo(last.packets());
        }
    }

    @Test
    void aBadFilterIsRefusedWithLibpcapsMessageAndTheRunningCaptureGoesOn() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            CaptureSettings settings = CaptureSettings.of("lo").withFilter("udp dst port " + port);
            capture().start(settings);

            assertThatThrownBy(() -> capture.change(settings.withFilter("udp prot 53")))
                    .isInstanceOf(CaptureException.class)
                    .hasMessageContaining("bad capture filter \"udp prot 53\"")
                    .hasMessageContaining("syntax error")
                    .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.BAD_FILTER);

            assertThat(capture.isRunning()).isTrue();
            sendDatagrams(port, 5);
            awaitUntil(() -> sink.udpPayloads().size() >= 5);
            assertThat(capture.status().filter()).isEqualTo("udp dst port " + port);
        }
    }

    @Test
    void changingTheFilterWhileRunningRestartsOnTheNewOne() throws Exception {
        try (DatagramSocket first = new DatagramSocket(0, LOOPBACK); DatagramSocket second = new DatagramSocket(0, LOOPBACK)) {
            CaptureSettings settings = CaptureSettings.of("lo").withFilter("udp dst port " + first.getLocalPort());
            capture().start(settings);
            sendDatagrams(first.getLocalPort(), 3);
            awaitUntil(() -> sink.udpPayloads().size() >= 3);

            capture.change(settings.withFilter("udp dst port " + second.getLocalPort()));
            sendDatagrams(first.getLocalPort(), 3);
            sendDatagrams(second.getLocalPort(), 4);
            awaitUntil(() -> sink.udpPorts().stream().filter(p -> p == second.getLocalPort()).count() >= 4);
            capture.stop();

            assertThat(sink.udpPorts()).containsExactly(
                    first.getLocalPort(), first.getLocalPort(), first.getLocalPort(),
                    second.getLocalPort(), second.getLocalPort(), second.getLocalPort(), second.getLocalPort());
            assertThat(sink.starts()).isEqualTo(2);
            assertThat(sink.stops()).isEqualTo(2);
        }
    }

    @Test
    void startWhileRunningAndStopWhileStoppedAreRefused() throws Exception {
        LiveCapture engine = capture();
        assertThatThrownBy(engine::stop).isInstanceOf(CaptureException.class).hasMessage("no capture is running")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.NOT_RUNNING);

        engine.start(CaptureSettings.of("lo").withFilter("udp port 9"));
        assertThatThrownBy(() -> engine.start(CaptureSettings.of("lo")))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("a capture on lo with filter \"udp port 9\" is already running since")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.ALREADY_RUNNING);
        engine.stop();
        assertThatThrownBy(engine::stop).hasMessage("no capture is running");
    }

    @Test
    void anUnknownInterfaceIsNamedInTheError() throws Exception {
        assertThatThrownBy(() -> capture().start(CaptureSettings.of("tapdeck-none0")))
                .isInstanceOf(CaptureException.class)
                .hasMessage("no interface named \"tapdeck-none0\" (tapdeck interfaces lists them)")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.NO_SUCH_INTERFACE);
        assertThat(capture.isRunning()).isFalse();
    }

    @Test
    void twoHundredStartStopCyclesLeakNoThreadsOrFileDescriptors() throws Exception {
        LiveCapture engine = capture();
        CaptureSettings settings = CaptureSettings.of("lo").withFilter("udp port 9").withBufferBytes(1 << 20).withRing(1024, 1 << 20);
        for (int i = 0; i < 5; i++) {
            engine.start(settings);
            engine.stop();
        }
        long fds = openFileDescriptors();
        int threads = Thread.activeCount();
        for (int i = 0; i < 200; i++) {
            engine.start(settings);
            engine.stop();
        }
        assertThat(openFileDescriptors()).isEqualTo(fds);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tapdeck-"));
    }

    @Test
    void theCaptureAndConsumerThreadsAllocateNothingPerPacket() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            int port = receiver.getLocalPort();
            LiveCapture engine = new LiveCapture(Libpcap.system(), packet -> { });
            capture = engine;
            engine.start(CaptureSettings.of("lo").withFilter("udp dst port " + port));
            sendDatagrams(port, 5_000); // warm up: compiled code allocates less than interpreted
            awaitUntil(() -> engine.status().packets() >= 5_000);
            long before = allocatedByCaptureThreads();

            sendDatagrams(port, 20_000);
            awaitUntil(() -> engine.status().packets() + engine.status().kernelDrops() >= 25_000);
            long allocated = allocatedByCaptureThreads() - before;
            engine.stop();

            assertThat(allocated).as("bytes allocated by the capture and consumer threads for 20,000 packets")
                    .isLessThan(20_000);
        }
    }

    private static long allocatedByCaptureThreads() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tapdeck-capture-lo") || t.getName().equals("tapdeck-consumer-lo"))
                .mapToLong(t -> threads.getThreadAllocatedBytes(t.threadId()))
                .sum();
    }

    private static long openFileDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    private static void sendDatagrams(int port, int count) throws IOException {
        try (DatagramSocket sender = new DatagramSocket(0, LOOPBACK)) {
            for (int i = 0; i < count; i++) {
                byte[] payload = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                sender.send(new DatagramPacket(payload, payload.length, LOOPBACK, port));
            }
        }
    }

    private static long readBack(Path file) throws Exception {
        long packets = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                packets++;
            }
        }
        return packets;
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }

    /** Decodes what it gets, keeps what the tests look at, and can record and be slow on purpose. */
    private static final class CollectingSink implements PacketSink {
        private final PacketDecoder decoder = new PacketDecoder();
        private final List<String> udpPayloads = new CopyOnWriteArrayList<>();
        private final List<Integer> udpPorts = new CopyOnWriteArrayList<>();
        private final List<String> tcpPayloads = new CopyOnWriteArrayList<>();
        private volatile long accepted;
        private volatile int tcpSyns;
        private volatile int starts;
        private volatile int stops;
        private volatile Duration delay = Duration.ZERO;
        private PcapngWriter recording;

        void recordTo(PcapngWriter writer) { recording = writer; }
        void slowDownBy(Duration value) { delay = value; }

        @Override
        public void started(CaptureSettings settings, int linkType) { starts++; }

        @Override
        public void accept(PacketRecord packet) throws Exception {
            accepted++;
            if (recording != null) {
                recording.write(packet);
            }
            Dissection d = decoder.decode(packet);
            byte[] bytes = packet.toByteArray();
            if (d.udp.present()) {
                udpPorts.add(d.udp.destinationPort());
                int payload = 14 + 20 + 8;
                udpPayloads.add(new String(bytes, payload, bytes.length - payload, StandardCharsets.US_ASCII));
            } else if (d.tcp.present()) {
                if ((d.tcp.flags() & 0x12) == 0x02) {
                    tcpSyns++;
                }
                int payload = 14 + 20 + d.tcp.headerLength();
                if (bytes.length > payload) {
                    tcpPayloads.add(new String(bytes, payload, bytes.length - payload, StandardCharsets.US_ASCII));
                }
            }
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
        }

        @Override
        public void tick() throws IOException {
            if (recording != null) {
                recording.flush();
            }
        }

        /** As a recording sink must: what is still buffered reaches the file when the capture stops. */
        @Override
        public void stopped(CaptureStatus last) throws IOException {
            stops++;
            if (recording != null) {
                recording.flush();
            }
        }

        long accepted() { return accepted; }
        int tcpSyns() { return tcpSyns; }
        int starts() { return starts; }
        int stops() { return stops; }
        List<String> udpPayloads() { return new ArrayList<>(udpPayloads); }
        List<Integer> udpPorts() { return new ArrayList<>(udpPorts); }
        List<String> tcpPayloads() { return new ArrayList<>(tcpPayloads); }
    }
}
