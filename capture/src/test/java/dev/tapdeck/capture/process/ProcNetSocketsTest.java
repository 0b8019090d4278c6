package dev.tapdeck.capture.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The /proc/net socket tables, as Linux writes them on a little-endian machine. */
class ProcNetSocketsTest {
    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @Test
    void readsAnIpv4ListenerAndAConnectionAndLeavesOutTimeWait() throws IOException {
        List<KernelSocket> sockets = new ArrayList<>();
        ProcNetSockets.parse(HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0\n"
                + "   1: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 65534        0 4243 1 0000000000000000 20 4 30 10 -1\n"
                + "   2: 0100007F:C351 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000\n",
                SocketEndpoint.TCP, sockets);
        assertThat(sockets).containsExactly(
                new KernelSocket(new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 8080), null, 1000, 4242),
                new KernelSocket(new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 50000),
                        new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 8080), 65534, 4243));
    }

    @Test
    void readsIpv6AndIpv4MappedAddresses() throws IOException {
        List<KernelSocket> sockets = new ArrayList<>();
        ProcNetSockets.parse(HEADER
                + "   0: 00000000000000000000000001000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 77 2 0000000000000000 0\n"
                + "   1: 0000000000000000FFFF00000100007F:A000 0000000000000000FFFF00000200007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 78 2 0000000000000000 0\n"
                + "   2: B80D0120000000000000000001000000:1000 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 79 2 0000000000000000 0\n",
                SocketEndpoint.UDP, sockets);
        assertThat(sockets).extracting(socket -> socket.local().address()).containsExactly(
                InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"), InetAddress.getByName("2001:db8::1"));
        assertThat(sockets.get(1).remote()).isEqualTo(new SocketEndpoint(17, InetAddress.getByName("127.0.0.2"), 80));
        assertThat(sockets.get(0).local().port()).isEqualTo(53);
    }

    @Test
    void aDamagedLineIsNamed() {
        assertThatThrownBy(() -> ProcNetSockets.parse(HEADER + "   0: 0100007F:1F90 garbage\n", SocketEndpoint.TCP, new ArrayList<>()))
                .isInstanceOf(IOException.class)
                .hasMessage("line 2 of a /proc/net socket table does not read: 0: 0100007F:1F90 garbage");
    }
}
