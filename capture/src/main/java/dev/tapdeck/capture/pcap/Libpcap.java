package dev.tapdeck.capture.pcap;

import dev.tapdeck.decode.Addresses;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * libpcap (Linux, macOS) or Npcap's {@code wpcap.dll} (Windows), bound with the FFM API:
 * the library found, one downcall handle per function Tapdeck calls, and the struct layouts
 * of this operating system. Immutable and safe to share; handles ({@link PcapHandle}) are not.
 */
public final class Libpcap {
    static final int ERRBUF_SIZE = 256;
    static final int TSTAMP_PRECISION_NANO = 1;
    static final int NETMASK_UNKNOWN = 0xffffffff;
    /** All of memory, for reading what libpcap points at without making a segment per packet. */
    static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    public static final String LIBRARY_PROPERTY = "tapdeck.libpcap";
    public static final String LIBRARY_VARIABLE = "TAPDECK_LIBPCAP";

    private static volatile Libpcap system;

    final PcapLayouts layouts;
    private final String libraryName;
    final MethodHandle findAllDevs, freeAllDevs, create, openDead, setSnaplen, setPromisc, setTimeout,
            setBufferSize, setImmediateMode, setTstampPrecision, getTstampPrecision, activate, datalink,
            compile, setFilter, freeCode, nextEx, breakLoop, stats, close, getErr, statusToStr, libVersion;

