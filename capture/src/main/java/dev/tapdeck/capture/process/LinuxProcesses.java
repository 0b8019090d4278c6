package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes that hold Linux sockets, found the way {@code ss -p} and {@code lsof} find
 * them: a socket's inode appears as a {@code socket:[INODE]} link in its owner's
 * {@code /proc/PID/fd}. Walking every process's descriptors is the costly part, so it is done
 * only for inodes not seen before: first the processes started since the last walk, then those
 * that hold sockets already, then those of the socket creator's uid, stopping once every new
 * inode is found.
 *
 * <p>Cached: the owner of each live inode, and each process's description keyed by pid and
 * start time, so a reused pid is described afresh (and read again when the process shows a
 * new socket, as an exec keeps both). An inode no process showed is not looked
 * for again while it lives (it belongs to another pid namespace, or its owner closed it).
 */
final class LinuxProcesses {
    /** A process, told apart from a later one with the same pid by its start time. */
    private record ProcessKey(int pid, long startTicks) {
    }

    private final Path proc;
    private final UserNames users;
    private final Map<Long, ProcessKey> ownerByInode = new HashMap<>();
    private final Set<Long> ownerless = new HashSet<>();
    private final Map<ProcessKey, ProcessInfo> processes = new HashMap<>();
    private Set<Integer> listedBefore = Set.of();
    private long processesWalked;

    LinuxProcesses(Path proc, UserNames users) {
        this.proc = proc;
        this.users = users;
    }

    /** How many processes' descriptor tables were walked so far: the measure of this class's cost. */
    long processesWalked() { return processesWalked; }

    /** The owner of each socket whose owner can be told; the rest are absent from the answer. */
    Map<Long, ProcessInfo> ownersOf(Collection<KernelSocket> sockets) {
        Map<Long, Integer> wanted = new HashMap<>(); // inode -> the uid that created it
        Set<Long> live = new HashSet<>();
        for (KernelSocket socket : sockets) {
            if (socket.inode() == 0) {
                continue;
            }
            live.add(socket.inode());
            if (!ownerByInode.containsKey(socket.inode()) && !ownerless.contains(socket.inode())) {
                wanted.put(socket.inode(), socket.uid());
            }
        }
        ownerByInode.keySet().retainAll(live);
        ownerless.retainAll(live);
        if (!wanted.isEmpty()) {
            findOwners(wanted, live);
        }
        Set<ProcessKey> holding = new HashSet<>(ownerByInode.values());
        processes.keySet().retainAll(holding);
        Map<Long, ProcessInfo> owners = HashMap.newHashMap(ownerByInode.size());
        ownerByInode.forEach((inode, key) -> {
            ProcessInfo info = processes.get(key);
            if (info != null) {
                owners.put(inode, info);
            }
        });
        return owners;
    }

    /** The owner of one socket, found through the cache or a walk; null when it cannot be told. */
    ProcessInfo ownerOf(KernelSocket socket) {
        long inode = socket.inode();
        if (inode == 0 || ownerless.contains(inode)) {
            return null;
        }
        if (!ownerByInode.containsKey(inode)) {
            Map<Long, Integer> wanted = new HashMap<>(Map.of(inode, socket.uid()));
            findOwners(wanted, Set.of(inode));
        }
        ProcessKey key = ownerByInode.get(inode);
        return key == null ? null : processes.get(key);
    }

    private void findOwners(Map<Long, Integer> wanted, Set<Long> live) {
        List<Integer> listed = listPids();
        // Processes started since the last listing first, newest first: a new socket is most
        // often a new program's, and a short-lived one may exit while the others are walked.
        List<Integer> started = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        for (int pid : listed) {
            (listedBefore.contains(pid) ? known : started).add(pid);
        }
        listedBefore = new HashSet<>(listed);
        started.sort(Comparator.reverseOrder());
        if (scan(started, wanted, live)) {
            return;
        }
        // Then the programs that hold sockets already: a server accepting, a client connecting again.
        Set<Integer> holders = new HashSet<>();
        ownerByInode.values().forEach(key -> holders.add(key.pid()));
        List<Integer> holding = known.stream().filter(holders::contains).toList();
        if (scan(holding, wanted, live)) {
            return;
        }
        List<Integer> others = known.stream().filter(pid -> !holders.contains(pid)).toList();
        if (scan(byCreatorsFirst(others, new HashSet<>(wanted.values())), wanted, live)) {
            return;
        }
        ownerless.addAll(wanted.keySet());
    }

