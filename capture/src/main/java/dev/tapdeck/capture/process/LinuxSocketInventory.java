package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linux's sockets from netlink {@code sock_diag} (each of the four family and protocol pairs
 * falls back to its {@code /proc/net} table for good when its dump fails, e.g. without the
 * {@code udp_diag} module), their owners from {@code /proc/PID/fd}.
 */
final class LinuxSocketInventory implements SocketInventory {
    private static final Logger log = LoggerFactory.getLogger(LinuxSocketInventory.class);

    /** One dump: a family and protocol, and the /proc/net table that lists the same sockets. */
    private record Table(int family, int ipProtocol, String procFile) {
    }

    private static final List<Table> TABLES = List.of(
            new Table(SockDiagMessages.AF_INET, SocketEndpoint.TCP, "tcp"),
            new Table(SockDiagMessages.AF_INET6, SocketEndpoint.TCP, "tcp6"),
            new Table(SockDiagMessages.AF_INET, SocketEndpoint.UDP, "udp"),
            new Table(SockDiagMessages.AF_INET6, SocketEndpoint.UDP, "udp6"));

    private final SockDiag netlink;
    private final boolean[] fromProcNet = new boolean[TABLES.size()];
    private final Path proc;
    private final LinuxProcesses processes;

    /**
     * @param netlink null to read {@code /proc/net} only
     * @param proc    the proc file system ({@code /proc}; a recorded copy in tests)
     */
    LinuxSocketInventory(SockDiag netlink, Path proc, Path passwd) {
        this.netlink = netlink;
        this.proc = proc;
        this.processes = new LinuxProcesses(proc, new UserNames(passwd));
        Arrays.fill(fromProcNet, netlink == null);
    }

    static LinuxSocketInventory create() {
        SockDiag netlink;
        try {
            netlink = new SockDiag();
        } catch (RuntimeException | LinkageError e) {
            log.info("netlink sock_diag unavailable ({}); reading /proc/net", e.toString());
            netlink = null;
        }
        return new LinuxSocketInventory(netlink, Path.of("/proc"), Path.of("/etc/passwd"));
    }

    @Override
    public String method() {
        int fromProc = 0;
        for (boolean proc : fromProcNet) {
            fromProc += proc ? 1 : 0;
        }
        String sockets = fromProc == 0 ? "netlink sock_diag"
                : fromProc == TABLES.size() ? "/proc/net" : "netlink sock_diag and /proc/net";
        return sockets + ", owners from /proc/PID/fd";
    }

    /** The sockets the kernel lists now, before their owners are looked for. */
    List<KernelSocket> kernelSockets() throws IOException {
        List<KernelSocket> sockets = new ArrayList<>();
        for (int i = 0; i < TABLES.size(); i++) {
            Table table = TABLES.get(i);
            if (!fromProcNet[i]) {
                int before = sockets.size();
                try {
                    netlink.dump(table.family, table.ipProtocol, sockets);
                    continue;
                } catch (IOException e) {
                    sockets.subList(before, sockets.size()).clear();
                    fromProcNet[i] = true;
                    log.info("netlink sock_diag cannot list {} ({}); reading /proc/net/{} instead",
                            table.procFile, e.getMessage(), table.procFile);
                }
            }
            Path file = proc.resolve("net").resolve(table.procFile);
            if (Files.exists(file)) { // no tcp6 or udp6 without IPv6
                ProcNetSockets.parse(Files.readString(file, StandardCharsets.US_ASCII), table.ipProtocol, sockets);
            }
        }
        return sockets;
    }

    /** The kernel's socket with these ends, by netlink's hash lookup; null when there is none or no netlink to ask. */
    KernelSocket kernelSocket(SocketEndpoint local, SocketEndpoint remote) throws IOException {
        return fromProcNet[tableOf(local)] ? null : netlink.find(local.ipProtocol(), local, remote);
    }

    /** Asks netlink for the one socket; without netlink (or without its diag module), nothing. */
    @Override
    public Optional<OwnedSocket> find(SocketEndpoint local, SocketEndpoint remote) throws IOException {
        KernelSocket socket = kernelSocket(local, remote);
        ProcessInfo owner = socket == null ? null : processes.ownerOf(socket);
        return owner == null ? Optional.empty() : Optional.of(new OwnedSocket(socket.local(), socket.remote(), owner));
    }

    /** The index in {@link #TABLES} of the table that lists this end's sockets. */
    private static int tableOf(SocketEndpoint end) {
        return (end.ipProtocol() == SocketEndpoint.TCP ? 0 : 2) + (end.address().getAddress().length == 4 ? 0 : 1);
    }

    @Override
    public List<OwnedSocket> scan() throws IOException {
        List<KernelSocket> sockets = kernelSockets();
        Map<Long, ProcessInfo> owners = processes.ownersOf(sockets);
        List<OwnedSocket> owned = new ArrayList<>(owners.size());
        for (KernelSocket socket : sockets) {
            ProcessInfo owner = owners.get(socket.inode());
            if (owner != null) {
                owned.add(new OwnedSocket(socket.local(), socket.remote(), owner));
            }
        }
        return owned;
    }
}
