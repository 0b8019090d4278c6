package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * macOS's sockets through libproc, as {@code lsof} lists them: every process's descriptors
 * ({@code proc_pidinfo(PROC_PIDLISTFDS)}), each socket's ends
 * ({@code proc_pidfdinfo(PROC_PIDFDSOCKETINFO)}), the process's name, uid and start time
 * ({@code PROC_PIDTBSDINFO}), its arguments ({@code sysctl KERN_PROCARGS2}) and the user's
 * name ({@code getpwuid}). Other users' processes need root. Untested on a real Mac.
 */
final class MacSocketInventory implements SocketInventory {
    /** A process, told apart from a later one with the same pid by its start time. */
    private record ProcessKey(int pid, long startSeconds, long startMicroseconds) {
    }

    private final MethodHandle listPids, pidInfo, pidFdInfo, sysctl, getpwuid;
    private final Map<ProcessKey, ProcessInfo> processes = new HashMap<>();

    private MacSocketInventory(SymbolLookup system) {
        Linker linker = Linker.nativeLinker();
        listPids = linker.downcallHandle(system.findOrThrow("proc_listpids"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        pidInfo = linker.downcallHandle(system.findOrThrow("proc_pidinfo"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT));
        pidFdInfo = linker.downcallHandle(system.findOrThrow("proc_pidfdinfo"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        sysctl = linker.downcallHandle(system.findOrThrow("sysctl"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        getpwuid = linker.downcallHandle(system.findOrThrow("getpwuid"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    static MacSocketInventory create() {
        return new MacSocketInventory(Linker.nativeLinker().defaultLookup());
    }

    @Override
    public String method() {
        return "libproc proc_pidfdinfo";
    }

    @Override
    public List<OwnedSocket> scan() throws IOException {
        List<OwnedSocket> sockets = new ArrayList<>();
        Set<ProcessKey> alive = new HashSet<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment socketInfo = arena.allocate(LibprocLayouts.SOCKET_DESCRIPTOR);
            for (int pid : pids(arena)) {
                ProcessInfo owner = null;
                for (int fd : socketDescriptors(arena, pid)) {
                    int size = (int) pidFdInfo.invokeExact(pid, fd, LibprocLayouts.PROC_PIDFDSOCKETINFO, socketInfo,
                            (int) socketInfo.byteSize());
                    if (size != socketInfo.byteSize()) {
                        continue; // closed meanwhile
                    }
                    if (owner == null) {
                        owner = describe(arena, pid, alive);
                        if (owner == null) {
                            break;
                        }
                    }
                    OwnedSocket socket = LibprocLayouts.socket(socketInfo, owner);
                    if (socket != null) {
                        sockets.add(socket);
                    }
                }
            }
        } catch (Throwable e) {
            throw new IOException("libproc: " + e, e);
        }
        processes.keySet().retainAll(alive);
        return sockets;
    }

    private int[] pids(Arena arena) throws Throwable {
        int bytes = (int) listPids.invokeExact(LibprocLayouts.PROC_ALL_PIDS, 0, MemorySegment.NULL, 0);
        MemorySegment buffer = arena.allocate(bytes + 1024L * JAVA_INT.byteSize()); // room for new processes
        int used = (int) listPids.invokeExact(LibprocLayouts.PROC_ALL_PIDS, 0, buffer, (int) buffer.byteSize());
        return buffer.asSlice(0, Math.max(0, used)).toArray(JAVA_INT);
    }

    private List<Integer> socketDescriptors(Arena arena, int pid) throws Throwable {
        int bytes = (int) pidInfo.invokeExact(pid, LibprocLayouts.PROC_PIDLISTFDS, 0L, MemorySegment.NULL, 0);
        if (bytes <= 0) {
            return List.of();
        }
        MemorySegment buffer = arena.allocate(bytes + 32 * LibprocLayouts.DESCRIPTOR.byteSize());
        int used = (int) pidInfo.invokeExact(pid, LibprocLayouts.PROC_PIDLISTFDS, 0L, buffer, (int) buffer.byteSize());
        List<Integer> sockets = new ArrayList<>();
        for (long at = 0; at + LibprocLayouts.DESCRIPTOR.byteSize() <= used; at += LibprocLayouts.DESCRIPTOR.byteSize()) {
            if (buffer.get(JAVA_INT, at + 4) == LibprocLayouts.PROX_FDTYPE_SOCKET) {
                sockets.add(buffer.get(JAVA_INT, at));
            }
        }
        return sockets;
    }

    private ProcessInfo describe(Arena arena, int pid, Set<ProcessKey> alive) throws Throwable {
        MemorySegment bsd = arena.allocate(LibprocLayouts.BSD_INFO);
        int size = (int) pidInfo.invokeExact(pid, LibprocLayouts.PROC_PIDTBSDINFO, 0L, bsd, (int) bsd.byteSize());
        if (size != bsd.byteSize()) {
            return null;
        }
        ProcessKey key = new ProcessKey(pid, bsd.get(JAVA_LONG, LibprocLayouts.START_SECONDS),
                bsd.get(JAVA_LONG, LibprocLayouts.START_MICROSECONDS));
        alive.add(key);
        ProcessInfo known = processes.get(key);
        if (known != null) {
            return known;
        }
        String name = LibprocLayouts.fixedString(bsd, LibprocLayouts.NAME, 32);
        if (name.isEmpty()) {
            name = LibprocLayouts.fixedString(bsd, LibprocLayouts.COMM, 16);
        }
        ProcessInfo info = new ProcessInfo(pid, name, commandLine(arena, pid), userName(bsd.get(JAVA_INT, LibprocLayouts.UID)), null);
        processes.put(key, info);
        return info;
    }

    private String commandLine(Arena arena, int pid) throws Throwable {
        MemorySegment name = arena.allocateFrom(JAVA_INT, LibprocLayouts.CTL_KERN, LibprocLayouts.KERN_PROCARGS2, pid);
        MemorySegment size = arena.allocate(JAVA_LONG);
        if ((int) sysctl.invokeExact(name, 3, MemorySegment.NULL, size, MemorySegment.NULL, 0L) != 0) {
            return "";
        }
        MemorySegment answer = arena.allocate(size.get(JAVA_LONG, 0));
        if ((int) sysctl.invokeExact(name, 3, answer, size, MemorySegment.NULL, 0L) != 0) {
            return ""; // another user's process, without root
        }
        return LibprocLayouts.commandLine(answer.asSlice(0, size.get(JAVA_LONG, 0)));
    }

    private String userName(int uid) throws Throwable {
        MemorySegment entry = (MemorySegment) getpwuid.invokeExact(uid);
        if (entry.equals(MemorySegment.NULL)) {
            return Integer.toUnsignedString(uid);
        }
        // struct passwd starts with char *pw_name.
        return entry.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0).reinterpret(256).getString(0);
    }
}
