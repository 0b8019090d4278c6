package dev.tapdeck.capture.pcap;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The C structs libpcap hands over, laid out for one operating system (64-bit only).
 * They differ where C's {@code long} and the socket headers differ:
 * <ul>
 *   <li>{@code struct pcap_pkthdr}: a {@code struct timeval} of two {@code long}s, 8 bytes
 *       each on Linux and macOS (24 bytes in all), 4 bytes each on Windows (16 bytes).</li>
 *   <li>{@code struct pcap_stat}: three counters, plus three more under {@code _WIN32}.</li>
 *   <li>{@code struct sockaddr}: a 16-bit family on Linux and Windows; on BSD and macOS a
 *       length byte, then an 8-bit family. {@code AF_INET6} is 10, 30 and 23 respectively.</li>
 * </ul>
 */
public final class PcapLayouts {
    static final int AF_INET = 2;

    private final OperatingSystem os;
    final StructLayout packetHeader;
    final StructLayout statistics;
    final StructLayout interfaceEntry;
    final StructLayout addressEntry;
    final StructLayout bpfProgram;
    private final long timestampSecondsOffset;
    private final long timestampFractionOffset;
    private final boolean timevalFieldsAreLong;

    public PcapLayouts(OperatingSystem os) {
        this.os = os;
        ValueLayout cLong = os == OperatingSystem.WINDOWS ? JAVA_INT : JAVA_LONG;
        timevalFieldsAreLong = cLong == JAVA_LONG;
        packetHeader = MemoryLayout.structLayout(
                cLong.withName("tv_sec"), cLong.withName("tv_usec"),
                JAVA_INT.withName("caplen"), JAVA_INT.withName("len")).withName("pcap_pkthdr");
        timestampSecondsOffset = packetHeader.byteOffset(MemoryLayout.PathElement.groupElement("tv_sec"));
        timestampFractionOffset = packetHeader.byteOffset(MemoryLayout.PathElement.groupElement("tv_usec"));
        statistics = os == OperatingSystem.WINDOWS
                ? MemoryLayout.structLayout(JAVA_INT.withName("ps_recv"), JAVA_INT.withName("ps_drop"), JAVA_INT.withName("ps_ifdrop"),
                        JAVA_INT.withName("ps_capt"), JAVA_INT.withName("ps_sent"), JAVA_INT.withName("ps_netdrop")).withName("pcap_stat")
                : MemoryLayout.structLayout(JAVA_INT.withName("ps_recv"), JAVA_INT.withName("ps_drop"), JAVA_INT.withName("ps_ifdrop")).withName("pcap_stat");
        interfaceEntry = MemoryLayout.structLayout(
                ADDRESS.withName("next"), ADDRESS.withName("name"), ADDRESS.withName("description"),
                ADDRESS.withName("addresses"), JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4)).withName("pcap_if");
        addressEntry = MemoryLayout.structLayout(
                ADDRESS.withName("next"), ADDRESS.withName("addr"), ADDRESS.withName("netmask"),
                ADDRESS.withName("broadaddr"), ADDRESS.withName("dstaddr")).withName("pcap_addr");
        bpfProgram = MemoryLayout.structLayout(
                JAVA_INT.withName("bf_len"), MemoryLayout.paddingLayout(4), ADDRESS.withName("bf_insns")).withName("bpf_program");
    }

    public OperatingSystem os() { return os; }

    public long packetHeaderSize() { return packetHeader.byteSize(); }

    public long statisticsSize() { return statistics.byteSize(); }

    /** Seconds of a packet header's time stamp at {@code address} in {@code memory}. */
    long timestampSeconds(MemorySegment memory, long address) {
        return timevalFieldsAreLong
                ? memory.get(JAVA_LONG, address + timestampSecondsOffset)
                : Integer.toUnsignedLong(memory.get(JAVA_INT, address + timestampSecondsOffset));
    }

    /** Micro- or nanoseconds of a packet header's time stamp, as the handle's precision says. */
    long timestampFraction(MemorySegment memory, long address) {
        return timevalFieldsAreLong
                ? memory.get(JAVA_LONG, address + timestampFractionOffset)
                : Integer.toUnsignedLong(memory.get(JAVA_INT, address + timestampFractionOffset));
    }

    long capturedLengthOffset() {
        return packetHeader.byteOffset(MemoryLayout.PathElement.groupElement("caplen"));
    }

    long originalLengthOffset() {
        return packetHeader.byteOffset(MemoryLayout.PathElement.groupElement("len"));
    }

    /** The address family of a {@code struct sockaddr}. */
    int addressFamily(MemorySegment sockaddr) {
        return isBsd() ? Byte.toUnsignedInt(sockaddr.get(JAVA_BYTE, 1)) : Short.toUnsignedInt(sockaddr.get(JAVA_SHORT, 0));
    }

    int inet6Family() {
        return switch (os) {
            case LINUX -> 10;
            case MACOS -> 30;
            case WINDOWS -> 23;
            // FreeBSD and OpenBSD use 28, NetBSD 24.
            case OTHER_UNIX -> 28;
        };
    }

    private boolean isBsd() {
        return os == OperatingSystem.MACOS || os == OperatingSystem.OTHER_UNIX;
    }

    /** {@code sockaddr_in.sin_addr} and {@code sockaddr_in6.sin6_addr} offsets: the same on every OS. */
    static final long INET_ADDRESS_OFFSET = 4;
    static final long INET6_ADDRESS_OFFSET = 8;
}
