package dev.tapdeck.capture.pcap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real libpcap of this machine (installed by .ci/run), called through FFM. */
class LibpcapTest {

    @Test
    void loadsTheSystemLibrary() throws Exception {
        Libpcap pcap = Libpcap.system();
        assertThat(pcap.version()).startsWith("libpcap version ");
        assertThat(Libpcap.libraryNames(OperatingSystem.LINUX)).contains(pcap.libraryName());
    }

    @Test
    void aMissingLibraryNamesWhatWasTriedAndWhatToInstall() {
        assertThatThrownBy(() -> Libpcap.load(OperatingSystem.LINUX, List.of("libpcap-does-not-exist.so.9")))
                .isInstanceOf(LibpcapUnavailableException.class)
                .hasMessageContaining("libpcap is not installed (tried libpcap-does-not-exist.so.9)")
                .hasMessageContaining("apt-get install libpcap0.8");
    }

    @Test
    void listsTheLoopbackInterfaceWithItsAddressesAndLinkType() throws Exception {
        List<CaptureInterface> interfaces = Libpcap.system().interfaces();

        CaptureInterface lo = interfaces.stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
        assertThat(lo.loopback()).isTrue();
        assertThat(lo.up()).isTrue();
        assertThat(lo.addresses()).extracting(CaptureInterface.Address::address).contains("127.0.0.1");
        assertThat(lo.addresses()).filteredOn(a -> a.address().equals("127.0.0.1"))
                .extracting(CaptureInterface.Address::netmask).containsExactly("255.0.0.0");
        assertThat(lo.linkType()).isEqualTo(1); // Linux gives lo an Ethernet header
    }

    @Test
    void aFilterIsCheckedWithLibpcapsOwnMessage() throws Exception {
        try (PcapHandle dead = PcapHandle.openDead(Libpcap.system(), 1, 65535)) {
            dead.checkFilter("udp port 53 and host 127.0.0.1");
            assertThatThrownBy(() -> dead.checkFilter("udp prot 53"))
                    .isInstanceOf(PcapException.class)
                    .hasMessageStartingWith("bad capture filter \"udp prot 53\": ")
                    .hasMessageContaining("syntax error");
        }
    }

    @Test
    void anUnknownDeviceIsRefused() throws Exception {
        assertThatThrownBy(() -> PcapHandle.openLive(Libpcap.system(), "tapdeck-no-such0", PcapHandle.Options.defaults()))
                .isInstanceOf(PcapException.class)
                .hasMessageContaining("cannot capture on tapdeck-no-such0")
                .satisfies(e -> assertThat(((PcapException) e).status()).isEqualTo(PcapException.NO_SUCH_DEVICE));
    }
}
