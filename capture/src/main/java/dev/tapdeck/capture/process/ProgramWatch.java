package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.pcap.OperatingSystem;
import dev.tapdeck.collect.KeyIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Watches given programs' sockets, so that a capture can keep only their packets (issue 14,
 * {@code tapdeck capture --pid/--process/-- COMMAND}). Unlike {@link SocketOwners}, which asks
 * who owns any flow, this knows its targets: it reads only their {@code /proc/PID/fd}, which is
 * what lets a connection that lives a few milliseconds be caught.
 *
 * <p>Every {@link Settings#poll} a background thread lists {@code /proc}: a new process is
 * watched when its pid was given, its name is one of the names, or its parent is watched (a
 * child counts as the program, as in ptcpdump); a process first seen less than a second ago is
 * read again, since a fork is seen before its exec renames it. Then it reads the watched
 * processes' socket inodes and the kernel's socket list ({@code sock_diag}, else
 * {@code /proc/net}), which gives each inode its ends. A socket is matched once one fd reading
 * and one socket list saw it within {@link Settings#lookBack} of each other, in either order.
 *
 * <p>Sampling alone misses a connection shorter than a round (a curl to a local server holds its
 * socket for about a millisecond). So the packets that no snapshot claims are offered back by
 * {@link #lookFor}: the watch wakes at once, asks the kernel for the socket with exactly those
 * ends (netlink's hash lookup, about 0.1 ms) and reads the watched processes' descriptors for
 * its inode, while the socket still lives: its first packet is seen within microseconds of
 * its connect().
 *
 * <p>What it found is published as a {@link Sockets} snapshot, immutable and read without
 * locks or allocation by the capture's consumer thread. A watched socket stays in it for
 * {@link Settings#linger} after its program closed it, for the closing handshake's packets.
 */
public final class ProgramWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgramWatch.class);
    /** IPv4 addresses are packed as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2), so one key shape fits both. */
    static final long IPV4_MAPPED = 0xffff_0000_0000L;
    /** How long a new process is read again: a fork's exec, or its parent's, comes soon after it. */
    private static final long YOUNG_NANOS = Duration.ofSeconds(1).toNanos();
    /** How often the kernel's socket list is read when no watched socket is new (to tell others' packets). */
    private static final long IDLE_LIST_NANOS = Duration.ofMillis(100).toNanos();
    /**
     * How long a watched socket the kernel's list lacks is looked for in every round: a TCP
     * socket is listed from its connect() on, which may follow its socket() by a name lookup;
     * an AF_UNIX socket is never listed.
     */
    private static final long PENDING_NANOS = Duration.ofSeconds(1).toNanos();
    /** Interface addresses change rarely; asking for them costs more than a round. */
    private static final long INTERFACE_ADDRESS_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int MAX_SOCKETS = 1 << 20;
    /** Packets' ends offered by {@link #lookFor} that may wait for the watch; more are not offered. */
    private static final int HINTS = 1024;
    private static final int HINT_LONGS = 5;
    /** The least time between two listings of {@code /proc} for packets of unknown sockets (many new flows of others). */
    private static final long RELIST_NANOS = Duration.ofMillis(1).toNanos();
    /** How often the kernel's socket list is read while a watched socket is missing from it. */
    private static final long PENDING_LIST_NANOS = Duration.ofMillis(5).toNanos();

    /**
     * @param poll        how often the watched processes' descriptors are read (and the
     *                    kernel's socket list, while one of their sockets is missing from it)
     * @param processPoll how often {@code /proc} is listed for new processes
     * @param lookBack    how long an fd reading and a socket list may be apart and still be matched
     * @param linger      how long a watched socket's ends stay matched after it closed
     */
    public record Settings(Duration poll, Duration processPoll, Duration lookBack, Duration linger) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5));
        }
    }

    /** What to watch: pids (and their children) and process names (and their children). */
    public record Targets(Set<Integer> pids, Set<String> names) {
        public Targets {
            pids = Set.copyOf(pids);
            names = Set.copyOf(names);
        }
    }

    /**
     * The watched programs' sockets and every other socket, keyed by their ends packed as
     * {@code (addressHigh, addressLow)} pairs and {@code protocol << 32 | localPort << 16 | remotePort};
     * a listening or unconnected socket has remote {@code (0, 0)} port 0, a wildcard local
     * address is {@code (0, 0)}.
     */
    public static final class Sockets {
        static final Sockets EMPTY = new Sockets(new KeyIndex(5, 1), new ProcessInfo[0], new KeyIndex(5, 1), new long[0], 0);

        private final KeyIndex watched;
        private final ProcessInfo[] owners;
        private final String[] comments;
        private final KeyIndex others;
        private final long[] localAddresses;
        private final long version;

        Sockets(KeyIndex watched, ProcessInfo[] owners, KeyIndex others, long[] localAddresses, long version) {
            this.watched = watched;
            this.owners = owners;
            this.comments = new String[owners.length];
            for (int i = 0; i < owners.length; i++) {
                comments[i] = owners[i] == null ? null : ProcessComment.format(owners[i]);
            }
            this.others = others;
            this.localAddresses = localAddresses;
            this.version = version;
        }

        /** Grows by one each time the watch publishes what it found. */
        public long version() { return version; }

        /**
         * The watched socket at either end of a packet, the source's first; -1 when neither is
         * a watched program's. Give it to {@link #owner} and {@link #comment}.
         */
        public int find(int protocol, long sourceHigh, long sourceLow, int sourcePort,
                        long destinationHigh, long destinationLow, int destinationPort) {
            int entry = find(watched, protocol, sourceHigh, sourceLow, sourcePort, destinationHigh, destinationLow, destinationPort);
            return entry >= 0 ? entry
                    : find(watched, protocol, destinationHigh, destinationLow, destinationPort, sourceHigh, sourceLow, sourcePort);
        }

        public ProcessInfo owner(int entry) { return owners[entry]; }

        /** {@link ProcessComment#format} of the owner, made once. */
        public String comment(int entry) { return comments[entry]; }

        /**
         * Whether a packet that no watched socket claims is another program's: every end of it
         * on this machine is a socket another program holds, and at least one end is.
         */
        public boolean isOthers(int protocol, long sourceHigh, long sourceLow, int sourcePort,
                                long destinationHigh, long destinationLow, int destinationPort) {
            boolean source = find(others, protocol, sourceHigh, sourceLow, sourcePort, destinationHigh, destinationLow, destinationPort) >= 0;
            boolean destination = find(others, protocol, destinationHigh, destinationLow, destinationPort, sourceHigh, sourceLow, sourcePort) >= 0;
            return (source || destination)
                    && (source || !isLocal(sourceHigh, sourceLow))
                    && (destination || !isLocal(destinationHigh, destinationLow));
        }

        private boolean isLocal(long high, long low) {
            if (high == 0 && (low >>> 32) == 0xffff && (low & 0xff00_0000L) == 0x7f00_0000L) {
                return true; // 127.0.0.0/8
            }
            for (int i = 0; i < localAddresses.length; i += 2) {
                if (localAddresses[i] == high && localAddresses[i + 1] == low) {
                    return true;
                }
            }
            return false;
        }

        /** The socket with this local end: connected to that remote end, else bound to the address, else to any. */
        private static int find(KeyIndex index, int protocol, long localHigh, long localLow, int localPort,
                                long remoteHigh, long remoteLow, int remotePort) {
            long ports = (long) protocol << 32 | (long) localPort << 16;
            int entry = index.find(localHigh, localLow, remoteHigh, remoteLow, ports | remotePort);
            if (entry < 0) {
                entry = index.find(localHigh, localLow, 0, 0, ports);
            }
            if (entry < 0) {
                entry = index.find(0, 0, 0, 0, ports);
            }
            return entry;
        }
    }

    /**
     * What the watch has done.
     *
     * @param processes processes watched now
     * @param sockets   watched sockets matched now (lingering ones included)
     * @param polls     rounds of reading {@code /proc}
     * @param failures  rounds that could not list the kernel's sockets (the last error is logged)
     */
    public record Counters(int processes, int sockets, long polls, long failures) {
    }

    /** A process seen in {@code /proc}: watched when {@code owner} is set. */
    private static final class Seen {
        final long firstSeenNanos;
        int parentPid;
        String name;
        ProcessInfo owner;

        Seen(long firstSeenNanos) {
            this.firstSeenNanos = firstSeenNanos;
        }
    }

    /** A socket's ends packed as a key of the snapshot's indexes. */
    private record Key(long localHigh, long localLow, long remoteHigh, long remoteLow, long ports) {
        static Key of(KernelSocket socket) {
            long[] local = pack(socket.local());
            long[] remote = socket.remote() == null ? new long[2] : pack(socket.remote());
            return new Key(local[0], local[1], remote[0], remote[1], (long) socket.local().ipProtocol() << 32
                    | (long) socket.local().port() << 16 | (socket.remote() == null ? 0 : socket.remote().port()));
        }
    }

    private record Listed(KernelSocket socket, long seenNanos) {
    }

    private record Lingering(ProcessInfo owner, long seenNanos) {
    }

    private final LinuxSocketInventory kernel;
    private final LinuxProcesses processes;
    private final Path proc;
    private final Targets targets;
    private final Settings settings;
    private final LongSupplier nanoClock;
    private final Set<Integer> givenPids = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Seen> seen = new HashMap<>();
    private final Map<Long, ProcessInfo> watchedInodes = new HashMap<>();
    /** When each watched inode was first read, to stop looking for it in the kernel's list after a while. */
    private final Map<Long, Long> inodesFirstSeen = new HashMap<>();
    private final Map<Long, Listed> listed = new HashMap<>();
    private final Map<Key, Lingering> matched = new HashMap<>();
    private Set<Key> othersNow = Set.of();
    private boolean othersChanged;
    private long lastListNanos;
    private long lastProcessListNanos;
    private boolean listedProcesses;
    private long[] localAddresses = new long[0];
    private long localAddressesNanos;
    private volatile Sockets sockets = Sockets.EMPTY;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile int processesWatched;
    private volatile int socketsMatched;
    private volatile Thread poller;
    /** Ends offered by the capture's consumer thread: one producer, one consumer, no locks. */
    private final long[] hints = new long[HINTS * HINT_LONGS];
    private final AtomicLong hintsWritten = new AtomicLong();
    private final AtomicLong hintsRead = new AtomicLong();

    ProgramWatch(LinuxSocketInventory kernel, Path proc, Path passwd, Targets targets, Settings settings, LongSupplier nanoClock) {
        this.kernel = kernel;
        this.nanoClock = nanoClock;
        this.proc = proc;
        this.processes = new LinuxProcesses(proc, new UserNames(passwd));
        this.targets = targets;
        this.settings = settings;
        givenPids.addAll(targets.pids());
    }

    /**
     * A watch of this machine's processes.
     *
     * @throws UnsupportedOperationException on an OS other than Linux
     */
    public static ProgramWatch forThisMachine(Targets targets, Settings settings) {
        if (OperatingSystem.current() != OperatingSystem.LINUX) {
            throw new UnsupportedOperationException("capturing one program's traffic is written for Linux only, not "
                    + System.getProperty("os.name"));
        }
        return new ProgramWatch(LinuxSocketInventory.create(), Path.of("/proc"), Path.of("/etc/passwd"), targets, settings, System::nanoTime);
    }

    /**
     * Watches one more process and its children (a command Tapdeck started), from a round run
     * before this returns: a command held back until then has none of its packets missed.
     */
    public void watch(int pid) {
        givenPids.add(pid);
        poll();
    }

    /**
     * Asks the watch to look for the socket of a packet that no snapshot claims, at once; called
     * by one thread (the capture's consumer). Allocates nothing; when many are waiting already,
     * the packet is left to the rounds.
     */
    public void lookFor(int protocol, long sourceHigh, long sourceLow, int sourcePort,
                        long destinationHigh, long destinationLow, int destinationPort) {
        long written = hintsWritten.get();
        if (written - hintsRead.get() >= HINTS) {
            return;
        }
        int at = (int) (written % HINTS) * HINT_LONGS;
        hints[at] = sourceHigh;
        hints[at + 1] = sourceLow;
        hints[at + 2] = destinationHigh;
        hints[at + 3] = destinationLow;
        hints[at + 4] = (long) protocol << 32 | (long) sourcePort << 16 | destinationPort;
        hintsWritten.setRelease(written + 1);
        Thread running = poller;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    /** The latest snapshot of the watched sockets. */
    public Sockets sockets() {
        return sockets;
    }

    public Counters counters() {
        return new Counters(processesWatched, socketsMatched, polls.get(), failures.get());
    }

    /** Starts polling on a daemon thread; the first round runs before this returns. */
    public synchronized void start() {
        if (poller != null) {
            throw new IllegalStateException("the program watch is already running");
        }
        poll();
        // The first question to netlink links its native calls: done now, not on a packet's clock.
        kernelSocket(new SocketEndpoint(SocketEndpoint.TCP, InetAddress.getLoopbackAddress(), 0),
                new SocketEndpoint(SocketEndpoint.TCP, InetAddress.getLoopbackAddress(), 0));
        poller = Thread.ofPlatform().daemon().name("program-watch").start(this::pollUntilClosed);
    }

    private void pollUntilClosed() {
        long pollNanos = settings.poll().toNanos();
        long processPollNanos = settings.processPoll().toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            if (hintsWritten.getAcquire() == hintsRead.get()) {
                // With nothing watched there are no descriptors to read: only new processes to look for.
                LockSupport.parkNanos(this, processesWatched > 0 ? pollNanos : processPollNanos); // lookFor unparks
            }
            poll();
        }
    }

    /** One round: processes, their sockets, the kernel's sockets, a new snapshot. */
    synchronized void poll() {
        long now = nanoClock.getAsLong();
        polls.incrementAndGet();
        if (hintsRead.get() < hintsWritten.getAcquire()) {
            // First, while the sockets the packets came from may still be open.
            readWatchedDescriptors(now);
            answerHints(now);
        }
        if (!listedProcesses || now - lastProcessListNanos >= settings.processPoll().toNanos()) {
            updateProcesses(now);
        } else {
            watchGivenPids(now);
        }
        long sinceList = now - lastListNanos;
        List<KernelSocket> all = sinceList >= IDLE_LIST_NANOS || (sinceList >= PENDING_LIST_NANOS && hasPendingSocket(now))
                ? listKernelSockets(now) : null;
        // After the list: a socket it shows was open before this reading, so a watched one is
        // read here and not mistaken for another program's.
        boolean newSockets = readWatchedDescriptors(now);
        if (all != null) {
            updateOthers(all);
        } else if (newSockets && hasPendingSocket(now)) {
            listKernelSockets(now); // to match them now; too late to tell others' sockets by
        }
        match(now);
    }

    /**
     * Asks the kernel for the socket at each end of every offered packet; one whose inode a
     * watched process holds is matched. When one is held by no process known to be watched,
     * {@code /proc} is listed again first: a new program's first packet may come before the
     * round that would have seen it start.
     */
    private void answerHints(long now) {
        boolean relisted = false;
        for (long read = hintsRead.get(); read < hintsWritten.getAcquire(); read++) {
            int at = (int) (read % HINTS) * HINT_LONGS;
            long ports = hints[at + 4];
            int protocol = (int) (ports >>> 32);
            SocketEndpoint source = unpack(protocol, hints[at], hints[at + 1], (int) (ports >>> 16) & 0xffff);
            SocketEndpoint destination = unpack(protocol, hints[at + 2], hints[at + 3], (int) ports & 0xffff);
            hintsRead.set(read + 1);
            for (SocketEndpoint local : List.of(source, destination)) {
                KernelSocket socket = kernelSocket(local, local == source ? destination : source);
                if (socket == null || socket.inode() == 0) {
                    continue;
                }
                if (!watchedInodes.containsKey(socket.inode()) && !relisted && now - lastProcessListNanos >= RELIST_NANOS) {
                    relisted = true;
                    updateProcesses(now);
                    readWatchedDescriptors(now);
                }
                ProcessInfo owner = watchedInodes.get(socket.inode());
                if (owner != null) {
                    listed.put(socket.inode(), new Listed(socket, now));
                    break;
                }
            }
        }
    }

    private KernelSocket kernelSocket(SocketEndpoint local, SocketEndpoint remote) {
        try {
            return kernel.kernelSocket(local, remote);
        } catch (IOException e) {
            log.debug("cannot ask for the socket {} -> {}: {}", local, remote, e.getMessage());
            return null;
        }
    }

    /** Watches the pids given by {@link #watch} since the last listing of {@code /proc}, without waiting for the next. */
    private void watchGivenPids(long now) {
        for (int pid : givenPids) {
            Seen process = seen.get(pid);
            if (process == null || process.owner == null) {
                Path directory = proc.resolve(Integer.toString(pid));
                LinuxProcesses.Stat stat = LinuxProcesses.stat(directory);
                if (stat != null) {
                    process = process == null ? new Seen(now) : process;
                    process.parentPid = stat.parentPid();
                    process.name = stat.name();
                    process.owner = processes.describe(pid, directory, stat);
                    seen.put(pid, process);
                }
            }
        }
    }

    /** A watched socket, new within {@link #PENDING_NANOS}, that no socket list has shown yet. */
    private boolean hasPendingSocket(long now) {
        for (Map.Entry<Long, Long> inode : inodesFirstSeen.entrySet()) {
            if (now - inode.getValue() < PENDING_NANOS && !listed.containsKey(inode.getKey())) {
                return true;
            }
        }
        return false;
    }

    private void updateProcesses(long now) {
        lastProcessListNanos = now;
        // Processes that ran before the watch began are not new: none of them is read again.
        long firstSeen = listedProcesses ? now : now - YOUNG_NANOS;
        listedProcesses = true;
        List<Integer> pids = processes.listPids();
        seen.keySet().retainAll(new HashSet<>(pids));
        // Parents have lower pids, except after the pid counter wrapped: ascending order lets
        // a child see its parent's verdict in the same round nearly always.
        pids.sort(null);
        int watchedCount = 0;
        for (int pid : pids) {
            Seen process = seen.get(pid);
            boolean first = process == null;
            if (first) {
                process = new Seen(firstSeen);
                seen.put(pid, process);
            }
            if (first || now - process.firstSeenNanos < YOUNG_NANOS) {
                Path directory = proc.resolve(Integer.toString(pid));
                LinuxProcesses.Stat stat = LinuxProcesses.stat(directory);
                if (stat == null) {
                    seen.remove(pid);
                    continue;
                }
                boolean renamed = !stat.name().equals(process.name);
                process.parentPid = stat.parentPid();
                process.name = stat.name();
                if (process.owner == null ? isTarget(pid, stat, directory) : renamed) {
                    process.owner = processes.describe(pid, directory, stat);
                }
            } else if (process.owner != null) {
                renamed(pid, process); // an exec long after the start (a slow wrapper script)
            } else if (givenPids.contains(pid)) {
                Path directory = proc.resolve(Integer.toString(pid));
                LinuxProcesses.Stat stat = LinuxProcesses.stat(directory);
                if (stat != null) {
                    process.owner = processes.describe(pid, directory, stat);
                }
            }
            if (process.owner != null) {
                watchedCount++;
            }
        }
        processesWatched = watchedCount;
    }

    /** Describes a watched process again when its name changed since the last reading. */
    private void renamed(int pid, Seen process) {
        Path directory = proc.resolve(Integer.toString(pid));
        LinuxProcesses.Stat stat = LinuxProcesses.stat(directory);
        if (stat != null && !stat.name().equals(process.name)) {
            process.name = stat.name();
            process.owner = processes.describe(pid, directory, stat);
        }
    }

    private boolean isTarget(int pid, LinuxProcesses.Stat stat, Path directory) {
        if (givenPids.contains(pid)) {
            return true;
        }
        Seen parent = seen.get(stat.parentPid());
        if (parent != null && parent.owner != null) {
            return true;
        }
        if (targets.names().isEmpty()) {
            return false;
        }
        // The kernel keeps 15 bytes of a name; the command line's first word has it whole.
        for (String name : targets.names()) {
            if (stat.name().equals(name) || (name.length() > 15 && stat.name().equals(name.substring(0, 15)))) {
                return true;
            }
        }
        String commandLine = LinuxProcesses.commandLine(directory);
        String program = commandLine.isEmpty() ? "" : commandLine.split(" ", 2)[0];
        return targets.names().contains(program.substring(program.lastIndexOf('/') + 1));
    }

    /** Reads the watched processes' socket inodes; true when one is new. */
    private boolean readWatchedDescriptors(long now) {
        int known = inodesFirstSeen.size();
        watchedInodes.clear();
        seen.forEach((pid, process) -> {
            if (process.owner == null) {
                return;
            }
            if (now - process.firstSeenNanos < YOUNG_NANOS) {
                renamed(pid, process); // an exec: its packets are the new program's
            }
            try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
                for (Path descriptor : descriptors) {
                    long inode = LinuxProcesses.socketInode(descriptor);
                    if (inode != 0) {
                        watchedInodes.putIfAbsent(inode, process.owner);
                        inodesFirstSeen.putIfAbsent(inode, now);
                    }
                }
            } catch (IOException | SecurityException e) {
                // exited since it was listed: its sockets linger in the snapshot
            }
        });
        boolean added = inodesFirstSeen.size() > known;
        inodesFirstSeen.keySet().retainAll(watchedInodes.keySet());
        return added;
    }

    /** The kernel's sockets now, each remembered by inode for the look-back; null when they cannot be listed. */
    private List<KernelSocket> listKernelSockets(long now) {
        lastListNanos = now;
        List<KernelSocket> all;
        try {
            all = kernel.kernelSockets();
        } catch (IOException e) {
            if (failures.getAndIncrement() == 0) {
                log.warn("cannot list this machine's sockets: {}", e.getMessage());
            }
            return null;
        }
        for (KernelSocket socket : all) {
            if (socket.inode() != 0) {
                listed.put(socket.inode(), new Listed(socket, now));
            }
        }
        return all;
    }

    /** The listed sockets that no watched process held when its descriptors were read after the list. */
    private void updateOthers(List<KernelSocket> all) {
        Set<Key> others = new HashSet<>();
        for (KernelSocket socket : all) {
            if (socket.inode() != 0 && !watchedInodes.containsKey(socket.inode())) {
                others.add(Key.of(socket));
            }
        }
        othersChanged |= !others.equals(othersNow);
        othersNow = others;
    }

    private void match(long now) {
        long oldest = now - settings.lookBack().toNanos();
        listed.values().removeIf(entry -> entry.seenNanos - oldest < 0);
        boolean changed = othersChanged;
        for (Map.Entry<Long, ProcessInfo> watchedInode : watchedInodes.entrySet()) {
            Listed entry = listed.get(watchedInode.getKey());
            if (entry != null) {
                Lingering before = matched.put(Key.of(entry.socket), new Lingering(watchedInode.getValue(), now));
                changed |= before == null || !before.owner.equals(watchedInode.getValue());
            }
        }
        long lingerFrom = now - settings.linger().toNanos();
        changed |= matched.values().removeIf(entry -> entry.seenNanos - lingerFrom < 0);
        if (!changed) {
            return;
        }
        othersChanged = false;
        int capacity = Math.min(MAX_SOCKETS, Math.max(1, matched.size()));
        KeyIndex watched = new KeyIndex(5, capacity);
        ProcessInfo[] owners = new ProcessInfo[capacity];
        for (Map.Entry<Key, Lingering> entry : matched.entrySet()) {
            int at = add(watched, entry.getKey());
            if (at >= 0) {
                owners[at] = entry.getValue().owner;
            }
        }
        KeyIndex others = new KeyIndex(5, Math.min(MAX_SOCKETS, Math.max(1, othersNow.size())));
        for (Key key : othersNow) {
            if (!matched.containsKey(key)) {
                add(others, key);
            }
        }
        socketsMatched = matched.size();
        if (localAddresses.length == 0 || now - localAddressesNanos >= INTERFACE_ADDRESS_NANOS) {
            localAddresses = localAddresses();
            localAddressesNanos = now;
        }
        sockets = new Sockets(watched, Arrays.copyOf(owners, watched.entryCapacity()), others, localAddresses, sockets.version + 1);
    }

    private static int add(KeyIndex index, Key key) {
        return index.add(key.localHigh, key.localLow, key.remoteHigh, key.remoteLow, key.ports);
    }

    /** This machine's interface addresses as packed pairs. */
    private static long[] localAddresses() {
        List<Long> packed = new ArrayList<>();
        try {
            NetworkInterface.networkInterfaces().forEach(nic -> nic.inetAddresses().forEach(address -> {
                long[] pair = pack(new SocketEndpoint(0, address, 0));
                packed.add(pair[0]);
                packed.add(pair[1]);
            }));
        } catch (SocketException e) {
            log.debug("cannot list interface addresses: {}", e.getMessage());
        }
        return packed.stream().mapToLong(Long::longValue).toArray();
    }

    /** The end whose address {@link #pack} packed. */
    static SocketEndpoint unpack(int protocol, long high, long low, int port) {
        byte[] address;
        if (high == 0 && (low >>> 32) == 0xffff) {
            address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) (low >>> (24 - 8 * i));
            }
        } else {
            address = new byte[16];
            for (int i = 0; i < 8; i++) {
                address[i] = (byte) (high >>> (56 - 8 * i));
                address[i + 8] = (byte) (low >>> (56 - 8 * i));
            }
        }
        return SocketEndpoint.of(protocol, address, port);
    }

    /** An end's address as {@code (high, low)}: IPv4 mapped into IPv6, a wildcard as {@code (0, 0)}. */
    static long[] pack(SocketEndpoint end) {
        InetAddress address = end.address();
        if (address.isAnyLocalAddress()) {
            return new long[2];
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return new long[]{0, IPV4_MAPPED | (((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16)
                    | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL))};
        }
        long high = 0, low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (bytes[i] & 0xffL);
            low = low << 8 | (bytes[i + 8] & 0xffL);
        }
        return new long[]{high, low};
    }

    /** Stops polling and waits for the thread. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = poller;
            poller = null;
        }
        BackgroundThread.stop(running);
    }
}
