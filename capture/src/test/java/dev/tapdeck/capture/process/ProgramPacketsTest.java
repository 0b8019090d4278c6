package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-back buffer and the watch over a /proc tree laid out as Linux lays it out (stat, fd
 * links named socket:[INODE], net/udp), so that programs start when the test says, and a
 * clock the test moves.
 */
class ProgramPacketsTest {
    private static final int LINKTYPE_RAW = 101;
    private static final int CURL_PORT = 40_000, PYTHON_PORT = 9_999, PYTHON_OTHER_PORT = 9_998;

    @TempDir
    Path proc;
    private final List<String> handedOn = new ArrayList<>();
    private long nanos = 1_000_000_000L;
    private ProgramWatch watch;

    @BeforeEach
    void pythonHoldsTwoSockets() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        process(4000, 1, "python3", 6001, 6002);
        sockets(List.of(socket(PYTHON_PORT, 6001), socket(PYTHON_OTHER_PORT, 6002)));
    }

    @Test
    void aPacketWaitsForItsProgramAndTheRestKeepTheirOrderBehindOthersPackets() throws Exception {
        ProgramPackets packets = packets(Set.of(), Set.of("curl"), ProgramPackets.Settings.DEFAULT_BUFFER_BYTES);
        packets.accept(udp(CURL_PORT, PYTHON_PORT, "syn-like first"));
        packets.accept(udp(PYTHON_PORT, PYTHON_OTHER_PORT, "noise"));
        packets.accept(udp(CURL_PORT, PYTHON_PORT, "second"));
        assertThat(handedOn).isEmpty();
        assertThat(packets.waiting()).isEqualTo(3);

        process(4321, 1, "curl", 5001); // curl's socket, seen by the next round of the watch
        sockets(List.of(socket(PYTHON_PORT, 6001), socket(PYTHON_OTHER_PORT, 6002), socket(CURL_PORT, 5001)));
        advance(Duration.ofMillis(11)); // past the period of listing /proc
        watch.poll();
        tick(packets, Duration.ofMillis(1));
        assertThat(handedOn).as("the noise holds the second back, in capture order").containsExactly("curl (pid 4321): syn-like first");

        tick(packets, Duration.ofMillis(60));
        assertThat(handedOn).containsExactly("curl (pid 4321): syn-like first", "curl (pid 4321): second");
        packets.accept(udp(PYTHON_PORT, CURL_PORT, "answer"));
        assertThat(handedOn).as("nothing waits: handed on at once").hasSize(3).last().isEqualTo("curl (pid 4321): answer");
        assertThat(packets.counters()).isEqualTo(new ProgramPackets.Counters(3, 1, 0, 0));
    }

    @Test
    void aPacketNoSocketClaimsIsSkippedWhenItsWaitIsUp() throws Exception {
        ProgramPackets packets = packets(Set.of(), Set.of("curl"), ProgramPackets.Settings.DEFAULT_BUFFER_BYTES);
        packets.accept(udp(7777, 7778, "nobody's"));
        tick(packets, Duration.ofMillis(60));
        assertThat(packets.waiting()).as("not known to be another program's: it waits").isOne();
        tick(packets, Duration.ofMillis(500));
        assertThat(packets.waiting()).isZero();
        assertThat(handedOn).isEmpty();
        assertThat(packets.counters()).isEqualTo(new ProgramPackets.Counters(0, 0, 1, 0));
    }

    @Test
    void whenTheBufferIsFullTheOldestUnclaimedPacketsAreDroppedAndCounted() throws Exception {
        ProgramPackets packets = packets(Set.of(), Set.of("curl"), 64 << 10);
        for (int i = 0; i < 50; i++) {
            packets.accept(udp(7777, 7778, "x".repeat(1400)));
        }
        ProgramPackets.Counters counters = packets.counters();
        assertThat(counters.lookBackDrops()).isEqualTo(50 - packets.waiting()).isPositive();
        assertThat(packets.waiting() * 1428).isLessThanOrEqualTo(64 << 10);
    }

    @Test
    void aChildOfAGivenPidIsTheProgramToo() throws Exception {
        process(5000, 1, "game-client", 7001);
        ProgramPackets packets = packets(Set.of(5000), Set.of(), ProgramPackets.Settings.DEFAULT_BUFFER_BYTES);
        process(5001, 5000, "helper", 7002);
        sockets(List.of(socket(PYTHON_PORT, 6001), socket(PYTHON_OTHER_PORT, 6002), socket(1111, 7001), socket(2222, 7002)));
        advance(Duration.ofMillis(11)); // past the period of listing /proc
        watch.poll();

        packets.accept(udp(1111, PYTHON_PORT, "parent"));
        packets.accept(udp(2222, PYTHON_PORT, "child"));
        assertThat(handedOn).containsExactly("game-client (pid 5000): parent", "helper (pid 5001): child");
    }

    private ProgramPackets packets(Set<Integer> pids, Set<String> names, int bufferBytes) throws IOException {
        Path passwd = proc.resolveSibling(proc.getFileName() + "-passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
        watch = new ProgramWatch(new LinuxSocketInventory(null, proc, passwd), proc, passwd,
                new ProgramWatch.Targets(pids, names), ProgramWatch.Settings.defaults(), () -> nanos);
        watch.poll();
        return new ProgramPackets(watch, new ProgramPackets.Settings(ProgramPackets.Settings.DEFAULT_WAIT, bufferBytes),
                new OwnedPacketSink() {
                    @Override
                    public void accept(PacketRecord packet, ProcessInfo owner, String comment) {
                        byte[] bytes = packet.toByteArray();
                        handedOn.add(comment + ": " + new String(bytes, 28, bytes.length - 28, StandardCharsets.US_ASCII));
                    }
                }, () -> nanos);
    }

    private void tick(ProgramPackets packets, Duration later) throws Exception {
        advance(later);
        packets.tick();
    }

    private void advance(Duration later) {
        nanos += later.toNanos();
    }

    /** A raw IPv4 UDP datagram between two ports of 127.0.0.1. */
    private static PacketRecord udp(int sourcePort, int destinationPort, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[28 + data.length];
        packet[0] = 0x45;
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        packet[8] = 64;
        packet[9] = 17;
        packet[12] = packet[16] = 127;
        packet[15] = packet[19] = 1;
        packet[20] = (byte) (sourcePort >> 8);
        packet[21] = (byte) sourcePort;
        packet[22] = (byte) (destinationPort >> 8);
        packet[23] = (byte) destinationPort;
        packet[24] = (byte) ((8 + data.length) >> 8);
        packet[25] = (byte) (8 + data.length);
        System.arraycopy(data, 0, packet, 28, data.length);
        return new PacketRecord().set(MemorySegment.ofArray(packet), 0, packet.length, packet.length, LINKTYPE_RAW)
                .timestamp(1_700_000_000L, 0, PacketRecord.NANOSECOND_DIGITS);
    }

    /** A line of /proc/net/udp: an unconnected socket bound to 127.0.0.1:PORT. */
    private static String socket(int port, long inode) {
        return String.format("   0: 0100007F:%04X 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 %d 2 0000000000000000 0",
                port, inode);
    }

    private void sockets(List<String> lines) throws IOException {
        Files.writeString(proc.resolve("net/udp"), "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
                + String.join("\n", lines) + "\n");
    }

    private void process(int pid, int parent, String name, long... inodes) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S " + parent + " " + pid + " " + pid
                + " 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 " + pid + " 8470528 952 18446744073709551615\n");
        Files.write(dir.resolve("cmdline"), (name + "\0").getBytes(StandardCharsets.UTF_8));
        Path fd = Files.createDirectories(dir.resolve("fd"));
        int next = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(next++)), Path.of("socket:[" + inode + "]"));
        }
    }
}
