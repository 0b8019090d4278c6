package dev.tapdeck.cli;

import dev.tapdeck.stream.TcpPreferences;

import java.util.List;
import java.util.Locale;

/**
 * A command's {@code -o NAME:VALUE} options, tshark's way of setting a preference. Tapdeck
 * knows the TCP preferences of {@link TcpPreferences} and accepts the decoding preferences
 * of the reference decodes ({@code ip.defragment:FALSE}, {@code tls.desegment_ssl_records:FALSE},
 * ...) at the values it always decodes with, so that a tshark command line can be reused as
 * it is. A name it does not know gets tshark's message; a value it cannot honour says so.
 */
final class PreferenceOptions {
    /** Whoever sets a bad {@code -o} is told with tshark's exit status. */
    static final int EXIT_STATUS = 1;

    /** Preferences whose only value Tapdeck honours is FALSE: it never reassembles these. */
    private static final List<String> ALWAYS_FALSE = List.of("ip.defragment", "ipv6.defragment",
            "tls.desegment_ssl_records", "tls.desegment_ssl_application_data", "http.desegment_headers",
            "http.desegment_body", "dns.desegment_dns_messages");

    private PreferenceOptions() {
    }

    /**
     * The TCP preferences {@code options} set, the others at their defaults.
     *
     * @throws IllegalArgumentException with the message for a malformed option, an unknown
     *                                  name or a value Tapdeck cannot honour
     */
    static TcpPreferences parse(List<String> options) {
        boolean analyze = TcpPreferences.DEFAULTS.analyzeSequenceNumbers();
        boolean timestamps = TcpPreferences.DEFAULTS.calculateTimestamps();
        boolean desegment = TcpPreferences.DEFAULTS.desegmentStreams();
        for (String option : options) {
            int colon = option.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Invalid -o flag \"" + option + "\"");
            }
            String name = option.substring(0, colon).strip();
            String value = option.substring(colon + 1).strip();
            switch (name) {
                case "tcp.analyze_sequence_numbers" -> analyze = bool(option, value);
                case "tcp.calculate_timestamps" -> timestamps = bool(option, value);
                case "tcp.desegment_tcp_streams" -> desegment = bool(option, value);
                case "tcp.relative_sequence_numbers" -> requireFalse(option, value,
                        "Tapdeck shows the absolute sequence and acknowledgement numbers of the header");
                default -> {
                    if (!ALWAYS_FALSE.contains(name)) {
                        throw new IllegalArgumentException("-o flag \"" + option + "\" specifies unknown preference");
                    }
                    requireFalse(option, value, "Tapdeck does not reassemble " + (name.startsWith("ip") ? "IP fragments" : "these messages"));
                }
            }
        }
        return new TcpPreferences(analyze, timestamps, desegment);
    }

    private static boolean bool(String option, String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "TRUE" -> true;
            case "FALSE" -> false;
            default -> throw new IllegalArgumentException("-o flag \"" + option + "\": the value must be TRUE or FALSE");
        };
    }

    private static void requireFalse(String option, String value, String why) {
        if (bool(option, value)) {
            throw new IllegalArgumentException("-o flag \"" + option + "\" is not supported: " + why + "; only FALSE is");
        }
    }
}
