package dev.tapdeck.capture.pcap;

import java.util.Locale;

/** The operating systems whose capture library and struct layouts Tapdeck knows. */
public enum OperatingSystem {
    LINUX, MACOS, WINDOWS,
    /** Another Unix (FreeBSD, …): libpcap with BSD socket addresses, untested. */
    OTHER_UNIX;

    public static OperatingSystem current() {
        return of(System.getProperty("os.name", ""));
    }

    static OperatingSystem of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return OTHER_UNIX;
    }
}
