package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Windows' sockets from the IP Helper owner-pid tables ({@code GetExtendedTcpTable},
 * {@code GetExtendedUdpTable}), each owner's name from {@code QueryFullProcessImageNameW}
 * and its creation time ({@code GetProcessTimes}) to tell a reused pid. The command line and
 * user are left unknown (they need another process's memory or its token). Processes of
 * other users need an Administrator. Untested on Windows.
 */
final class WindowsSocketInventory implements SocketInventory {
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int MAX_PATH_CHARS = 32_768;

    private record ProcessKey(int pid, long creationTime) {
    }

    private final MethodHandle tcpTable, udpTable, openProcess, imageName, processTimes, closeHandle;
    private final Map<ProcessKey, ProcessInfo> processes = new HashMap<>();

    private WindowsSocketInventory(SymbolLookup ipHelper, SymbolLookup kernel32) {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor table = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
        tcpTable = linker.downcallHandle(ipHelper.findOrThrow("GetExtendedTcpTable"), table);
        udpTable = linker.downcallHandle(ipHelper.findOrThrow("GetExtendedUdpTable"), table);
        openProcess = linker.downcallHandle(kernel32.findOrThrow("OpenProcess"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        imageName = linker.downcallHandle(kernel32.findOrThrow("QueryFullProcessImageNameW"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        processTimes = linker.downcallHandle(kernel32.findOrThrow("GetProcessTimes"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        closeHandle = linker.downcallHandle(kernel32.findOrThrow("CloseHandle"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    static WindowsSocketInventory create() {
        return new WindowsSocketInventory(SymbolLookup.libraryLookup("iphlpapi", Arena.global()),
                SymbolLookup.libraryLookup("kernel32", Arena.global()));
    }

    @Override
    public String method() {
        return "IP Helper owner-pid tables";
    }

    @Override
    public List<OwnedSocket> scan() throws IOException {
        List<IpHelperLayouts.Row> rows = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            for (int family : new int[] {IpHelperLayouts.AF_INET, IpHelperLayouts.AF_INET6}) {
                IpHelperLayouts.rows(table(arena, tcpTable, family, IpHelperLayouts.TCP_TABLE_OWNER_PID_ALL),
                        SocketEndpoint.TCP, family, rows);
                IpHelperLayouts.rows(table(arena, udpTable, family, IpHelperLayouts.UDP_TABLE_OWNER_PID),
                        SocketEndpoint.UDP, family, rows);
            }
            Map<Integer, ProcessInfo> owners = new HashMap<>();
            Set<ProcessKey> alive = new HashSet<>();
            List<OwnedSocket> sockets = new ArrayList<>(rows.size());
            for (IpHelperLayouts.Row row : rows) {
                ProcessInfo owner = owners.computeIfAbsent(row.pid(), pid -> describe(arena, pid, alive));
                sockets.add(new OwnedSocket(row.local(), row.remote(), owner));
            }
            processes.keySet().retainAll(alive);
            return sockets;
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("IP Helper: " + e, e);
        }
    }

    /** Asks for the table's size, then fills it, again if it grew in between. */
    private static MemorySegment table(Arena arena, MethodHandle function, int family, int tableClass) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_INT);
        int status = (int) function.invokeExact(MemorySegment.NULL, size, 0, family, tableClass, 0);
        for (int attempt = 0; attempt < 4; attempt++) {
            if (status != 0 && status != ERROR_INSUFFICIENT_BUFFER) {
                break;
            }
            MemorySegment table = arena.allocate(Integer.toUnsignedLong(size.get(JAVA_INT, 0)) + 4096, 8);
            size.set(JAVA_INT, 0, (int) table.byteSize());
            status = (int) function.invokeExact(table, size, 0, family, tableClass, 0);
            if (status == 0) {
                return table;
            }
        }
        throw new IOException("the socket table of family " + family + " could not be read (error " + status + ")");
    }

    /** The process's image name, or an empty name where Windows will not open it (System, protected processes). */
    private ProcessInfo describe(Arena arena, int pid, Set<ProcessKey> alive) {
        try {
            MemorySegment handle = (MemorySegment) openProcess.invokeExact(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if (handle.equals(MemorySegment.NULL)) {
                return new ProcessInfo(pid, "", "", "", null);
            }
            try {
                MemorySegment times = arena.allocate(JAVA_LONG, 4);
                long created = (int) processTimes.invokeExact(handle, times, times.asSlice(8), times.asSlice(16),
                        times.asSlice(24)) != 0 ? times.get(JAVA_LONG, 0) : 0;
                ProcessKey key = new ProcessKey(pid, created);
                alive.add(key);
                ProcessInfo known = processes.get(key);
                if (known != null) {
                    return known;
                }
                MemorySegment path = arena.allocate(2L * MAX_PATH_CHARS);
                MemorySegment length = arena.allocateFrom(JAVA_INT, MAX_PATH_CHARS);
                String name = "";
                if ((int) imageName.invokeExact(handle, 0, path, length) != 0) {
                    String image = new String(path.asSlice(0, 2L * length.get(JAVA_INT, 0)).toArray(JAVA_BYTE),
                            StandardCharsets.UTF_16LE);
                    name = Path.of(image).getFileName().toString();
                }
                ProcessInfo info = new ProcessInfo(pid, name, "", "", null);
                processes.put(key, info);
                return info;
            } finally {
                int ignored = (int) closeHandle.invokeExact(handle);
            }
        } catch (Throwable e) {
            return new ProcessInfo(pid, "", "", "", null);
        }
    }
}
