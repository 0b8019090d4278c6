package dev.tapdeck.decode.detail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fingerprints of a TLS hello, from the lists it offers: JA3 and JA3S (Salesforce's, as
 * Wireshark computes them: decimal values joined by dashes, GREASE values (RFC 8701) left out,
 * the MD5 of that) and JA4 (FoxIO's: counts, the first ALPN, and truncated SHA-256 hashes of
 * the sorted cipher suites and extensions).
 */
final class TlsHelloFingerprint {
    static final int SERVER_NAME = 0, SUPPORTED_GROUPS = 10, POINT_FORMATS = 11, SIGNATURE_ALGORITHMS = 13, ALPN = 16,
            SUPPORTED_VERSIONS = 43;

    private final int version;
    private final List<Integer> ciphers = new ArrayList<>();
    private final List<Integer> extensions = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    private final List<Integer> pointFormats = new ArrayList<>();
    private final List<Integer> signatureAlgorithms = new ArrayList<>();
    private int highestVersion;
    private String firstAlpn = "";

    TlsHelloFingerprint(int version) {
        this.version = version;
    }

    /** GREASE values (RFC 8701 §2): 0x0a0a, 0x1a1a, ... 0xfafa. */
    static boolean isGrease(int value) {
        return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
    }

    void cipher(int suite) {
        if (!isGrease(suite)) {
            ciphers.add(suite);
        }
    }

    /** An extension of {@code length} bytes of data at {@code at}, all captured. */
    void extension(int type, PacketBytes bytes, int at, int length) {
        if (isGrease(type)) {
            return;
        }
        extensions.add(type);
        int end = at + length;
        switch (type) {
            case SUPPORTED_GROUPS -> u16List(bytes, at + 2, Math.min(end, at + 2 + (length >= 2 ? bytes.u16(at) : 0)), groups);
            case POINT_FORMATS -> {
                for (int p = at + 1; p < Math.min(end, at + 1 + (length >= 1 ? bytes.u8(at) : 0)); p++) {
                    pointFormats.add(bytes.u8(p));
                }
            }
            case SIGNATURE_ALGORITHMS -> u16List(bytes, at + 2, Math.min(end, at + 2 + (length >= 2 ? bytes.u16(at) : 0)), signatureAlgorithms);
            case ALPN -> {
                if (length >= 3 && firstAlpn.isEmpty()) {
                    int nameLength = bytes.u8(at + 2);
                    if (at + 3 + nameLength <= end) {
                        firstAlpn = bytes.ascii(at + 3, nameLength);
                    }
                }
            }
            case SUPPORTED_VERSIONS -> {
                // A ClientHello lists its versions after a length byte; a ServerHello names one.
                List<Integer> versions = new ArrayList<>();
                if (length == 2) {
                    versions.add(bytes.u16(at));
                } else if (length >= 1) {
                    u16List(bytes, at + 1, Math.min(end, at + 1 + bytes.u8(at)), versions);
                }
                versions.stream().filter(v -> !isGrease(v)).forEach(v -> highestVersion = Math.max(highestVersion, v));
            }
            default -> { }
        }
    }

    private static void u16List(PacketBytes bytes, int from, int to, List<Integer> out) {
        for (int p = from; p + 2 <= to; p += 2) {
            int value = bytes.u16(p);
            if (!isGrease(value)) {
                out.add(value);
            }
        }
    }

    String ja3Full() {
        return version + "," + dashed(ciphers) + "," + dashed(extensions) + "," + dashed(groups) + "," + dashed(pointFormats);
    }

    String ja3() {
        return hex(digest("MD5", ja3Full()));
    }

    String ja3sFull() {
        return version + "," + dashed(ciphers) + "," + dashed(extensions);
    }

    String ja3s() {
        return hex(digest("MD5", ja3sFull()));
    }

    /** {@code t13d1516h2_8daaf6152771_02713d6af862}: FoxIO's JA4 of a ClientHello over TCP. */
    String ja4() {
        int shownVersion = highestVersion != 0 ? highestVersion : version;
        String a = "t" + versionCode(shownVersion) + (extensions.contains(SERVER_NAME) ? "d" : "i")
                + twoDigits(ciphers.size()) + twoDigits(extensions.size()) + alpnCode();
        String b = truncatedSha256(ciphers.stream().sorted().map(TlsHelloFingerprint::hex4).collect(Collectors.joining(",")));
        String sortedExtensions = extensions.stream().filter(e -> e != SERVER_NAME && e != ALPN).sorted()
                .map(TlsHelloFingerprint::hex4).collect(Collectors.joining(","));
        String c = sortedExtensions.isEmpty() ? "000000000000"
                : truncatedSha256(signatureAlgorithms.isEmpty() ? sortedExtensions
                        : sortedExtensions + "_" + signatureAlgorithms.stream().map(TlsHelloFingerprint::hex4).collect(Collectors.joining(",")));
        return a + "_" + b + "_" + c;
    }

    private static String versionCode(int version) {
        return switch (version) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            default -> "00";
        };
    }

    private static String twoDigits(int count) {
        return String.format("%02d", Math.min(count, 99));
    }

    /** The first ALPN value's first and last characters; their hex digits when either is not alphanumeric; 00 for none. */
    private String alpnCode() {
        if (firstAlpn.isEmpty()) {
            return "00";
        }
        char first = firstAlpn.charAt(0);
        char last = firstAlpn.charAt(firstAlpn.length() - 1);
        if (isAlphanumeric(first) && isAlphanumeric(last)) {
            return "" + first + last;
        }
        String hex = HexFormat.of().formatHex(firstAlpn.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean isAlphanumeric(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    private static String truncatedSha256(String text) {
        return text.isEmpty() ? "000000000000" : hex(digest("SHA-256", text)).substring(0, 12);
    }

    private static String hex4(int value) {
        return String.format("%04x", value);
    }

    private static String dashed(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a digest every Java runtime has", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
