package dev.tapdeck.capture.pcap;

import dev.tapdeck.file.PacketRecord;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One open libpcap handle: a live capture on an interface, or a "dead" one that only
 * compiles filters. Like libpcap's {@code pcap_t} it belongs to one thread at a time, except
 * {@link #breakLoop()}, which any thread may call to end a blocked {@link #next()}.
 *
 * <p>{@link #next()} reads the packet's header into this object's fields and leaves the
 * bytes where libpcap put them ({@link #packetAddress()}), valid until the next call:
 * capturing a packet allocates nothing.
 */
public final class PcapHandle implements AutoCloseable {
    /** {@link #next()} results, as {@code pcap_next_ex} returns them. */
    public static final int PACKET = 1, TIMEOUT = 0, ERROR = -1, BROKEN = -2;

    private final Libpcap pcap;
    private final PcapLayouts layouts;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment headerPointer;
    private final MemorySegment dataPointer;
    private final MemorySegment statistics;
    private final long capturedLengthOffset;
    private final long originalLengthOffset;
    private final String device;
    private final List<String> warnings = new ArrayList<>();
    private int linkType;
    private boolean nanosecondTimestamps;
    private boolean closed;

    private long packetAddress;
    private int capturedLength;
    private int originalLength;
    private long epochSeconds;
    private int nanos;

    private PcapHandle(Libpcap pcap, MemorySegment handle, String device) {
        this.pcap = pcap;
        this.layouts = pcap.layouts;
        this.handle = handle;
        this.device = device;
        this.headerPointer = arena.allocate(ADDRESS);
        this.dataPointer = arena.allocate(ADDRESS);
        this.statistics = arena.allocate(layouts.statistics);
        this.capturedLengthOffset = layouts.capturedLengthOffset();
        this.originalLengthOffset = layouts.originalLengthOffset();
    }

    /** How a live handle is set up before {@code pcap_activate}. */
    public record Options(int snaplen, boolean promiscuous, int timeoutMillis, int bufferBytes, boolean immediate) {
        public static final int DEFAULT_SNAPLEN = 262_144;

        public static Options defaults() {
            return new Options(DEFAULT_SNAPLEN, true, 100, 16 << 20, false);
        }
    }

    /**
     * Opens and activates a live capture on {@code device}, asking for nanosecond time stamps
     * where the platform has them. Warnings from activation are kept in {@link #warnings()}.
     *
     * @throws PcapException with libpcap's status and message when the device cannot be opened
     */
    public static PcapHandle openLive(Libpcap pcap, String device, Options options) throws PcapException {
        MemorySegment handle;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment errbuf = scratch.allocate(Libpcap.ERRBUF_SIZE);
            handle = (MemorySegment) pcap.create.invokeExact(scratch.allocateFrom(device), errbuf);
            if (handle.equals(MemorySegment.NULL)) {
                throw new PcapException(PcapException.ERROR, "cannot open " + device + ": " + errbuf.getString(0));
            }
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
        PcapHandle opened = new PcapHandle(pcap, handle, device);
        try {
            opened.activate(options);
            return opened;
        } catch (PcapException | RuntimeException e) {
            opened.close();
            throw e;
        } catch (Throwable e) {
            opened.close();
            throw Libpcap.rethrow(e);
        }
    }

    /** A handle for compiling filters for {@code linkType} without a device (no privileges needed). */
    public static PcapHandle openDead(Libpcap pcap, int linkType, int snaplen) {
        try {
            MemorySegment handle = (MemorySegment) pcap.openDead.invokeExact(linkType, snaplen);
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("pcap_open_dead failed: out of memory");
            }
            PcapHandle dead = new PcapHandle(pcap, handle, "(filter check)");
            dead.linkType = linkType;
            return dead;
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
    }

    private void activate(Options options) throws PcapException, Throwable {
        check((int) pcap.setSnaplen.invokeExact(handle, options.snaplen()), "set the snap length");
        check((int) pcap.setPromisc.invokeExact(handle, options.promiscuous() ? 1 : 0), "set promiscuous mode");
        check((int) pcap.setTimeout.invokeExact(handle, options.timeoutMillis()), "set the read timeout");
        check((int) pcap.setBufferSize.invokeExact(handle, options.bufferBytes()), "set the buffer size");
        check((int) pcap.setImmediateMode.invokeExact(handle, options.immediate() ? 1 : 0), "set immediate mode");
        // Not every platform has nanosecond stamps (PCAP_ERROR_TSTAMP_PRECISION_NOTSUP): microseconds then.
        int precision = (int) pcap.setTstampPrecision.invokeExact(handle, Libpcap.TSTAMP_PRECISION_NANO);
        int status = (int) pcap.activate.invokeExact(handle);
        if (status < 0) {
            throw new PcapException(status, "cannot capture on " + device + ": " + activationMessage(status));
        }
        if (status > 0) {
            warnings.add(device + ": " + activationMessage(status));
        }
        linkType = (int) pcap.datalink.invokeExact(handle);
        nanosecondTimestamps = precision == 0 && (int) pcap.getTstampPrecision.invokeExact(handle) == Libpcap.TSTAMP_PRECISION_NANO;
    }

    /** libpcap fills its error text for these codes; for the others its status string says it all. */
    private String activationMessage(int status) {
        String statusText = pcap.statusText(status);
        if (status == PcapException.ERROR || status == PcapException.NO_SUCH_DEVICE || status == PcapException.PERMISSION_DENIED
                || status == PcapException.PROMISCUOUS_PERMISSION_DENIED || status == 1 /* PCAP_WARNING */) {
            String detail = lastError();
            if (detail != null && !detail.isBlank()) {
                return status == PcapException.ERROR || status == 1 ? detail : statusText + " (" + detail + ")";
            }
        }
        return statusText;
    }

    private void check(int status, String what) throws PcapException {
        if (status != 0) {
            throw new PcapException(status, "cannot " + what + " on " + device + ": " + pcap.statusText(status));
        }
    }

    /**
     * Compiles a BPF filter expression (pcap-filter(7)) and applies it to this handle; an
     * empty or null expression captures everything.
     *
     * @throws PcapException with libpcap's message, e.g. "syntax error", when it does not compile
     */
    public void setFilter(String expression) throws PcapException {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment program = compile(expression, scratch);
            try {
                if ((int) pcap.setFilter.invokeExact(handle, program) != 0) {
                    throw new PcapException(PcapException.ERROR, "cannot apply capture filter \"" + expression + "\": " + lastError());
                }
            } finally {
                pcap.freeCode.invokeExact(program);
            }
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
    }

    /**
     * Compiles a filter without applying it: on a dead handle, the check a filter can get
     * before any capture starts.
     */
    public void checkFilter(String expression) throws PcapException {
        try (Arena scratch = Arena.ofConfined()) {
            pcap.freeCode.invokeExact(compile(expression, scratch));
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
    }

    private MemorySegment compile(String expression, Arena scratch) throws Throwable {
        MemorySegment program = scratch.allocate(layouts.bpfProgram);
        String text = expression == null ? "" : expression;
        if ((int) pcap.compile.invokeExact(handle, program, scratch.allocateFrom(text), 1, Libpcap.NETMASK_UNKNOWN) != 0) {
            throw new PcapException(PcapException.ERROR, "bad capture filter \"" + text + "\": " + lastError());
        }
        return program;
    }

    /**
     * Waits for the next packet, at most the read timeout: {@link #PACKET} with the packet's
     * fields set, {@link #TIMEOUT}, {@link #BROKEN} after {@link #breakLoop()}, or {@link #ERROR}
     * ({@link #lastError()} says why).
     */
    public int next() {
        int result;
        try {
            result = (int) pcap.nextEx.invokeExact(handle, headerPointer, dataPointer);
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
        if (result == PACKET) {
            // Pointers read as plain numbers: get(ADDRESS) would make a segment per packet.
            long header = headerPointer.get(JAVA_LONG, 0);
            MemorySegment memory = Libpcap.EVERYTHING;
            packetAddress = dataPointer.get(JAVA_LONG, 0);
            capturedLength = memory.get(JAVA_INT, header + capturedLengthOffset);
            originalLength = memory.get(JAVA_INT, header + originalLengthOffset);
            epochSeconds = layouts.timestampSeconds(memory, header);
            long fraction = layouts.timestampFraction(memory, header);
            nanos = (int) (nanosecondTimestamps ? fraction : fraction * 1000);
        }
        return result;
    }

    /** Makes a blocked or the next {@link #next()} return {@link #BROKEN}; safe from any thread. */
    public void breakLoop() {
        try {
            pcap.breakLoop.invokeExact(handle);
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
    }

    /**
     * Reads the kernel's counters ({@code pcap_stats}) into {@code into}: packets received,
     * dropped for lack of buffer space, dropped by the interface.
     *
     * @return false when the platform cannot tell ({@link #lastError()} says why)
     */
    public boolean statistics(long[] into) {
        try {
            if ((int) pcap.stats.invokeExact(handle, statistics) != 0) {
                return false;
            }
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
        into[0] = Integer.toUnsignedLong(statistics.get(JAVA_INT, 0));
        into[1] = Integer.toUnsignedLong(statistics.get(JAVA_INT, 4));
        into[2] = Integer.toUnsignedLong(statistics.get(JAVA_INT, 8));
        return true;
    }

    /** libpcap's text for the last error on this handle. */
    public String lastError() {
        try {
            return Libpcap.cString((MemorySegment) pcap.getErr.invokeExact(handle));
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        }
    }

    public String device() { return device; }
    /** The handle's link type (DLT/LINKTYPE value). */
    public int linkType() { return linkType; }
    public boolean nanosecondTimestamps() { return nanosecondTimestamps; }
    public List<String> warnings() { return List.copyOf(warnings); }

    /** Where the current packet's bytes are; read them before the next {@link #next()}. */
    public long packetAddress() { return packetAddress; }
    public int capturedLength() { return capturedLength; }
    public int originalLength() { return originalLength; }
    public long epochSeconds() { return epochSeconds; }
    public int nanos() { return nanos; }

    /**
     * Points {@code record} at the current packet where libpcap holds it, with its lengths,
     * time stamp and the handle's link type; valid until the next {@link #next()}.
     */
    public PacketRecord fill(PacketRecord record) {
        return record.set(Libpcap.EVERYTHING, packetAddress, capturedLength, originalLength, linkType)
                .timestamp(epochSeconds, nanos, nanosecondTimestamps ? PacketRecord.NANOSECOND_DIGITS : PacketRecord.MICROSECOND_DIGITS);
    }

    /** Copies the current packet's bytes into {@code target} at {@code offset}. */
    public void copyPacket(MemorySegment target, long offset) {
        MemorySegment.copy(Libpcap.EVERYTHING, packetAddress, target, offset, capturedLength);
    }

    /** Closes the handle; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pcap.close.invokeExact(handle);
        } catch (Throwable e) {
            throw Libpcap.rethrow(e);
        } finally {
            arena.close();
        }
    }
}