    private Libpcap(OperatingSystem os, String libraryName, SymbolLookup library) {
        this.layouts = new PcapLayouts(os);
        this.libraryName = libraryName;
        findAllDevs = function(library, "pcap_findalldevs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeAllDevs = function(library, "pcap_freealldevs", FunctionDescriptor.ofVoid(ADDRESS));
        create = function(library, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        openDead = function(library, "pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        setSnaplen = function(library, "pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setPromisc = function(library, "pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTimeout = function(library, "pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setBufferSize = function(library, "pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setImmediateMode = function(library, "pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTstampPrecision = function(library, "pcap_set_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        getTstampPrecision = function(library, "pcap_get_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        activate = function(library, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        datalink = function(library, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        compile = function(library, "pcap_compile", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setFilter = function(library, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeCode = function(library, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = function(library, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        breakLoop = function(library, "pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        stats = function(library, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        close = function(library, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
        getErr = function(library, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        statusToStr = function(library, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        libVersion = function(library, "pcap_lib_version", FunctionDescriptor.of(ADDRESS));
    }

    /**
     * The system's capture library, loaded once: the file named by the system property
     * {@value #LIBRARY_PROPERTY} or the environment variable {@value #LIBRARY_VARIABLE} (to
     * use another libpcap build), else the usual one of this OS.
     */
    public static Libpcap system() throws LibpcapUnavailableException {
        Libpcap loaded = system;
        if (loaded == null) {
            synchronized (Libpcap.class) {
                if (system == null) {
                    OperatingSystem os = OperatingSystem.current();
                    system = load(os, configuredNames(os));
                }
                loaded = system;
            }
        }
        return loaded;
    }

    /**
     * Loads the first of {@code names} that opens (a bare file name is looked up the way the
     * OS's dynamic loader does, a path is opened as it is).
     */
    public static Libpcap load(OperatingSystem os, List<String> names) throws LibpcapUnavailableException {
        if (os == OperatingSystem.WINDOWS) {
            useNpcapDllDirectory();
        }
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            SymbolLookup library;
            try {
                library = name.contains("/") || name.contains("\\")
                        ? SymbolLookup.libraryLookup(Path.of(name), Arena.global())
                        : SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException | IllegalCallerException e) {
                failures.add(name);
                continue;
            }
            try {
                return new Libpcap(os, name, library);
            } catch (IllegalStateException missingFunction) {
                throw new LibpcapUnavailableException(name + " is too old for Tapdeck: " + missingFunction.getMessage()
                        + ". " + installAdvice(os));
            }
        }
        throw new LibpcapUnavailableException(switch (os) {
            case WINDOWS -> "Npcap is not installed (no " + String.join(", ", failures) + ").";
            default -> "libpcap is not installed (tried " + String.join(", ", failures) + ").";
        } + " " + installAdvice(os));
    }

    /** The library chosen by {@value #LIBRARY_PROPERTY} or {@value #LIBRARY_VARIABLE}, else {@link #libraryNames}. */
    public static List<String> configuredNames(OperatingSystem os) {
        String chosen = System.getProperty(LIBRARY_PROPERTY, System.getenv(LIBRARY_VARIABLE));
        return chosen == null || chosen.isBlank() ? libraryNames(os) : List.of(chosen);
    }

    /** Where each OS keeps its capture library, most specific name first. */
    public static List<String> libraryNames(OperatingSystem os) {
        return switch (os) {
            case LINUX -> List.of("libpcap.so.1", "libpcap.so.0.8", "libpcap.so");
            case MACOS -> List.of("libpcap.A.dylib", "/usr/lib/libpcap.A.dylib", "libpcap.dylib");
            case WINDOWS -> List.of(npcapDirectory().resolve("wpcap.dll").toString());
            case OTHER_UNIX -> List.of("libpcap.so", "libpcap.so.1", "libpcap.so.8");
        };
    }

    /** What to install, in the words of each OS's package tools. */
    public static String installAdvice(OperatingSystem os) {
        return switch (os) {
            case LINUX -> "Install libpcap: Debian/Ubuntu `sudo apt-get install libpcap0.8`, Fedora/RHEL "
                    + "`sudo dnf install libpcap`, Arch `sudo pacman -S libpcap`, Alpine `sudo apk add libpcap`.";
            case MACOS -> "macOS ships libpcap in /usr/lib; if it is gone, `brew install libpcap` or reinstall "
                    + "the Command Line Tools (`xcode-select --install`).";
            case WINDOWS -> "Install Npcap (the installer from the Npcap project's site; WinPcap is not supported), "
                    + "then open a new terminal.";
            case OTHER_UNIX -> "Install libpcap with your system's package manager (e.g. `pkg install libpcap`).";
        };
    }

    /** The library's own version line, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    public String version() {
        try {
            return cString((MemorySegment) libVersion.invokeExact());
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Every capture device libpcap sees, in its order (which puts the usual default first).
     * The link type is asked of each device by opening it briefly, which needs capture rights:
     * without them it stays -1.
     */
    public List<CaptureInterface> interfaces() throws PcapException {
        List<CaptureInterface> found = new ArrayList<>(devices());
        found.replaceAll(device -> device.withLinkType(linkTypeOf(device.name())));
        return found;
    }

    /** The device called {@code name} as {@link #interfaces()} lists it, without asking its link type. */
    public Optional<CaptureInterface> device(String name) throws PcapException {
        return devices().stream().filter(device -> device.name().equals(name)).findFirst();
    }

    private List<CaptureInterface> devices() throws PcapException {
        List<CaptureInterface> found = new ArrayList<>();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment first = scratch.allocate(ADDRESS);
            MemorySegment errbuf = scratch.allocate(ERRBUF_SIZE);
            if ((int) findAllDevs.invokeExact(first, errbuf) != 0) {
                throw new PcapException(PcapException.ERROR, "cannot list capture devices: " + errbuf.getString(0));
            }
            MemorySegment list = first.get(ADDRESS, 0);
            try {
                for (MemorySegment entry = list; !entry.equals(MemorySegment.NULL); ) {
                    entry = entry.reinterpret(layouts.interfaceEntry.byteSize());
                    found.add(describe(entry));
                    entry = entry.get(ADDRESS, offset(layouts.interfaceEntry, "next"));
                }
            } finally {
                freeAllDevs.invokeExact(list);
            }
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw rethrow(e);
        }
        return found;
    }

    private CaptureInterface describe(MemorySegment entry) {
        String name = cString(entry.get(ADDRESS, offset(layouts.interfaceEntry, "name")));
        String description = cString(entry.get(ADDRESS, offset(layouts.interfaceEntry, "description")));
        int flags = entry.get(JAVA_INT, offset(layouts.interfaceEntry, "flags"));
        List<CaptureInterface.Address> addresses = new ArrayList<>();
        MemorySegment address = entry.get(ADDRESS, offset(layouts.interfaceEntry, "addresses"));
        while (!address.equals(MemorySegment.NULL)) {
            address = address.reinterpret(layouts.addressEntry.byteSize());
            String text = socketAddress(address.get(ADDRESS, offset(layouts.addressEntry, "addr")));
            if (text != null) {
                addresses.add(new CaptureInterface.Address(text, socketAddress(address.get(ADDRESS, offset(layouts.addressEntry, "netmask")))));
            }
            address = address.get(ADDRESS, offset(layouts.addressEntry, "next"));
        }
        return new CaptureInterface(name, description, List.copyOf(addresses),
                (flags & 0x2) != 0, (flags & 0x4) != 0, (flags & 0x1) != 0, (flags & 0x8) != 0, -1);
    }

    /** An IPv4 or IPv6 {@code struct sockaddr} as text; null for other families (link-layer, …). */
    String socketAddress(MemorySegment sockaddr) {
        if (sockaddr.equals(MemorySegment.NULL)) {
            return null;
        }
        MemorySegment bytes = sockaddr.reinterpret(28);
        int family = layouts.addressFamily(bytes);
        StringBuilder text = new StringBuilder();
        if (family == PcapLayouts.AF_INET) {
            Addresses.appendIpv4(bytes.get(JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), PcapLayouts.INET_ADDRESS_OFFSET), text);
        } else if (family == layouts.inet6Family()) {
            Addresses.appendIpv6(bytes.asSlice(PcapLayouts.INET6_ADDRESS_OFFSET, 16).toArray(JAVA_BYTE), 0, text);
        } else {
            return null;
        }
        return text.toString();
    }

    /** The device's link type, from a short-lived handle; -1 when it cannot be opened. */
    public int linkTypeOf(String device) {
        try (PcapHandle handle = PcapHandle.openLive(this, device, new PcapHandle.Options(128, false, 10, 1 << 16, true))) {
            return handle.linkType();
        } catch (PcapException e) {
            return -1;
        }
    }

    /** The file name or path the library was loaded from. */
    public String libraryName() { return libraryName; }

    public PcapLayouts layouts() { return layouts; }

    /** libpcap's words for a status code, e.g. "That operation is supported only in monitor mode". */
    String statusText(int status) {
        try {
            return cString((MemorySegment) statusToStr.invokeExact(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Npcap keeps its DLLs apart from WinPcap's; wpcap.dll loads Packet.dll from the same folder. */
    private static Path npcapDirectory() {
        String root = System.getenv("SystemRoot");
        return Path.of(root == null ? "C:\\Windows" : root, "System32", "Npcap");
    }

    private static void useNpcapDllDirectory() {
        try {
            SymbolLookup kernel32 = SymbolLookup.libraryLookup("kernel32", Arena.global());
            MethodHandle setDllDirectory = Linker.nativeLinker().downcallHandle(
                    kernel32.findOrThrow("SetDllDirectoryW"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
            try (Arena arena = Arena.ofConfined()) {
                int ok = (int) setDllDirectory.invokeExact(arena.allocateFrom(npcapDirectory().toString(), StandardCharsets.UTF_16LE));
                if (ok == 0) {
                    throw new IllegalStateException("SetDllDirectoryW failed");
                }
            }
        } catch (Throwable e) {
            // Loading wpcap.dll by full path below still works when Packet.dll is on the search path.
            System.getLogger(Libpcap.class.getName()).log(System.Logger.Level.DEBUG, "cannot set the Npcap DLL directory", e);
        }
    }

    private static long offset(StructLayout struct, String field) {
        return struct.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static MethodHandle function(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        MemorySegment address = library.find(name).orElseThrow(() -> new IllegalStateException("it has no " + name));
        return Linker.nativeLinker().downcallHandle(address, descriptor);
    }

    static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** A downcall that throws has failed inside the JVM, not in libpcap: nothing to recover. */
    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(e);
    }
}
