package dev.tapdeck.capture;

import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.LibpcapUnavailableException;
import dev.tapdeck.capture.pcap.OperatingSystem;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.capture.pcap.PcapHandle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Can this process capture? Each check says what it found and, when it fails, exactly what
 * to do on this operating system: install the library, or get the right to capture.
 */
public final class CapturePreflight {

    /** One check: its name, whether it passed, what was found, and the fix when it failed. */
    public record Check(String name, boolean ok, String result, String fix) {}

    private CapturePreflight() {}

    /** Checks this machine with the capture library {@link Libpcap#system()} would load. */
    public static List<Check> run() {
        return run(OperatingSystem.current(), Libpcap.configuredNames(OperatingSystem.current()));
    }

    /** Checks with the library looked up under {@code libraryNames} (tests point it at names that do not exist). */
    public static List<Check> run(OperatingSystem os, List<String> libraryNames) {
        List<Check> checks = new ArrayList<>();
        Libpcap pcap;
        try {
            pcap = Libpcap.load(os, libraryNames);
            checks.add(new Check("capture library", true, pcap.version() + " (" + pcap.libraryName() + ")", null));
        } catch (LibpcapUnavailableException e) {
            checks.add(new Check("capture library", false, e.getMessage(), Libpcap.installAdvice(os)));
            return checks;
        }
        List<CaptureInterface> interfaces;
        try {
            interfaces = pcap.interfaces();
        } catch (PcapException e) {
            checks.add(new Check("interfaces", false, e.getMessage(), permissionAdvice(os)));
            return checks;
        }
        checks.add(new Check("interfaces", !interfaces.isEmpty(), interfaces.isEmpty() ? "none found"
                : interfaces.size() + " found: " + String.join(", ", interfaces.stream().map(CaptureInterface::name).toList()),
                interfaces.isEmpty() ? permissionAdvice(os) : null));
        if (!interfaces.isEmpty()) {
            checks.add(permissionCheck(os, pcap, interfaces.getFirst().name()));
        }
        return checks;
    }

    /** Opens {@code device} for capture and closes it again: the one sure test of the right to capture. */
    private static Check permissionCheck(OperatingSystem os, Libpcap pcap, String device) {
        String who = describeProcess(os);
        try (PcapHandle ignored = PcapHandle.openLive(pcap, device, new PcapHandle.Options(128, false, 10, 1 << 16, true))) {
            return new Check("permission to capture", true, "can capture on " + device + who, null);
        } catch (PcapException e) {
            if (e.isPermissionDenied()) {
                return new Check("permission to capture", false, e.getMessage() + who, permissionAdvice(os));
            }
            return new Check("permission to capture", false, e.getMessage() + who, "check that " + device + " is up");
        }
    }

    /** What each OS needs for capture rights. */
    public static String permissionAdvice(OperatingSystem os) {
        return switch (os) {
            case LINUX -> "Capturing needs root or the capabilities cap_net_raw and cap_net_admin: run as root "
                    + "(sudo ./tapdeck ...), or grant them once to the real java binary: sudo setcap "
                    + "cap_net_raw,cap_net_admin=eip " + javaBinary() + " (setcap needs the real file, not a symlink).";
            case MACOS -> "Capturing needs read access to /dev/bpf*: run with sudo, or install Wireshark's "
                    + "ChmodBPF (or run `sudo chmod o+r /dev/bpf*`, which lasts until reboot).";
            case WINDOWS -> "Capturing needs Npcap; if Npcap was installed with \"Restrict Npcap driver's access to "
                    + "Administrators only\", run the terminal as Administrator.";
            case OTHER_UNIX -> "Capturing needs read access to /dev/bpf*: run as root, or give your user access to the BPF devices.";
        };
    }

    /** The java executable as a real file: setcap refuses symlinks such as /usr/bin/java. */
    static String javaBinary() {
        String command = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            return Path.of(command).toRealPath().toString();
        } catch (IOException e) {
            return command;
        }
    }

    /** ", as uid 0" or ", as uid 1000 with cap_net_raw but not cap_net_admin" on Linux. */
    private static String describeProcess(OperatingSystem os) {
        if (os != OperatingSystem.LINUX) {
            return "";
        }
        try {
            String uid = null;
            long effective = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.substring(4).strip().split("\\s+")[1];
                } else if (line.startsWith("CapEff:")) {
                    effective = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
            boolean raw = (effective & (1L << 13)) != 0;
            boolean admin = (effective & (1L << 12)) != 0;
            return ", as uid " + uid + " with cap_net_raw " + (raw ? "yes" : "no") + ", cap_net_admin " + (admin ? "yes" : "no");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
