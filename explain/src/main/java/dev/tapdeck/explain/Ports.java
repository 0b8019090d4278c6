package dev.tapdeck.explain;

/** Names of well-known ports (IANA service names registry), for plain-language text. */
final class Ports {
    private Ports() {
    }

    /** The service usually found on {@code port}, or null. */
    static String service(int port) {
        return switch (port) {
            case 20, 21 -> "FTP";
            case 22 -> "SSH";
            case 23 -> "Telnet";
            case 25, 587 -> "SMTP";
            case 53 -> "DNS";
            case 67, 68 -> "DHCP";
            case 80, 8080 -> "HTTP";
            case 110 -> "POP3";
            case 123 -> "NTP";
            case 137, 138, 139 -> "NetBIOS";
            case 143 -> "IMAP";
            case 161, 162 -> "SNMP";
            case 443, 8443 -> "HTTPS";
            case 445 -> "SMB";
            case 465 -> "SMTP over TLS";
            case 514 -> "syslog";
            case 853 -> "DNS over TLS";
            case 993 -> "IMAP over TLS";
            case 995 -> "POP3 over TLS";
            case 1900 -> "SSDP";
            case 3306 -> "MySQL";
            case 3389 -> "RDP";
            case 5353 -> "mDNS";
            case 5355 -> "LLMNR";
            case 5432 -> "PostgreSQL";
            case 6379 -> "Redis";
            default -> null;
        };
    }

    /** {@code 443 (HTTPS)}, or just the number. */
    static String describe(int port) {
        String service = service(port);
        return service == null ? String.valueOf(port) : port + " (" + service + ")";
    }

    /**
     * The port of a pair that looks like the server's: a named service, else the lower of two
     * where one is below the ephemeral range (RFC 6335 §6), else -1.
     */
    static int serverSide(int sourcePort, int destinationPort) {
        boolean sourceNamed = service(sourcePort) != null;
        boolean destinationNamed = service(destinationPort) != null;
        if (sourceNamed != destinationNamed) {
            return sourceNamed ? sourcePort : destinationPort;
        }
        int lower = Math.min(sourcePort, destinationPort);
        return lower < 1024 && Math.max(sourcePort, destinationPort) >= 1024 ? lower : -1;
    }
}
