package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.pcap.OperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Which program owns the local end of a flow: the attribution engine (issue 14).
 *
 * <p>The engine keeps a table of this machine's TCP and UDP sockets with their owning processes,
 * taken from the OS ({@link #method()} says how), and answers from it. A table is taken every
 * {@link Settings#refreshPeriod} by a background thread once {@link #start() started}. A flow
 * with an end on this machine whose socket the table lacks (it is newer than the table) is
 * asked of the OS by its ends where the OS can answer for one socket (Linux), else a new table
 * is taken at once if the last one is older than {@link Settings#minimumRefreshInterval}.
 * Sockets that left the table, and the answers, stay findable for {@link Settings#lookBack},
 * so a short-lived connection is still attributed when its first packet is looked at after
 * the program closed it, as long as a table or an answer saw it open. One that opened and
 * closed before either did is not: it is counted as unattributed, never guessed.
 *
 * <p>Look up once per flow, on its first packet: a lookup costs a few hash probes when the
 * table has the socket, a question to the OS (or a new table) when it does not, or when it
 * has only the responder's socket while the initiator's address is this machine's (a local
 * client talking to a local server). Safe for use from several threads.
 */
public final class SocketOwners implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketOwners.class);
    /** Interface addresses change rarely; asking for them costs more than a hash probe. */
    private static final long INTERFACE_ADDRESS_PERIOD_NANOS = Duration.ofSeconds(5).toNanos();
    /** A bound on the look-back when refreshes come fast (on-demand ones after many misses). */
    private static final int MAX_LOOK_BACK_TABLES = 64;
    /** Past this many answers kept, the expired ones go at once rather than at the next table. */
    private static final int ANSWERS_BEFORE_PRUNING = 4096;

    /**
     * @param refreshPeriod          how often the background thread takes a new table
     * @param lookBack               how long a socket that left the table stays findable
     * @param minimumRefreshInterval the least time between two tables taken for lookups that
     *                               missed, so a burst of unknown flows (a port scan) costs one
     *                               scan, not one each
     */
    public record Settings(Duration refreshPeriod, Duration lookBack, Duration minimumRefreshInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(50));
        }

        public Settings {
            for (Duration duration : List.of(refreshPeriod, lookBack, minimumRefreshInterval)) {
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("socket attribution times cannot be negative: " + duration);
                }
            }
        }
    }

    /**
     * What the engine has done since it was made.
     *
     * @param lookups                flows looked up
     * @param attributed             of those, attributed (from a table, an answer of the OS, or the look-back)
     * @param attributedFromLookBack of those, attributed from a socket that had already left the table
     * @param unattributed           looked up and left unknown (a socket gone before any table
     *                               saw it, a remote-only flow, or an owner the OS would not show)
     * @param refreshes              tables taken
     * @param failedRefreshes        tables that could not be taken (the last error is logged)
     * @param sockets                sockets with a known owner in the latest table
     * @param lastRefreshNanos       how long taking the latest table took
     */
    public record Counters(long lookups, long attributed, long attributedFromLookBack, long unattributed,
                           long refreshes, long failedRefreshes, int sockets, long lastRefreshNanos) {
    }

    /** The tables a lookup reads: published whole, so a reader never sees one half-built. */
    private record Snapshot(SocketTable current, List<SocketTable> departed, Set<InetAddress> localAddresses) {
    }

    private final SocketInventory inventory;
    private final Settings settings;
    private final LongSupplier nanoClock;
    private volatile Snapshot snapshot;
    /** Flows the OS was asked about one by one, by their ends as seen from the local one. */
    private final Map<SocketTable.Connection, Answer> answers = new ConcurrentHashMap<>();
    private volatile long lastRefreshStartNanos;
    private Set<InetAddress> interfaceAddresses = Set.of();
    private long interfaceAddressesNanos;
    private boolean interfaceAddressesRead;
    private Thread refresher;

    private final LongAdder lookups = new LongAdder();
    private final LongAdder attributed = new LongAdder();
    private final LongAdder attributedFromLookBack = new LongAdder();
    private final LongAdder unattributed = new LongAdder();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong failedRefreshes = new AtomicLong();
    private volatile long lastRefreshNanos;
    private volatile int socketsInLastTable;

    SocketOwners(SocketInventory inventory, Settings settings, LongSupplier nanoClock) {
        this.inventory = inventory;
        this.settings = settings;
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.lastRefreshStartNanos = now - settings.minimumRefreshInterval.toNanos();
        this.snapshot = new Snapshot(SocketTable.EMPTY, List.of(), interfaceAddresses(now));
    }

    /**
     * The engine for the OS this JVM runs on. Linux reads the sockets through netlink
     * {@code sock_diag} (falling back to {@code /proc/net}) and their owners from
     * {@code /proc}; macOS through libproc; Windows through the IP Helper owner-pid tables.
     *
     * @throws UnsupportedOperationException on another OS
     */
    public static SocketOwners forThisMachine(Settings settings) {
        SocketInventory inventory = switch (OperatingSystem.current()) {
            case LINUX -> LinuxSocketInventory.create();
            case MACOS -> MacSocketInventory.create();
            case WINDOWS -> WindowsSocketInventory.create();
            case OTHER_UNIX -> throw new UnsupportedOperationException(
                    "telling which program owns a socket is written for Linux, macOS and Windows only, not "
                            + System.getProperty("os.name"));
        };
        return new SocketOwners(inventory, settings, System::nanoTime);
    }

    /** How this machine's sockets are listed, e.g. "netlink sock_diag, owners from /proc". */
    public String method() {
        return inventory.method();
    }

    /**
     * The local program at one end of a flow, the initiator's end first (so a connection
     * between two local programs belongs to the one that opened it), else the responder's.
     * Called once per flow, on its first packet; counted in {@link #counters()}.
     *
     * @param ipProtocol 6 (TCP) or 17 (UDP); any other protocol has no owner
     */
    public Optional<ProcessInfo> ownerOf(int ipProtocol, InetAddress initiator, int initiatorPort,
                                         InetAddress responder, int responderPort) {
        lookups.increment();
        if (ipProtocol != SocketEndpoint.TCP && ipProtocol != SocketEndpoint.UDP) {
            unattributed.increment();
            return Optional.empty();
        }
        SocketEndpoint first = new SocketEndpoint(ipProtocol, initiator, initiatorPort);
        SocketEndpoint second = new SocketEndpoint(ipProtocol, responder, responderPort);
        Found found = find(snapshot, first, second);
        if (mayBeBetter(found, snapshot, first)) {
            found = better(found, askTheOs(first, second, snapshot.localAddresses));
        }
        if (mayBeBetter(found, snapshot, first) && hasLocalEnd(snapshot, first, second)
                && nanoClock.getAsLong() - lastRefreshStartNanos >= settings.minimumRefreshInterval.toNanos()) {
            refreshQuietly();
            found = better(found, find(snapshot, first, second));
        }
        if (found == null) {
            unattributed.increment();
            return Optional.empty();
        }
        attributed.increment();
        if (found.fromLookBack) {
            attributedFromLookBack.increment();
        }
        return Optional.of(found.owner);
    }

    /** An owner, and where it was found. */
    private record Found(ProcessInfo owner, boolean initiatorEnd, boolean fromLookBack) {
    }

    /** An owner the OS named for one flow's ends when asked, and when. */
    private record Answer(ProcessInfo owner, long askedNanos) {
    }

    /**
     * Whether a new look might answer better: when nothing was found, and when the initiator
     * is on this machine but only the responder's socket was found (the initiator's socket is
     * too new for the table: a local client's connection to a local server, seen on loopback).
     */
    private static boolean mayBeBetter(Found found, Snapshot tables, SocketEndpoint initiator) {
        return found == null || (!found.initiatorEnd && tables.localAddresses.contains(initiator.address()));
    }

    /** A flow between two other machines (seen on a mirror port) has no socket here to look for. */
    private static boolean hasLocalEnd(Snapshot tables, SocketEndpoint initiator, SocketEndpoint responder) {
        return tables.localAddresses.contains(initiator.address()) || tables.localAddresses.contains(responder.address());
    }

    private static Found better(Found found, Found again) {
        return found == null || (again != null && again.initiatorEnd) ? again : found;
    }

    private Found find(Snapshot tables, SocketEndpoint initiator, SocketEndpoint responder) {
        long oldest = nanoClock.getAsLong() - settings.lookBack.toNanos();
        for (SocketEndpoint local : List.of(initiator, responder)) {
            SocketEndpoint remote = local == initiator ? responder : initiator;
            boolean localAddress = tables.localAddresses.contains(local.address());
            ProcessInfo owner = tables.current.ownerOf(local, remote, localAddress);
            if (owner != null) {
                return new Found(owner, local == initiator, false);
            }
            Answer answer = answers.get(new SocketTable.Connection(local, remote));
            if (answer != null && answer.askedNanos - oldest >= 0) {
                return new Found(answer.owner, local == initiator, answer.askedNanos - tables.current.takenNanos() < 0);
            }
            for (SocketTable departed : tables.departed) {
                if (departed.takenNanos() - oldest < 0) {
                    break;
                }
                owner = departed.ownerOf(local, remote, localAddress);
                if (owner != null) {
                    return new Found(owner, local == initiator, true);
                }
            }
        }
        return null;
    }

    /**
     * Asks the OS about this flow's socket on each end that is this machine's, the initiator's
     * first, where the OS can answer for one socket (Linux: a netlink lookup by both ends).
     * The answer is kept for the look-back, as the socket may be gone before the next table.
     */
    private synchronized Found askTheOs(SocketEndpoint initiator, SocketEndpoint responder, Set<InetAddress> localAddresses) {
        for (SocketEndpoint local : List.of(initiator, responder)) {
            if (!localAddresses.contains(local.address())) {
                continue;
            }
            SocketEndpoint remote = local == initiator ? responder : initiator;
            try {
                Optional<OwnedSocket> socket = inventory.find(local, remote);
                if (socket.isPresent()) {
                    ProcessInfo owner = socket.get().owner();
                    long now = nanoClock.getAsLong();
                    if (answers.size() >= ANSWERS_BEFORE_PRUNING) {
                        // No table taken for a while (the background thread not started): keep memory bounded.
                        long oldest = now - settings.lookBack.toNanos();
                        answers.values().removeIf(answer -> answer.askedNanos - oldest < 0);
                    }
                    answers.put(new SocketTable.Connection(local, remote), new Answer(owner, now));
                    return new Found(owner, local == initiator, false);
                }
            } catch (IOException e) {
                log.debug("cannot ask for the socket {} -> {}: {}", local, remote, e.getMessage());
            }
        }
        return null;
    }

    /**
     * Takes a new table now: what the OS lists replaces the current table, and the sockets that
     * left it go to the look-back.
     *
     * @throws UncheckedIOException when the OS would not list its sockets
     */
    public synchronized void refresh() {
        long start = nanoClock.getAsLong();
        lastRefreshStartNanos = start;
        List<OwnedSocket> sockets;
        try {
            sockets = inventory.scan();
        } catch (IOException e) {
            failedRefreshes.incrementAndGet();
            throw new UncheckedIOException("cannot list this machine's sockets (" + inventory.method() + "): "
                    + e.getMessage(), e);
        }
        SocketTable table = new SocketTable(sockets, start);
        Snapshot previous = snapshot;
        List<SocketTable> departed = new ArrayList<>(previous.departed.size() + 1);
        SocketTable gone = table.departedSince(previous.current);
        if (!gone.isEmpty()) {
            departed.add(gone);
        }
        long oldest = start - settings.lookBack.toNanos();
        for (SocketTable older : previous.departed) {
            if (older.takenNanos() - oldest >= 0 && departed.size() < MAX_LOOK_BACK_TABLES) {
                departed.add(older);
            }
        }
        answers.values().removeIf(answer -> answer.askedNanos - oldest < 0);
        Set<InetAddress> localAddresses = new HashSet<>(interfaceAddresses(start));
        table.addLocalAddresses(localAddresses);
        snapshot = new Snapshot(table, List.copyOf(departed), Set.copyOf(localAddresses));
        refreshes.incrementAndGet();
        socketsInLastTable = sockets.size();
        lastRefreshNanos = nanoClock.getAsLong() - start;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (UncheckedIOException e) {
            log.warn("{}", e.getMessage());
        }
    }

    private Set<InetAddress> interfaceAddresses(long now) {
        if (!interfaceAddressesRead || now - interfaceAddressesNanos >= INTERFACE_ADDRESS_PERIOD_NANOS) {
            Set<InetAddress> found = new HashSet<>();
            try {
                NetworkInterface.networkInterfaces().forEach(nic -> nic.inetAddresses()
                        .forEach(address -> found.add(new SocketEndpoint(0, address, 0).address())));
            } catch (SocketException e) {
                log.debug("cannot list interface addresses: {}", e.getMessage());
            }
            interfaceAddresses = found;
            interfaceAddressesNanos = now;
            interfaceAddressesRead = true;
        }
        return interfaceAddresses;
    }

    /** Starts taking a table every {@link Settings#refreshPeriod} on a daemon thread, the first at once. */
    public synchronized void start() {
        if (refresher != null) {
            throw new IllegalStateException("socket attribution is already running");
        }
        refresher = Thread.ofPlatform().daemon().name("socket-owners").start(this::refreshUntilClosed);
    }

    private void refreshUntilClosed() {
        String lastFailure = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                refresh();
                if (lastFailure != null) {
                    log.info("socket attribution works again ({})", inventory.method());
                    lastFailure = null;
                }
            } catch (UncheckedIOException e) {
                if (!e.getMessage().equals(lastFailure)) {
                    log.warn("{}", e.getMessage());
                    lastFailure = e.getMessage();
                }
            }
            try {
                Thread.sleep(settings.refreshPeriod);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public Counters counters() {
        return new Counters(lookups.sum(), attributed.sum(), attributedFromLookBack.sum(), unattributed.sum(),
                refreshes.get(), failedRefreshes.get(), socketsInLastTable, lastRefreshNanos);
    }

    /** Stops the background thread, if started, and waits for it. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = refresher;
            refresher = null;
        }
        BackgroundThread.stop(running);
    }
}
