package dev.tapdeck.capture.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The netlink sock_diag messages: layouts from the kernel headers, and dumps recorded on a real kernel. */
class SockDiagMessagesTest {

    @Test
    void layoutsMatchTheKernelHeaders() {
        assertThat(SockDiagMessages.NETLINK_HEADER.byteSize()).isEqualTo(16);
        assertThat(SockDiagMessages.SOCKET_ID.byteSize()).isEqualTo(48);
        assertThat(SockDiagMessages.REQUEST.byteSize()).isEqualTo(56);
        assertThat(SockDiagMessages.ANSWER.byteSize()).isEqualTo(72);
        assertThat(SockDiagMessages.SOCKET_ID.byteOffset(groupElement("idiag_dst"))).isEqualTo(20);
        assertThat(SockDiagMessages.SOCKET_ID.byteOffset(groupElement("idiag_if"))).isEqualTo(36);
        assertThat(SockDiagMessages.ANSWER.byteOffset(groupElement("idiag_uid"))).isEqualTo(64);
        assertThat(SockDiagMessages.ANSWER.byteOffset(groupElement("idiag_inode"))).isEqualTo(68);
    }

    @Test
    void theRequestAsksForEverySocketOfOneFamilyAndProtocol() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(SockDiagMessages.REQUEST_SIZE);
            request.fill((byte) 0x55); // whatever was there before is cleared
            SockDiagMessages.writeRequest(request, SockDiagMessages.AF_INET6, SocketEndpoint.UDP, 7);
            // What record.py packs: '=IHHII' then '=BBBBI' and 48 zero bytes, on a little-endian host.
            assertThat(HexFormat.of().formatHex(request.toArray(JAVA_BYTE))).isEqualTo(
                    "48000000" + "1400" + "0103" + "07000000" + "00000000"
                            + "0a" + "11" + "00" + "00" + "bfefffff" + "00".repeat(48));
        }
    }

    @Test
    void anExactRequestNamesBothEndsTcpLocalFirstUdpSwapped() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(SockDiagMessages.REQUEST_SIZE);
            SocketEndpoint local = new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 50000);
            SocketEndpoint remote = new SocketEndpoint(6, InetAddress.getByName("127.0.0.2"), 8080);
            SockDiagMessages.writeExactRequest(request, SocketEndpoint.TCP, 9, local, remote);
            String noCookie = "ffffffff" + "ffffffff";
            assertThat(HexFormat.of().formatHex(request.toArray(JAVA_BYTE))).isEqualTo(
                    "48000000" + "1400" + "0100" + "09000000" + "00000000"
                            + "02" + "06" + "00" + "00" + "ffffffff"
                            + "c350" + "1f90" + "7f000001" + "00".repeat(12) + "7f000002" + "00".repeat(12)
                            + "00000000" + noCookie);

            SocketEndpoint udpLocal = new SocketEndpoint(17, InetAddress.getByName("::1"), 5353);
            SocketEndpoint udpRemote = new SocketEndpoint(17, InetAddress.getByName("2001:db8::9"), 53);
            SockDiagMessages.writeExactRequest(request, SocketEndpoint.UDP, 10, udpLocal, udpRemote);
            assertThat(HexFormat.of().formatHex(request.toArray(JAVA_BYTE))).isEqualTo(
                    "48000000" + "1400" + "0100" + "0a000000" + "00000000"
                            + "0a" + "11" + "00" + "00" + "ffffffff"
                            + "0035" + "14e9" + "20010db8" + "00".repeat(10) + "0009" + "00".repeat(15) + "01"
                            + "00000000" + noCookie);
        }
    }

    @Test
    void anExactAnswerOfNoSuchSocketIsNoSocket() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment answer = arena.allocate(36);
            answer.set(JAVA_INT, 0, 36);
            answer.set(JAVA_SHORT, 4, (short) SockDiagMessages.NLMSG_ERROR);
            answer.set(JAVA_INT, 16, -2);
            assertThat(SockDiagMessages.readExact(answer, SocketEndpoint.TCP)).isNull();
            answer.set(JAVA_INT, 16, -95); // EOPNOTSUPP is an error, not an absence
            assertThatThrownBy(() -> SockDiagMessages.readExact(answer, SocketEndpoint.TCP)).isInstanceOf(IOException.class);
        }
        byte[] dump = RecordedSockets.bytes("sock_diag-udp.bin");
        assertThat(SockDiagMessages.readExact(MemorySegment.ofArray(dump), SocketEndpoint.UDP)).isNotNull();
    }

    @Test
    void recordedDumpsHoldTheSocketsTheRecorderHadOpen() throws IOException {
        List<KernelSocket> all = new ArrayList<>();
        for (String table : RecordedSockets.TABLES) {
            assertThat(readDump(table, all)).as("the %s dump ends with NLMSG_DONE", table).isTrue();
        }
        List<RecordedSockets.Known> known = RecordedSockets.known();
        assertThat(known).hasSize(8);
        for (RecordedSockets.Known socket : known) {
            assertThat(all).as(socket.table()).contains(socket.socket());
        }
        // The dual-stack socket talking IPv4 comes out with IPv4 ends, as its packets carry.
        assertThat(known.get(4).socket().local().address().getAddress()).hasSize(4);
        assertThat(known).allSatisfy(socket -> assertThat(socket.socket().uid()).isEqualTo(65534));
    }

    @Test
    void recordedDumpsListWhatProcNetListedAtTheSameMoment() throws IOException {
        for (String table : RecordedSockets.TABLES) {
            List<KernelSocket> netlink = new ArrayList<>();
            readDump(table, netlink);
            List<KernelSocket> procNet = new ArrayList<>();
            ProcNetSockets.parse(RecordedSockets.text("proc-net-" + table + ".txt"), RecordedSockets.ipProtocol(table), procNet);
            assertThat(netlink).as(table).isNotEmpty().containsExactlyInAnyOrderElementsOf(procNet);
        }
    }

    private static boolean readDump(String table, List<KernelSocket> into) throws IOException {
        byte[] dump = RecordedSockets.bytes("sock_diag-" + table + ".bin");
        return SockDiagMessages.read(MemorySegment.ofArray(dump), RecordedSockets.ipProtocol(table), into);
    }

    @Test
    void anErrorAnswerNamesTheErrno() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment answer = arena.allocate(36);
            answer.set(JAVA_INT, 0, 36);
            answer.set(JAVA_SHORT, 4, (short) SockDiagMessages.NLMSG_ERROR);
            answer.set(JAVA_INT, 16, -2); // ENOENT: no udp_diag module
            assertThatThrownBy(() -> SockDiagMessages.read(answer, SocketEndpoint.UDP, new ArrayList<>()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the kernel refused the socket dump for IP protocol 17 (errno 2)");
        }
    }

    @Test
    void aMessageLongerThanWhatArrivedIsRefused() {
        byte[] dump = RecordedSockets.bytes("sock_diag-udp.bin");
        MemorySegment cut = MemorySegment.ofArray(dump).asSlice(0, 40);
        assertThatThrownBy(() -> SockDiagMessages.read(cut, SocketEndpoint.UDP, new ArrayList<>()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not fit the 40 bytes received");
    }
}
