package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * macOS's libproc structs, checked against XNU's sys/proc_info.h (64-bit): sizes and offsets
 * as the C compiler lays them out, and sockets read from bytes placed where the kernel puts them.
 */
class LibprocLayoutsTest {
    private static final ProcessInfo OWNER = new ProcessInfo(812, "curl", "curl -s http://127.0.0.1/", "alice", null);
    // Offsets in struct socket_fdinfo: pfi (24 bytes), then socket_info, whose soi_proto is at 240.
    private static final long PROTOCOL = 24 + 156;
    private static final long FAMILY = 24 + 160;
    private static final long KIND = 24 + 232;
    private static final long INET = 24 + 240;

    @Test
    void sizesAndOffsetsFollowTheHeader() {
        assertThat(LibprocLayouts.DESCRIPTOR.byteSize()).isEqualTo(8); // PROC_PIDLISTFD_SIZE
        assertThat(LibprocLayouts.INET_SOCKET.byteSize()).isEqualTo(80);
        assertThat(LibprocLayouts.INET_SOCKET.byteOffset(groupElement("insi_faddr"))).isEqualTo(32);
        assertThat(LibprocLayouts.INET_SOCKET.byteOffset(groupElement("insi_laddr"))).isEqualTo(48);
        assertThat(LibprocLayouts.SOCKET_DESCRIPTOR.byteSize()).isEqualTo(792); // PROC_PIDFDSOCKETINFO_SIZE
        assertThat(LibprocLayouts.SOCKET_DESCRIPTOR.byteOffset(groupElement("psi"), groupElement("soi_kind"))).isEqualTo(KIND);
        assertThat(LibprocLayouts.SOCKET_DESCRIPTOR.byteOffset(groupElement("psi"), groupElement("soi_proto"))).isEqualTo(INET);
        assertThat(LibprocLayouts.TCP_STATE).isEqualTo(INET + 80);
        assertThat(LibprocLayouts.BSD_INFO.byteSize()).isEqualTo(136); // PROC_PIDTBSDINFO_SIZE
        assertThat(LibprocLayouts.UID).isEqualTo(20);
        assertThat(LibprocLayouts.COMM).isEqualTo(48);
        assertThat(LibprocLayouts.NAME).isEqualTo(64);
        assertThat(LibprocLayouts.START_SECONDS).isEqualTo(120);
    }

    @Test
    void readsAConnectedIpv4TcpSocket() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = socket(arena, LibprocLayouts.SOCKINFO_TCP, 6, LibprocLayouts.AF_INET, 51000, 8000);
            ipv4(info, INET + 48, 127, 0, 0, 1);
            ipv4(info, INET + 32, 127, 0, 0, 2);
            info.set(JAVA_INT, LibprocLayouts.TCP_STATE, 4); // TSI_S_ESTABLISHED

            assertThat(LibprocLayouts.socket(info, OWNER)).isEqualTo(new OwnedSocket(
                    new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 51000),
                    new SocketEndpoint(6, InetAddress.getByName("127.0.0.2"), 8000), OWNER));
        }
    }

    @Test
    void aListenerHasNoRemoteEnd() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = socket(arena, LibprocLayouts.SOCKINFO_TCP, 6, LibprocLayouts.AF_INET6, 8443, 0);
            info.set(JAVA_INT, LibprocLayouts.TCP_STATE, LibprocLayouts.TSI_S_LISTEN);
            assertThat(LibprocLayouts.socket(info, OWNER)).isEqualTo(new OwnedSocket(
                    new SocketEndpoint(6, InetAddress.getByName("::"), 8443), null, OWNER));
        }
    }

    @Test
    void readsAConnectedIpv6UdpSocket() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = socket(arena, LibprocLayouts.SOCKINFO_IN, 17, LibprocLayouts.AF_INET6, 5353, 53);
            info.asSlice(INET + 48, 16).copyFrom(MemorySegment.ofArray(InetAddress.getByName("2001:db8::5").getAddress()));
            info.asSlice(INET + 32, 16).copyFrom(MemorySegment.ofArray(InetAddress.getByName("2001:db8::53").getAddress()));
            assertThat(LibprocLayouts.socket(info, OWNER)).isEqualTo(new OwnedSocket(
                    new SocketEndpoint(17, InetAddress.getByName("2001:db8::5"), 5353),
                    new SocketEndpoint(17, InetAddress.getByName("2001:db8::53"), 53), OWNER));
        }
    }

    @Test
    void otherSocketsAreLeftOut() {
        try (Arena arena = Arena.ofConfined()) {
            assertThat(LibprocLayouts.socket(socket(arena, 3, 0, 1, 0, 0), OWNER)).as("SOCKINFO_UN").isNull();
            assertThat(LibprocLayouts.socket(socket(arena, LibprocLayouts.SOCKINFO_IN, 1, LibprocLayouts.AF_INET, 0, 0), OWNER))
                    .as("ICMP").isNull();
        }
    }

    @Test
    void theArgumentsOfKernProcargs2() {
        try (Arena arena = Arena.ofConfined()) {
            byte[] strings = "/usr/bin/curl\0\0\0\0curl\0-s\0http://127.0.0.1/\0PATH=/usr/bin\0".getBytes(StandardCharsets.UTF_8);
            MemorySegment answer = arena.allocate(4 + strings.length);
            answer.set(JAVA_INT, 0, 3);
            answer.asSlice(4).copyFrom(MemorySegment.ofArray(strings));
            assertThat(LibprocLayouts.commandLine(answer)).isEqualTo("curl -s http://127.0.0.1/");
            assertThat(LibprocLayouts.commandLine(answer.asSlice(0, 2))).isEmpty();
        }
    }

    /** A socket_fdinfo as the kernel fills it; ports are ints holding the network-order port. */
    private static MemorySegment socket(Arena arena, int kind, int protocol, int family, int localPort, int remotePort) {
        MemorySegment info = arena.allocate(LibprocLayouts.SOCKET_DESCRIPTOR);
        info.set(JAVA_INT, KIND, kind);
        info.set(JAVA_INT, PROTOCOL, protocol);
        info.set(JAVA_INT, FAMILY, family);
        info.set(JAVA_INT, INET, networkOrderPort(remotePort));
        info.set(JAVA_INT, INET + 4, networkOrderPort(localPort));
        info.set(JAVA_BYTE, INET + 24, (byte) (family == LibprocLayouts.AF_INET ? 1 : 2)); // insi_vflag
        return info;
    }

    /** What htons(port) stored in an int looks like on a little-endian Mac. */
    static int networkOrderPort(int port) {
        return Short.toUnsignedInt(Short.reverseBytes((short) port));
    }

    /** An in4in6_addr: IPv4 in the last four of its sixteen bytes. */
    private static void ipv4(MemorySegment info, long offset, int a, int b, int c, int d) {
        info.asSlice(offset + 12, 4).copyFrom(MemorySegment.ofArray(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}));
    }
}
