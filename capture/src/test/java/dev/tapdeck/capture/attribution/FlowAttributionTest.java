package dev.tapdeck.capture.attribution;

import dev.tapdeck.analysis.FlowOwners;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.process.SocketOwners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Questions asked on one thread, answered on the worker, collected on the first again: a real
 * connection of this JVM is attributed to this JVM by {@link SocketOwners}; a lookup that
 * blocks holds back nobody, its queue refuses what it has no room for.
 */
@Timeout(30)
class FlowAttributionTest {
    private record Owner(int entry, long flowId, ProcessInfo process) { }

    private static long high(InetAddress address) {
        return ByteBuffer.wrap(mapped(address)).getLong(0);
    }

    private static long low(InetAddress address) {
        return ByteBuffer.wrap(mapped(address)).getLong(8);
    }

    /** 16 bytes, IPv4 as IPv4-mapped IPv6, as the flow table asks. */
    private static byte[] mapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, v6, 12, 4);
        return v6;
    }

    private static List<Owner> collectUntil(FlowAttribution attribution, int count) throws InterruptedException {
        List<Owner> owners = new ArrayList<>();
        while (owners.size() < count) {
            attribution.collect((entry, flowId, process) -> owners.add(new Owner(entry, flowId, process)));
            Thread.sleep(5);
        }
        return owners;
    }

    @Test
    void aConnectionOfThisProgramIsAttributedToIt() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SocketOwners sockets = SocketOwners.forThisMachine(SocketOwners.Settings.defaults());
             FlowAttribution attribution = new FlowAttribution(sockets::ownerOf, 16);
             ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(loopback, server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                boolean asked = attribution.ask(3, 42, 6, high(loopback), low(loopback), client.getLocalPort(),
                        high(loopback), low(loopback), server.getLocalPort());
                assertThat(asked).isTrue();
                Owner owner = collectUntil(attribution, 1).getFirst();
                assertThat(owner.entry()).isEqualTo(3);
                assertThat(owner.flowId()).isEqualTo(42);
                assertThat(owner.process()).isNotNull();
                assertThat((long) owner.process().pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(owner.process().name()).startsWith("java");
            }
        }
    }

    @Test
    void aBlockedLookupFillsTheQueueAndTheRestIsRefusedNotWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> looked = new ArrayList<>();
        FlowAttribution.Lookup slow = (protocol, initiator, initiatorPort, responder, responderPort) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (looked) {
                looked.add(initiator.getHostAddress() + ":" + initiatorPort);
            }
            return Optional.empty();
        };
        InetAddress host = InetAddress.getByName("192.0.2.1");
        try (FlowAttribution attribution = new FlowAttribution(slow, 2)) {
            List<Boolean> asked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                asked.add(attribution.ask(i, i + 1, 17, high(host), low(host), 5000 + i, high(host), low(host), 53));
            }
            // The worker took the first question and waits in the lookup; two more fit the queue.
            assertThat(asked.subList(0, 1)).containsExactly(true);
            assertThat(asked.stream().filter(ok -> ok).count()).isBetween(2L, 3L);
            release.countDown();
            List<Owner> owners = collectUntil(attribution, (int) asked.stream().filter(ok -> ok).count());
            assertThat(owners).allSatisfy(owner -> assertThat(owner.process()).isNull());
            assertThat(owners).extracting(Owner::flowId).startsWith(1L, 2L);
            assertThat(looked.getFirst()).isEqualTo("192.0.2.1:5000");
        }
    }

    @Test
    void addressesGoAndComeBackAsTheFlowTableKeysThem() {
        InetAddress v4 = FlowOwners.address(0, 0xffff_0000_0000L | 0xc000_0201L);
        assertThat(v4.getHostAddress()).isEqualTo("192.0.2.1");
    }
}
