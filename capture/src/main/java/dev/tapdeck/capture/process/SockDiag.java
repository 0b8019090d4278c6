package dev.tapdeck.capture.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Linux's netlink {@code NETLINK_SOCK_DIAG} through FFM: one dump per family and protocol
 * lists every socket with its uid and inode, as {@code ss} gets them, without reading text;
 * an exact request names one socket by its ends. A netlink socket is opened for each request
 * and closed after it; the buffers are kept. Used by one thread at a time.
 */
final class SockDiag {
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** Large enough for the kernel's dump batches (it fills up to about 32 KB per datagram). */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /** struct sockaddr_nl: the kernel is port id 0. */
    private static final StructLayout NETLINK_ADDRESS = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"), JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"), JAVA_INT.withName("nl_groups")).withName("sockaddr_nl");

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_CAPTURE = Linker.Option.captureCallState("errno");

    private final MethodHandle socket = function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private final MethodHandle sendTo = function("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle receive = function("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private final MethodHandle close = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("close"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment request = arena.allocate(SockDiagMessages.REQUEST_SIZE, 8);
    private final MemorySegment kernel = arena.allocate(NETLINK_ADDRESS);
    private final MemorySegment buffer = arena.allocate(RECEIVE_BUFFER, 8);
    private final MemorySegment errno = arena.allocate(CALL_STATE);
    private int sequence;

    SockDiag() {
        kernel.set(JAVA_SHORT, 0, (short) 16); // AF_NETLINK
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, ERRNO_CAPTURE);
    }

    /** Adds every socket of {@code family} (AF_INET or AF_INET6) and {@code ipProtocol} to {@code into}. */
    void dump(int family, int ipProtocol, List<KernelSocket> into) throws IOException {
        SockDiagMessages.writeRequest(request, family, ipProtocol, ++sequence);
        int fd = open();
        try {
            send(fd);
            boolean done = false;
            while (!done) {
                done = SockDiagMessages.read(receive(fd), ipProtocol, into);
            }
        } finally {
            invoke(() -> (int) close.invokeExact(fd));
        }
    }

    /**
     * The one socket with these ends, by the kernel's own hash lookup: far cheaper than a dump
     * on a machine with large socket hash tables, which a dump walks bucket by bucket.
     *
     * @return null when there is none
     */
    KernelSocket find(int ipProtocol, SocketEndpoint local, SocketEndpoint remote) throws IOException {
        SockDiagMessages.writeExactRequest(request, ipProtocol, ++sequence, local, remote);
        int fd = open();
        try {
            send(fd);
            return SockDiagMessages.readExact(receive(fd), ipProtocol);
        } finally {
            invoke(() -> (int) close.invokeExact(fd));
        }
    }

    private int open() throws IOException {
        return call("socket", (int) invoke(() -> (int) socket.invokeExact(errno, 16,
                SOCK_DGRAM | SOCK_CLOEXEC, SockDiagMessages.NETLINK_SOCK_DIAG)));
    }

    private void send(int fd) throws IOException {
        call("sendto", (long) invoke(() -> (long) sendTo.invokeExact(errno, fd, request,
                SockDiagMessages.REQUEST_SIZE, 0, kernel, (int) NETLINK_ADDRESS.byteSize())));
    }

    private MemorySegment receive(int fd) throws IOException {
        long received = call("recv", (long) invoke(() -> (long) receive.invokeExact(errno, fd, buffer,
                (long) RECEIVE_BUFFER, 0)));
        if (received == 0) {
            throw new IOException("netlink closed before the kernel answered");
        }
        return buffer.asSlice(0, received);
    }

    private long call(String function, long result) throws IOException {
        if (result < 0) {
            throw new IOException("netlink " + function + " failed (errno " + (int) ERRNO.get(errno, 0L) + ")");
        }
        return result;
    }

    private int call(String function, int result) throws IOException {
        return (int) call(function, (long) result);
    }

    private interface NativeCall {
        Object call() throws Throwable;
    }

    private static Object invoke(NativeCall call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
