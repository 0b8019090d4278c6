package dev.tapdeck.capture.process;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows' owner-pid socket tables, checked against tcpmib.h and udpmib.h: row sizes and
 * offsets, and tables filled as GetExtendedTcpTable and GetExtendedUdpTable fill them.
 */
class IpHelperLayoutsTest {

    @Test
    void rowSizesAndOffsetsFollowTheHeaders() {
        assertThat(IpHelperLayouts.TCP_ROW.byteSize()).isEqualTo(24);
        assertThat(IpHelperLayouts.TCP6_ROW.byteSize()).isEqualTo(56);
        assertThat(IpHelperLayouts.UDP_ROW.byteSize()).isEqualTo(12);
        assertThat(IpHelperLayouts.UDP6_ROW.byteSize()).isEqualTo(28);
        assertThat(IpHelperLayouts.offset(IpHelperLayouts.TCP6_ROW, "ucRemoteAddr")).isEqualTo(24);
        assertThat(IpHelperLayouts.offset(IpHelperLayouts.TCP6_ROW, "dwState")).isEqualTo(48);
        assertThat(IpHelperLayouts.offset(IpHelperLayouts.TCP6_ROW, "dwOwningPid")).isEqualTo(52);
        assertThat(IpHelperLayouts.offset(IpHelperLayouts.UDP6_ROW, "dwOwningPid")).isEqualTo(24);
    }

    @Test
    void readsAnIpv4TcpTable() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment table = arena.allocate(4 + 2 * 24);
            table.set(JAVA_INT, 0, 2);
            // A listener on 0.0.0.0:445 of the System process, and a connection of pid 6120.
            row(table, 4, IpHelperLayouts.MIB_TCP_STATE_LISTEN, "0.0.0.0", 445, "0.0.0.0", 0, 4);
            row(table, 28, 5, "10.0.0.7", 50123, "93.184.216.34", 443, 6120); // MIB_TCP_STATE_ESTAB

            List<IpHelperLayouts.Row> rows = new ArrayList<>();
            IpHelperLayouts.rows(table, SocketEndpoint.TCP, IpHelperLayouts.AF_INET, rows);
            assertThat(rows).containsExactly(
                    new IpHelperLayouts.Row(end(6, "0.0.0.0", 445), null, 4),
                    new IpHelperLayouts.Row(end(6, "10.0.0.7", 50123), end(6, "93.184.216.34", 443), 6120));
        }
    }

    @Test
    void readsIpv6TcpAndUdpTables() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tcp = arena.allocate(4 + 56);
            tcp.set(JAVA_INT, 0, 1);
            tcp.asSlice(4, 16).copyFrom(address("2001:db8::7"));
            tcp.set(JAVA_INT, 4 + 20, LibprocLayoutsTest.networkOrderPort(50200));
            tcp.asSlice(4 + 24, 16).copyFrom(address("2001:db8::443"));
            tcp.set(JAVA_INT, 4 + 44, LibprocLayoutsTest.networkOrderPort(443));
            tcp.set(JAVA_INT, 4 + 48, 5);
            tcp.set(JAVA_INT, 4 + 52, 7000);

            MemorySegment udp = arena.allocate(4 + 2 * 28);
            udp.set(JAVA_INT, 0, 2);
            udp.asSlice(4, 16).copyFrom(address("::"));
            udp.set(JAVA_INT, 4 + 20, LibprocLayoutsTest.networkOrderPort(5353));
            udp.set(JAVA_INT, 4 + 24, 1900);
            udp.asSlice(32, 16).copyFrom(address("::1"));
            udp.set(JAVA_INT, 32 + 20, LibprocLayoutsTest.networkOrderPort(53));
            udp.set(JAVA_INT, 32 + 24, 2100);

            List<IpHelperLayouts.Row> rows = new ArrayList<>();
            IpHelperLayouts.rows(tcp, SocketEndpoint.TCP, IpHelperLayouts.AF_INET6, rows);
            IpHelperLayouts.rows(udp, SocketEndpoint.UDP, IpHelperLayouts.AF_INET6, rows);
            assertThat(rows).containsExactly(
                    new IpHelperLayouts.Row(end(6, "2001:db8::7", 50200), end(6, "2001:db8::443", 443), 7000),
                    new IpHelperLayouts.Row(end(17, "::", 5353), null, 1900),
                    new IpHelperLayouts.Row(end(17, "::1", 53), null, 2100));
        }
    }

    @Test
    void readsAnIpv4UdpTable() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment udp = arena.allocate(4 + 12);
            udp.set(JAVA_INT, 0, 1);
            udp.asSlice(4, 4).copyFrom(address("127.0.0.1"));
            udp.set(JAVA_INT, 8, LibprocLayoutsTest.networkOrderPort(9999));
            udp.set(JAVA_INT, 12, 321);
            List<IpHelperLayouts.Row> rows = new ArrayList<>();
            IpHelperLayouts.rows(udp, SocketEndpoint.UDP, IpHelperLayouts.AF_INET, rows);
            assertThat(rows).containsExactly(new IpHelperLayouts.Row(end(17, "127.0.0.1", 9999), null, 321));
        }
    }

    private static void row(MemorySegment table, long at, int state, String local, int localPort, String remote,
                            int remotePort, int pid) throws Exception {
        table.set(JAVA_INT, at, state);
        table.asSlice(at + 4, 4).copyFrom(address(local));
        table.set(JAVA_INT, at + 8, LibprocLayoutsTest.networkOrderPort(localPort));
        table.asSlice(at + 12, 4).copyFrom(address(remote));
        table.set(JAVA_INT, at + 16, LibprocLayoutsTest.networkOrderPort(remotePort));
        table.set(JAVA_INT, at + 20, pid);
    }

    private static MemorySegment address(String text) throws Exception {
        return MemorySegment.ofArray(InetAddress.getByName(text).getAddress());
    }

    private static SocketEndpoint end(int protocol, String address, int port) throws Exception {
        return new SocketEndpoint(protocol, InetAddress.getByName(address), port);
    }
}
