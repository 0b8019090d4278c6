package dev.tapdeck.capture.process;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The owner-pid socket tables of Windows' IP Helper ({@code tcpmib.h}, {@code udpmib.h}):
 * {@code GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)} and
 * {@code GetExtendedUdpTable(UDP_TABLE_OWNER_PID)} fill a {@code DWORD dwNumEntries} followed
 * by rows. Addresses are in network order; a port is a {@code DWORD} whose first two bytes
 * hold it in network order. Written from the headers and unit-tested; untested on Windows.
 */
final class IpHelperLayouts {
    static final int AF_INET = 2;
    static final int AF_INET6 = 23;
    static final int TCP_TABLE_OWNER_PID_ALL = 5;
    static final int UDP_TABLE_OWNER_PID = 1;
    static final int MIB_TCP_STATE_LISTEN = 2;

    static final StructLayout TCP_ROW = MemoryLayout.structLayout(
            JAVA_INT.withName("dwState"), JAVA_INT.withName("dwLocalAddr"), JAVA_INT.withName("dwLocalPort"),
            JAVA_INT.withName("dwRemoteAddr"), JAVA_INT.withName("dwRemotePort"), JAVA_INT.withName("dwOwningPid"))
            .withName("MIB_TCPROW_OWNER_PID");
    static final StructLayout TCP6_ROW = MemoryLayout.structLayout(
            sequenceLayout(16, JAVA_BYTE).withName("ucLocalAddr"), JAVA_INT.withName("dwLocalScopeId"),
            JAVA_INT.withName("dwLocalPort"), sequenceLayout(16, JAVA_BYTE).withName("ucRemoteAddr"),
            JAVA_INT.withName("dwRemoteScopeId"), JAVA_INT.withName("dwRemotePort"), JAVA_INT.withName("dwState"),
            JAVA_INT.withName("dwOwningPid")).withName("MIB_TCP6ROW_OWNER_PID");
    static final StructLayout UDP_ROW = MemoryLayout.structLayout(
            JAVA_INT.withName("dwLocalAddr"), JAVA_INT.withName("dwLocalPort"), JAVA_INT.withName("dwOwningPid"))
            .withName("MIB_UDPROW_OWNER_PID");
    static final StructLayout UDP6_ROW = MemoryLayout.structLayout(
            sequenceLayout(16, JAVA_BYTE).withName("ucLocalAddr"), JAVA_INT.withName("dwLocalScopeId"),
            JAVA_INT.withName("dwLocalPort"), JAVA_INT.withName("dwOwningPid")).withName("MIB_UDP6ROW_OWNER_PID");

    /** The rows follow the count, aligned as DWORDs. */
    static final long FIRST_ROW = JAVA_INT.byteSize();

    /** A socket and the pid that owns it, as one row gives them. */
    record Row(SocketEndpoint local, SocketEndpoint remote, int pid) {
    }

    private IpHelperLayouts() {
    }

    /** The rows of a filled table of TCP or UDP sockets of {@code family} (AF_INET or AF_INET6). */
    static void rows(MemorySegment table, int ipProtocol, int family, List<Row> into) {
        boolean six = family == AF_INET6;
        boolean tcp = ipProtocol == SocketEndpoint.TCP;
        StructLayout row = tcp ? (six ? TCP6_ROW : TCP_ROW) : (six ? UDP6_ROW : UDP_ROW);
        int count = table.get(JAVA_INT, 0);
        for (long at = FIRST_ROW, i = 0; i < count; i++, at += row.byteSize()) {
            MemorySegment entry = table.asSlice(at, row.byteSize());
            SocketEndpoint local = end(entry, row, ipProtocol, six ? "ucLocalAddr" : "dwLocalAddr", "dwLocalPort");
            // UDP rows have no remote end; a listener's is empty.
            SocketEndpoint remote = !tcp || entry.get(JAVA_INT, offset(row, "dwState")) == MIB_TCP_STATE_LISTEN ? null
                    : end(entry, row, ipProtocol, six ? "ucRemoteAddr" : "dwRemoteAddr", "dwRemotePort");
            into.add(new Row(local, remote == null || remote.port() == 0 ? null : remote,
                    entry.get(JAVA_INT, offset(row, "dwOwningPid"))));
        }
    }

    private static SocketEndpoint end(MemorySegment entry, StructLayout row, int ipProtocol, String address, String port) {
        long addressOffset = offset(row, address);
        long addressSize = row.select(groupElement(address)).byteSize();
        return SocketEndpoint.of(ipProtocol, entry.asSlice(addressOffset, addressSize).toArray(JAVA_BYTE),
                SocketEndpoint.portAt(entry, offset(row, port)));
    }

    static long offset(StructLayout row, String field) {
        return row.byteOffset(groupElement(field));
    }
}
