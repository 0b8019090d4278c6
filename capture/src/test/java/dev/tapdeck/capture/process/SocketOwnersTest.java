package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.process.SocketOwners.Counters;
import dev.tapdeck.capture.process.SocketOwners.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's rules, over socket tables given in turn (as an OS would list them between two
 * scans) and a clock the test moves: which end is asked first, the look-back, refreshes on a
 * miss, ambiguity, and the counters.
 */
class SocketOwnersTest {
    private static final ProcessInfo CURL = new ProcessInfo(4321, "curl", "curl http://127.0.0.1:8000/", "alice", null);
    private static final ProcessInfo SERVER = new ProcessInfo(4000, "python3", "python3 -m http.server", "alice", null);
    private static final ProcessInfo RESOLVER = new ProcessInfo(300, "systemd-resolve", "", "systemd-resolve", null);
    private static final ProcessInfo OTHER = new ProcessInfo(301, "other", "", "bob", null);
    private static final Settings SETTINGS = new Settings(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMillis(10));

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TablesInTurn tables = new TablesInTurn();
    private final SocketOwners owners = new SocketOwners(tables, SETTINGS, clock::get);

    private static SocketEndpoint tcp(String address, int port) {
        return new SocketEndpoint(6, inet(address), port);
    }

    private static SocketEndpoint udp(String address, int port) {
        return new SocketEndpoint(17, inet(address), port);
    }