    /** Walks the processes' descriptors until every wanted inode is found; true if they all were. */
    private boolean scan(List<Integer> pids, Map<Long, Integer> wanted, Set<Long> live) {
        for (int pid : pids) {
            scanDescriptors(pid, wanted, live);
            if (wanted.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The pids {@code /proc} lists now. */
    List<Integer> listPids() {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                int pid = pidOf(entry.getFileName().toString());
                if (pid > 0) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** The processes of the sockets' creators first (a socket's uid is its creator's), then the highest pids. */
    private List<Integer> byCreatorsFirst(List<Integer> pids, Set<Integer> uids) {
        record Candidate(int pid, boolean creator) {
        }
        List<Candidate> candidates = new ArrayList<>(pids.size());
        for (int pid : pids) {
            candidates.add(new Candidate(pid, uids.contains(ownerUid(proc.resolve(Integer.toString(pid))))));
        }
        candidates.sort(Comparator.comparing(Candidate::creator).reversed()
                .thenComparing(Comparator.comparingInt(Candidate::pid).reversed()));
        return candidates.stream().map(Candidate::pid).toList();
    }

    private void scanDescriptors(int pid, Map<Long, Integer> wanted, Set<Long> live) {
        Path process = proc.resolve(Integer.toString(pid));
        ProcessKey key = null;
        processesWalked++;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                long inode = socketInode(descriptor);
                if (inode == 0 || !live.contains(inode) || ownerByInode.containsKey(inode)) {
                    continue;
                }
                if (key == null) {
                    key = describe(pid, process);
                    if (key == null) {
                        return; // gone while being read
                    }
                }
                ownerByInode.put(inode, key);
                wanted.remove(inode);
            }
        } catch (IOException | SecurityException e) {
            // The process exited, or its descriptors are not ours to read: it owns nothing we can tell.
        }
    }

    /** The inode of a {@code socket:[INODE]} link, 0 for any other descriptor. */
    static long socketInode(Path descriptor) {
        String target;
        try {
            target = Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return 0;
        }
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return 0;
        }
        try {
            return Long.parseLong(target, 8, target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Reads the process's description once per pid and start time; null when it is gone. */
    private ProcessKey describe(int pid, Path process) {
        Stat stat = stat(process);
        if (stat == null) {
            return null;
        }
        ProcessKey key = new ProcessKey(pid, stat.startTicks());
        // Read afresh whenever the process shows a new socket: an exec keeps the pid and start time.
        processes.put(key, describe(pid, process, stat));
        return key;
    }

    /** What {@code /proc/PID/stat} says of a process that Tapdeck needs. */
    record Stat(String name, int parentPid, long startTicks) {
    }

    /** The process's name, parent and start time; null when it is gone. */
    static Stat stat(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        // pid (comm) state ppid ...: comm may hold spaces and parentheses, so it ends at the last ')'.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) {
            return null;
        }
        String[] rest = stat.substring(close + 2).split(" ");
        // rest[0] is field 3 (state), rest[1] field 4 (ppid), rest[19] field 22 (starttime).
        return new Stat(new String(stat.substring(open + 1, close).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                rest.length > 1 ? Integer.parseInt(rest[1]) : 0, rest.length > 19 ? Long.parseLong(rest[19]) : 0);
    }

    /** The description of the process at {@code /proc/PID} now. */
    ProcessInfo describe(int pid, Path process, Stat stat) {
        return new ProcessInfo(pid, stat.name(), commandLine(process), user(process), container(process));
    }

    static String commandLine(Path process) {
        try {
            String arguments = Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8);
            return arguments.replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private String user(Path process) {
        int uid = ownerUid(process);
        return uid < 0 ? "" : users.nameOf(uid);
    }

    private static String container(Path process) {
        try {
            return ContainerIds.fromCgroup(Files.readString(process.resolve("cgroup"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /** The effective uid a process runs as, which Linux gives its {@code /proc/PID} directory; -1 when gone. */
    private static int ownerUid(Path process) {
        try {
            return (Integer) Files.getAttribute(process, "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static int pidOf(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return 0;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(name);
    }
}
