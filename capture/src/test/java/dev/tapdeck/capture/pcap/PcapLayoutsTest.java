package dev.tapdeck.capture.pcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-OS struct layouts, checked against the C headers of each platform (64-bit). */
class PcapLayoutsTest {

    @ParameterizedTest
    @CsvSource({
            // os,        pcap_pkthdr, pcap_stat, caplen at, len at
            "LINUX,       24,          12,        16,        20",
            "MACOS,       24,          12,        16,        20",
            "OTHER_UNIX,  24,          12,        16,        20",
            "WINDOWS,     16,          24,        8,         12",
    })
    void packetHeaderAndStatisticsSizes(OperatingSystem os, long headerSize, long statSize, long caplenAt, long lenAt) {
        PcapLayouts layouts = new PcapLayouts(os);
        assertThat(layouts.packetHeaderSize()).isEqualTo(headerSize);
        assertThat(layouts.statisticsSize()).isEqualTo(statSize);
        assertThat(layouts.capturedLengthOffset()).isEqualTo(caplenAt);
        assertThat(layouts.originalLengthOffset()).isEqualTo(lenAt);
        // pcap_if, pcap_addr and bpf_program are pointers and ints: the same on every 64-bit OS.
        assertThat(layouts.interfaceEntry.byteSize()).isEqualTo(40);
        assertThat(layouts.addressEntry.byteSize()).isEqualTo(40);
        assertThat(layouts.bpfProgram.byteSize()).isEqualTo(16);
    }

    @Test
    void timestampsReadAsTheOsWritesThem() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment unix = arena.allocate(24);
            unix.set(JAVA_LONG, 0, 1_763_000_000L);
            unix.set(JAVA_LONG, 8, 123_456L);
            PcapLayouts linux = new PcapLayouts(OperatingSystem.LINUX);
            assertThat(linux.timestampSeconds(unix, 0)).isEqualTo(1_763_000_000L);
            assertThat(linux.timestampFraction(unix, 0)).isEqualTo(123_456L);

            MemorySegment windows = arena.allocate(16);
            windows.set(JAVA_INT, 0, (int) 3_000_000_000L); // past 2038 reads unsigned
            windows.set(JAVA_INT, 4, 999_999);
            PcapLayouts win = new PcapLayouts(OperatingSystem.WINDOWS);
            assertThat(win.timestampSeconds(windows, 0)).isEqualTo(3_000_000_000L);
            assertThat(win.timestampFraction(windows, 0)).isEqualTo(999_999L);
        }
    }

    @Test
    void socketAddressFamilyFollowsTheOsHeader() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linuxInet6 = arena.allocate(28);
            linuxInet6.set(JAVA_SHORT, 0, (short) 10);
            assertThat(new PcapLayouts(OperatingSystem.LINUX).addressFamily(linuxInet6))
                    .isEqualTo(new PcapLayouts(OperatingSystem.LINUX).inet6Family());

            MemorySegment bsdInet6 = arena.allocate(28);
            bsdInet6.set(JAVA_BYTE, 0, (byte) 28); // sa_len
            bsdInet6.set(JAVA_BYTE, 1, (byte) 30); // AF_INET6 on macOS
            PcapLayouts mac = new PcapLayouts(OperatingSystem.MACOS);
            assertThat(mac.addressFamily(bsdInet6)).isEqualTo(mac.inet6Family()).isEqualTo(30);

            MemorySegment windowsInet6 = arena.allocate(28);
            windowsInet6.set(JAVA_SHORT, 0, (short) 23);
            PcapLayouts win = new PcapLayouts(OperatingSystem.WINDOWS);
            assertThat(win.addressFamily(windowsInet6)).isEqualTo(win.inet6Family());
        }
    }

    @ParameterizedTest
    @CsvSource({"Linux, LINUX", "Mac OS X, MACOS", "Windows 11, WINDOWS", "Windows Server 2022, WINDOWS", "FreeBSD, OTHER_UNIX"})
    void operatingSystemFromItsName(String name, OperatingSystem expected) {
        assertThat(OperatingSystem.of(name)).isEqualTo(expected);
    }
}
