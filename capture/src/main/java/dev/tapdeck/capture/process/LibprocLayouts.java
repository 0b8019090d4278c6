package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The structs macOS's libproc fills ({@code sys/proc_info.h} of XNU, 64-bit): the descriptor
 * list of a process, the socket description of one descriptor, and a process's BSD
 * description; and the {@code KERN_PROCARGS2} answer of {@code sysctl} (a process's arguments).
 * Written from the headers and unit-tested; untested on a real Mac.
 */
final class LibprocLayouts {
    static final int PROC_ALL_PIDS = 1;
    static final int PROC_PIDLISTFDS = 1;
    static final int PROC_PIDTBSDINFO = 3;
    static final int PROC_PIDFDSOCKETINFO = 3;
    static final int PROX_FDTYPE_SOCKET = 2;
    static final int SOCKINFO_IN = 1;
    static final int SOCKINFO_TCP = 2;
    static final int AF_INET = 2;
    static final int AF_INET6 = 30;
    static final int TSI_S_LISTEN = 1;
    static final int CTL_KERN = 1;
    static final int KERN_PROCARGS2 = 49;

    /** struct proc_fdinfo: one open descriptor. */
    static final StructLayout DESCRIPTOR = MemoryLayout.structLayout(
            JAVA_INT.withName("proc_fd"), JAVA_INT.withName("proc_fdtype")).withName("proc_fdinfo");

    private static final StructLayout FILE_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("fi_openflags"), JAVA_INT.withName("fi_status"), JAVA_LONG.withName("fi_offset"),
            JAVA_INT.withName("fi_type"), JAVA_INT.withName("fi_guardflags")).withName("proc_fileinfo");

    private static final StructLayout VNODE_STAT = MemoryLayout.structLayout(
            JAVA_INT.withName("vst_dev"), JAVA_SHORT.withName("vst_mode"), JAVA_SHORT.withName("vst_nlink"),
            JAVA_LONG.withName("vst_ino"), JAVA_INT.withName("vst_uid"), JAVA_INT.withName("vst_gid"),
            sequenceLayout(8, JAVA_LONG).withName("vst_times"), // atime, mtime, ctime, birthtime with their nsec
            JAVA_LONG.withName("vst_size"), JAVA_LONG.withName("vst_blocks"), JAVA_INT.withName("vst_blksize"),
            JAVA_INT.withName("vst_flags"), JAVA_INT.withName("vst_gen"), JAVA_INT.withName("vst_rdev"),
            sequenceLayout(2, JAVA_LONG).withName("vst_qspare")).withName("vinfo_stat");

    private static final StructLayout SOCKET_BUFFER = MemoryLayout.structLayout(
            JAVA_INT.withName("sbi_cc"), JAVA_INT.withName("sbi_hiwat"), JAVA_INT.withName("sbi_mbcnt"),
            JAVA_INT.withName("sbi_mbmax"), JAVA_INT.withName("sbi_lowat"), JAVA_SHORT.withName("sbi_flags"),
            JAVA_SHORT.withName("sbi_timeo")).withName("sockbuf_info");

    /** struct in_sockinfo; addresses are unions of in4in6_addr (IPv4 in the last 4 bytes) and in6_addr. */
    static final StructLayout INET_SOCKET = MemoryLayout.structLayout(
            JAVA_INT.withName("insi_fport"), JAVA_INT.withName("insi_lport"), JAVA_LONG.withName("insi_gencnt"),
            JAVA_INT.withName("insi_flags"), JAVA_INT.withName("insi_flow"), JAVA_BYTE.withName("insi_vflag"),
            JAVA_BYTE.withName("insi_ip_ttl"), paddingLayout(2), JAVA_INT.withName("rfu_1"),
            sequenceLayout(16, JAVA_BYTE).withName("insi_faddr"), sequenceLayout(16, JAVA_BYTE).withName("insi_laddr"),
            JAVA_BYTE.withName("insi_v4"), paddingLayout(3),
            MemoryLayout.structLayout(JAVA_BYTE.withName("in6_hlim"), paddingLayout(3), JAVA_INT.withName("in6_cksum"),
                    JAVA_SHORT.withName("in6_ifindex"), JAVA_SHORT.withName("in6_hops")).withName("insi_v6"))
            .withName("in_sockinfo");

    /** struct socket_info; soi_proto is a union whose largest member (un_sockinfo) takes 528 bytes. */
    private static final StructLayout SOCKET_INFO = MemoryLayout.structLayout(
            VNODE_STAT.withName("soi_stat"), JAVA_LONG.withName("soi_so"), JAVA_LONG.withName("soi_pcb"),
            JAVA_INT.withName("soi_type"), JAVA_INT.withName("soi_protocol"), JAVA_INT.withName("soi_family"),
            JAVA_SHORT.withName("soi_options"), JAVA_SHORT.withName("soi_linger"), JAVA_SHORT.withName("soi_state"),
            JAVA_SHORT.withName("soi_qlen"), JAVA_SHORT.withName("soi_incqlen"), JAVA_SHORT.withName("soi_qlimit"),
            JAVA_SHORT.withName("soi_timeo"), JAVA_SHORT.withName("soi_error"), JAVA_INT.withName("soi_oobmark"),
            SOCKET_BUFFER.withName("soi_rcv"), SOCKET_BUFFER.withName("soi_snd"), JAVA_INT.withName("soi_kind"),
            JAVA_INT.withName("rfu_1"),
            MemoryLayout.unionLayout(INET_SOCKET.withName("pri_in"), sequenceLayout(528, JAVA_BYTE).withName("pri_un"))
                    .withName("soi_proto")).withName("socket_info");

    /** struct socket_fdinfo, the answer of proc_pidfdinfo(PROC_PIDFDSOCKETINFO). */
    static final StructLayout SOCKET_DESCRIPTOR = MemoryLayout.structLayout(
            FILE_INFO.withName("pfi"), SOCKET_INFO.withName("psi")).withName("socket_fdinfo");

    /** struct proc_bsdinfo, the answer of proc_pidinfo(PROC_PIDTBSDINFO). */
    static final StructLayout BSD_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("pbi_flags"), JAVA_INT.withName("pbi_status"), JAVA_INT.withName("pbi_xstatus"),
            JAVA_INT.withName("pbi_pid"), JAVA_INT.withName("pbi_ppid"), JAVA_INT.withName("pbi_uid"),
            JAVA_INT.withName("pbi_gid"), JAVA_INT.withName("pbi_ruid"), JAVA_INT.withName("pbi_rgid"),
            JAVA_INT.withName("pbi_svuid"), JAVA_INT.withName("pbi_svgid"), JAVA_INT.withName("rfu_1"),
            sequenceLayout(16, JAVA_BYTE).withName("pbi_comm"), sequenceLayout(32, JAVA_BYTE).withName("pbi_name"),
            JAVA_INT.withName("pbi_nfiles"), JAVA_INT.withName("pbi_pgid"), JAVA_INT.withName("pbi_pjobc"),
            JAVA_INT.withName("e_tdev"), JAVA_INT.withName("e_tpgid"), JAVA_INT.withName("pbi_nice"),
            JAVA_LONG.withName("pbi_start_tvsec"), JAVA_LONG.withName("pbi_start_tvusec")).withName("proc_bsdinfo");

    private static final long PROTOCOL = offset(SOCKET_DESCRIPTOR, "psi", "soi_protocol");
    private static final long FAMILY = offset(SOCKET_DESCRIPTOR, "psi", "soi_family");
    private static final long KIND = offset(SOCKET_DESCRIPTOR, "psi", "soi_kind");
    private static final long INET = offset(SOCKET_DESCRIPTOR, "psi", "soi_proto");
    /** tcp_sockinfo begins with its in_sockinfo, then tcpsi_state. */
    static final long TCP_STATE = INET + INET_SOCKET.byteSize();
    private static final long REMOTE_PORT = INET + offset(INET_SOCKET, "insi_fport");
    private static final long LOCAL_PORT = INET + offset(INET_SOCKET, "insi_lport");
    private static final long REMOTE_ADDRESS = INET + offset(INET_SOCKET, "insi_faddr");
    private static final long LOCAL_ADDRESS = INET + offset(INET_SOCKET, "insi_laddr");
    static final long UID = offset(BSD_INFO, "pbi_uid");
    static final long COMM = offset(BSD_INFO, "pbi_comm");
    static final long NAME = offset(BSD_INFO, "pbi_name");
    static final long START_SECONDS = offset(BSD_INFO, "pbi_start_tvsec");
    static final long START_MICROSECONDS = offset(BSD_INFO, "pbi_start_tvusec");

    private LibprocLayouts() {
    }

    private static long offset(StructLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }

    /**
     * The TCP or UDP socket a {@code struct socket_fdinfo} describes, held by {@code owner};
     * null for any other kind of socket (Unix, kernel control, raw IP).
     */
    static OwnedSocket socket(MemorySegment socketDescriptor, ProcessInfo owner) {
        int kind = socketDescriptor.get(JAVA_INT, KIND);
        int protocol = socketDescriptor.get(JAVA_INT, PROTOCOL);
        int family = socketDescriptor.get(JAVA_INT, FAMILY);
        if ((kind != SOCKINFO_IN && kind != SOCKINFO_TCP) || (protocol != SocketEndpoint.TCP && protocol != SocketEndpoint.UDP)
                || (family != AF_INET && family != AF_INET6)) {
            return null;
        }
        // Ports are kept as ints holding the network-order port in their first two bytes.
        int localPort = SocketEndpoint.portAt(socketDescriptor, LOCAL_PORT);
        int remotePort = SocketEndpoint.portAt(socketDescriptor, REMOTE_PORT);
        SocketEndpoint local = SocketEndpoint.of(protocol, address(socketDescriptor, LOCAL_ADDRESS, family), localPort);
        boolean listening = kind == SOCKINFO_TCP && socketDescriptor.get(JAVA_INT, TCP_STATE) == TSI_S_LISTEN;
        SocketEndpoint remote = listening || remotePort == 0 ? null
                : SocketEndpoint.of(protocol, address(socketDescriptor, REMOTE_ADDRESS, family), remotePort);
        return new OwnedSocket(local, remote, owner);
    }

    /** An in4in6_addr holds IPv4 in its last four bytes. */
    private static byte[] address(MemorySegment socketDescriptor, long offset, int family) {
        return family == AF_INET
                ? socketDescriptor.asSlice(offset + 12, 4).toArray(JAVA_BYTE)
                : socketDescriptor.asSlice(offset, 16).toArray(JAVA_BYTE);
    }

    /** A NUL-terminated C string in a fixed-size field. */
    static String fixedString(MemorySegment struct, long offset, int size) {
        byte[] bytes = struct.asSlice(offset, size).toArray(JAVA_BYTE);
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * The arguments in a {@code KERN_PROCARGS2} answer, joined by spaces: an int argc, the
     * executable's path, NUL padding, then argc NUL-terminated arguments (then the environment,
     * which is left alone).
     */
    static String commandLine(MemorySegment answer) {
        if (answer.byteSize() < 4) {
            return "";
        }
        int count = answer.get(JAVA_INT, 0);
        byte[] bytes = answer.asSlice(4).toArray(JAVA_BYTE);
        int at = 0;
        while (at < bytes.length && bytes[at] != 0) {
            at++; // the executable's path
        }
        while (at < bytes.length && bytes[at] == 0) {
            at++;
        }
        List<String> arguments = new ArrayList<>(Math.max(0, count));
        while (arguments.size() < count && at < bytes.length) {
            int end = at;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            arguments.add(new String(bytes, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return String.join(" ", arguments);
    }
}
