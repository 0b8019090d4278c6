package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** This machine's kernel, through netlink and through /proc/net, with sockets this JVM holds. */
class LinuxSocketInventoryTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void netlinkAndProcNetListTheSameSocketsOfThisProcessAndBothFindItAsTheirOwner() throws Exception {
        InetAddress loopback6 = Inet6Address.getByName("::1");
        try (ServerSocket listener = new ServerSocket(0, 10, LOOPBACK);
             Socket client = new Socket(LOOPBACK, listener.getLocalPort());
             Socket accepted = listener.accept();
             ServerSocket listener6 = new ServerSocket(0, 10, loopback6);
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket udp6 = new DatagramSocket(new InetSocketAddress(loopback6, 0))) {
            List<OwnedSocket> expected = new ArrayList<>();
            ProcessInfo me = me();
            expected.add(new OwnedSocket(tcp(LOOPBACK, listener.getLocalPort()), null, me));
            expected.add(new OwnedSocket(tcp(LOOPBACK, client.getLocalPort()), tcp(LOOPBACK, listener.getLocalPort()), me));
            expected.add(new OwnedSocket(tcp(LOOPBACK, listener.getLocalPort()), tcp(LOOPBACK, client.getLocalPort()), me));
            expected.add(new OwnedSocket(tcp(loopback6, listener6.getLocalPort()), null, me));
            expected.add(new OwnedSocket(new SocketEndpoint(17, LOOPBACK, udp.getLocalPort()), null, me));
            expected.add(new OwnedSocket(new SocketEndpoint(17, loopback6, udp6.getLocalPort()), null, me));

            LinuxSocketInventory netlink = LinuxSocketInventory.create();
            LinuxSocketInventory procNet = new LinuxSocketInventory(null, Path.of("/proc"), Path.of("/etc/passwd"));
            assertThat(procNet.method()).isEqualTo("/proc/net, owners from /proc/PID/fd");

            List<OwnedSocket> fromNetlink = netlink.scan();
            List<OwnedSocket> fromProcNet = procNet.scan();
            assertThat(netlink.method()).as("every dump through netlink").isEqualTo("netlink sock_diag, owners from /proc/PID/fd");
            assertThat(fromNetlink).containsAll(expected);
            assertThat(fromProcNet).containsAll(expected);
            assertThat(mine(fromNetlink)).containsExactlyInAnyOrderElementsOf(mine(fromProcNet));
        }
    }

    @Test
    void netlinkFindsOneSocketByItsEnds() throws Exception {
        LinuxSocketInventory inventory = LinuxSocketInventory.create();
        ProcessInfo me = me();
        try (ServerSocket listener = new ServerSocket(0, 10, LOOPBACK);
             Socket client = new Socket(LOOPBACK, listener.getLocalPort());
             DatagramSocket unconnected = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
             DatagramSocket connected = new DatagramSocket(new InetSocketAddress(Inet6Address.getByName("::1"), 0))) {
            SocketEndpoint server = tcp(LOOPBACK, listener.getLocalPort());
            SocketEndpoint clientEnd = tcp(LOOPBACK, client.getLocalPort());
            assertThat(inventory.find(clientEnd, server)).contains(new OwnedSocket(clientEnd, server, me));
            // Not accepted yet, the connection's other end is in the listener's queue: the listener answers for it.
            SocketEndpoint newClient = tcp(LOOPBACK, 1);
            assertThat(inventory.find(server, newClient)).contains(new OwnedSocket(server, null, me));

            SocketEndpoint udpPeer = new SocketEndpoint(17, LOOPBACK, 9);
            SocketEndpoint udpHere = new SocketEndpoint(17, LOOPBACK, unconnected.getLocalPort());
            assertThat(inventory.find(udpHere, udpPeer)).map(OwnedSocket::owner).contains(me);

            InetAddress loopback6 = Inet6Address.getByName("::1");
            connected.connect(new InetSocketAddress(loopback6, 9));
            SocketEndpoint connectedHere = new SocketEndpoint(17, loopback6, connected.getLocalPort());
            SocketEndpoint connectedPeer = new SocketEndpoint(17, loopback6, 9);
            assertThat(inventory.find(connectedHere, connectedPeer))
                    .contains(new OwnedSocket(connectedHere, connectedPeer, me));

            assertThat(inventory.find(tcp(LOOPBACK, 1), tcp(LOOPBACK, 2))).as("no such socket").isEmpty();
        }
    }

    private static List<OwnedSocket> mine(List<OwnedSocket> sockets) {
        long pid = ProcessHandle.current().pid();
        return sockets.stream().filter(socket -> socket.owner().pid() == pid).toList();
    }

    private static SocketEndpoint tcp(InetAddress address, int port) {
        return new SocketEndpoint(6, address, port);
    }

    /** This JVM as /proc describes it, read here independently of the class under test. */
    private static ProcessInfo me() throws Exception {
        Path self = Path.of("/proc/self");
        String name = Files.readString(self.resolve("comm")).strip();
        String commandLine = Files.readString(self.resolve("cmdline")).replace('\0', ' ').strip();
        int uid = (Integer) Files.getAttribute(self, "unix:uid");
        String user = Files.readAllLines(Path.of("/etc/passwd")).stream().map(line -> line.split(":"))
                .filter(fields -> fields[2].equals(Integer.toString(uid))).map(fields -> fields[0]).findFirst().orElseThrow();
        return new ProcessInfo((int) ProcessHandle.current().pid(), name, commandLine, user,
                ContainerIds.fromCgroup(Files.readString(self.resolve("cgroup"))));
    }
}