    @Test
    void aConnectionBetweenTwoLocalProgramsBelongsToTheOneThatOpenedIt() {
        tables.next(List.of(
                new OwnedSocket(tcp("127.0.0.1", 8000), null, SERVER),
                new OwnedSocket(tcp("127.0.0.1", 8000), tcp("127.0.0.1", 51000), SERVER),
                new OwnedSocket(tcp("127.0.0.1", 51000), tcp("127.0.0.1", 8000), CURL)));
        owners.refresh();

        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).contains(CURL);
        assertThat(ownerOf(6, "127.0.0.1", 8000, "127.0.0.1", 51000)).contains(SERVER);
        // A new client the table has not seen yet: the listener's owner is all that is known.
        assertThat(ownerOf(6, "127.0.0.1", 52000, "127.0.0.1", 8000)).contains(SERVER);
        assertThat(owners.counters()).isEqualTo(new Counters(3, 3, 0, 0, 1, 0, 3, 0));
    }

    @Test
    void aSocketOnTheUnspecifiedAddressOwnsOnlyThisMachinesAddresses() {
        tables.next(List.of(new OwnedSocket(udp("0.0.0.0", 5353), null, RESOLVER)));
        owners.refresh();

        assertThat(ownerOf(17, "203.0.113.9", 5353, "127.0.0.1", 5353)).contains(RESOLVER);
        assertThat(ownerOf(17, "::1", 5353, "203.0.113.10", 5353)).as("an IPv6 end is not the IPv4 socket's").isEmpty();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(ownerOf(17, "203.0.113.9", 5353, "203.0.113.10", 5353)).as("neither end is here").isEmpty();
        assertThat(owners.counters()).as("a flow between two other machines costs no scan")
                .extracting(Counters::unattributed, Counters::refreshes).containsExactly(2L, 1L);
    }

    @Test
    void aLocalEndSharedByTwoProgramsNamesNeither() {
        // Two programs bound to the same port with SO_REUSEPORT: which one gets a datagram is the kernel's choice.
        tables.next(List.of(
                new OwnedSocket(udp("127.0.0.1", 9999), null, RESOLVER),
                new OwnedSocket(udp("127.0.0.1", 9999), null, OTHER)));
        owners.refresh();
        assertThat(ownerOf(17, "127.0.0.1", 40000, "127.0.0.1", 9999)).isEmpty();
    }

    @Test
    void aSocketThatLeftTheTableIsFoundDuringTheLookBackOnly() {
        tables.next(List.of(new OwnedSocket(tcp("127.0.0.1", 51000), tcp("127.0.0.1", 8000), CURL)));
        owners.refresh();
        tables.next(List.of());
        clock.addAndGet(Duration.ofMillis(100).toNanos());
        owners.refresh(); // curl has exited

        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).contains(CURL);
        assertThat(owners.counters().attributedFromLookBack()).isEqualTo(1);

        clock.addAndGet(Duration.ofMillis(2_000).toNanos());
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).as("2 s after the table without it").contains(CURL);
        clock.addAndGet(1);
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).as("then no longer").isEmpty();
        assertThat(owners.counters()).extracting(Counters::lookups, Counters::attributed, Counters::unattributed)
                .containsExactly(3L, 2L, 1L);
    }

    @Test
    void aMissTakesANewTableUnlessOneWasJustTaken() {
        tables.next(List.of());
        owners.refresh();
        tables.next(List.of(new OwnedSocket(tcp("127.0.0.1", 51000), tcp("127.0.0.1", 8000), CURL)));

        clock.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).as("5 ms after the last table").isEmpty();
        assertThat(owners.counters().refreshes()).isEqualTo(1);

        clock.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).contains(CURL);
        assertThat(owners.counters().refreshes()).isEqualTo(2);
    }

    @Test
    void aSocketTooNewForTheTableIsAskedOfTheOsAndKeptForTheLookBack() {
        OwnedSocket listener = new OwnedSocket(tcp("127.0.0.1", 8000), null, SERVER);
        OwnedSocket client = new OwnedSocket(tcp("127.0.0.1", 51000), tcp("127.0.0.1", 8000), CURL);
        tables.next(List.of(listener));
        owners.refresh();
        tables.osNow(List.of(listener, client));

        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).as("asked, no new table").contains(CURL);
        assertThat(owners.counters().refreshes()).isEqualTo(1);

        tables.osNow(List.of(listener)); // curl has exited before the next table
        clock.addAndGet(Duration.ofMillis(100).toNanos());
        owners.refresh();
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).contains(CURL);
        assertThat(owners.counters()).extracting(Counters::attributed, Counters::attributedFromLookBack).containsExactly(2L, 1L);

        clock.addAndGet(Duration.ofMillis(2_001).toNanos());
        owners.refresh();
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).as("after the look-back, the listener's").contains(SERVER);
    }

    @Test
    void aFailedScanLeavesFlowsUnknownAndIsCounted() {
        tables.failNext();
        clock.addAndGet(Duration.ofMillis(20).toNanos());
        assertThat(ownerOf(6, "127.0.0.1", 51000, "127.0.0.1", 8000)).isEmpty();
        assertThat(owners.counters()).extracting(Counters::failedRefreshes, Counters::unattributed).containsExactly(1L, 1L);
    }

    @Test
    void onlyTcpAndUdpHaveOwners() {
        tables.next(List.of(new OwnedSocket(udp("127.0.0.1", 9999), null, RESOLVER)));
        owners.refresh();
        assertThat(ownerOf(1, "127.0.0.1", 0, "127.0.0.1", 0)).isEmpty();
        assertThat(owners.counters().unattributed()).isEqualTo(1);
    }

    @Test
    void theBackgroundThreadTakesTablesUntilClosed() throws InterruptedException {
        try (SocketOwners running = new SocketOwners(tables, new Settings(Duration.ofMillis(5), Duration.ofSeconds(1),
                Duration.ofMillis(1)), System::nanoTime)) {
            tables.next(List.of());
            running.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (running.counters().refreshes() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(running.counters().refreshes()).isGreaterThanOrEqualTo(3);
            running.close();
            long afterClose = running.counters().refreshes();
            Thread.sleep(50);
            assertThat(running.counters().refreshes()).isEqualTo(afterClose);
        }
    }

    private Optional<ProcessInfo> ownerOf(int protocol, String initiator, int initiatorPort, String responder, int responderPort) {
        return owners.ownerOf(protocol, inet(initiator), initiatorPort, inet(responder), responderPort);
    }

    private static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Socket tables as the OS would list them in turn (the latest one is listed until the next
     * is given), and the connected sockets it names when asked for one.
     */
    private static final class TablesInTurn implements SocketInventory {
        private final Deque<List<OwnedSocket>> queued = new ArrayDeque<>();
        private List<OwnedSocket> latest = List.of();
        private List<OwnedSocket> osNow = List.of();
        private boolean fail;

        /** The sockets the OS has now, which it names when asked for one though no table listed them yet. */
        synchronized void osNow(List<OwnedSocket> sockets) {
            osNow = sockets;
        }

        @Override
        public synchronized Optional<OwnedSocket> find(SocketEndpoint local, SocketEndpoint remote) {
            return osNow.stream().filter(socket -> socket.local().equals(local) && remote.equals(socket.remote())).findFirst();
        }

        synchronized void next(List<OwnedSocket> sockets) {
            queued.add(sockets);
        }

        synchronized void failNext() {
            fail = true;
        }

        @Override
        public synchronized List<OwnedSocket> scan() throws IOException {
            if (fail) {
                fail = false;
                throw new IOException("no such table");
            }
            if (!queued.isEmpty()) {
                latest = queued.poll();
            }
            return latest;
        }

        @Override
        public String method() {
            return "tables in turn";
        }
    }
}
