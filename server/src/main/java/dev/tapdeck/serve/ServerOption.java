package dev.tapdeck.serve;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Every setting of {@code tapdeck serve}, with its default and what it allows. One name in
 * three spellings: {@code --history-packets} as a flag, {@code history-packets} in the
 * configuration file, {@code TAPDECK_HISTORY_PACKETS} in the environment.
 */
public enum ServerOption {
    PORT("port", "7070", "TCP port to listen on (0 picks a free one)", Kind.integer(0, 65_535)),
    BIND("bind", "127.0.0.1", "address to listen on; any but loopback needs an access token", Kind.ADDRESS),
    TOKEN("token", "", "access token; empty: none (allowed on loopback only); generate: a random one, printed once at start", Kind.TEXT),
    ORIGINS("origins", "", "comma-separated origins (scheme://host:port) allowed besides the server's own", Kind.ORIGINS),
    INTERFACE("interface", "", "interface to capture on; empty: the first one listed", Kind.TEXT),
    FILTER("filter", "", "BPF capture filter (pcap-filter(7)); empty: everything", Kind.TEXT),
    SNAPLEN("snaplen", "262144", "bytes kept of each captured packet", Kind.integer(1, 262_144)),
    PROMISCUOUS("promiscuous", "true", "capture in promiscuous mode", Kind.BOOLEAN),
    HISTORY_PACKETS("history-packets", "100000", "packets kept in memory for the API and the pcapng download", Kind.integer(1, 10_000_000)),
    HISTORY_MEGABYTES("history-megabytes", "256", "memory for those packets' bytes, in MiB", Kind.integer(1, 16_384)),
    STREAMS_KEPT("streams", "100000", "TCP streams, and as many UDP streams, remembered for following them", Kind.integer(1, 10_000_000)),
    STREAMS_MEGABYTES("streams-megabytes", "256", "memory for the followed streams' bytes and segments, in MiB; the oldest streams' are dropped first", Kind.integer(1, 16_384)),
    BATCH_MILLIS("batch-millis", "50", "longest wait before packet summaries go to the browsers", Kind.integer(5, 1_000)),
    BATCH_PACKETS("batch-packets", "256", "most summaries in one WebSocket message", Kind.integer(1, 10_000)),
    CLIENT_QUEUE("client-queue", "64", "messages that may wait for one slow client before it loses summaries", Kind.integer(1, 10_000)),
    STALL_SECONDS("stall-seconds", "10", "a client that takes nothing for this long is disconnected", Kind.integer(1, 3_600)),
    UPLOAD_MEGABYTES("upload-megabytes", "200", "largest capture file that may be uploaded, in MiB", Kind.integer(1, 65_536)),
    SPIKE_WINDOW("spike-window", "60", "seconds of per-second packet counts a rate spike is measured against", Kind.integer(2, 3_600)),
    SPIKE_THRESHOLD("spike-threshold", "3.0", "z-score (standard deviations above the window's mean) that makes a rate spike", Kind.decimal(0.5, 100)),
    SPIKE_MIN_SAMPLES("spike-min-samples", "10", "seconds counted before rate spikes are judged at all", Kind.integer(2, 3_600)),
    SYN_FLOOD("syn-flood", "200", "connections begun and not completed towards one host within 10 s that make a SYN flood", Kind.integer(1, 10_000_000)),
    SCAN_PORTS("scan-ports", "100", "distinct ports of one host a source tries within 60 s that make a port scan", Kind.integer(2, 65_536)),
    SCAN_HOSTS("scan-hosts", "100", "distinct hosts a source tries within 60 s that make a host sweep", Kind.integer(2, 10_000_000)),
    ALERT_COOLDOWN("alert-cooldown", "60", "seconds before the same detector alerts again about the same thing", Kind.integer(0, 86_400)),
    FLOW_IDLE("flow-idle", "120", "seconds without packets after which a flow is forgotten (0: never)", Kind.integer(0, 86_400)),
    MAX_FLOWS("max-flows", "262144", "flows held at once; packets of further flows are counted as untracked", Kind.integer(16, 16_777_216));

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Kind kind;

    ServerOption(String key, String defaultValue, String description, Kind kind) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.kind = kind;
    }

    /** The name in the configuration file; the flag is {@code --} and this. */
    public String key() { return key; }

    public String environmentName() {
        return "TAPDECK_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }

    /** Null when {@code value} is allowed, else what is allowed. */
    String problem(String value) {
        return kind.problem(value);
    }

    /** What values an option takes, and the words that say so. */
    interface Kind {
        String problem(String value);

        Kind TEXT = value -> null;

        Kind BOOLEAN = value -> value.equals("true") || value.equals("false") ? null : "true or false";

        Kind ADDRESS = value -> {
            try {
                InetAddress.getByName(value);
                return null;
            } catch (UnknownHostException | SecurityException e) {
                return "an IP address or a host name of this machine";
            }
        };

        Kind ORIGINS = value -> {
            for (String origin : value.split(",")) {
                String trimmed = origin.strip();
                if (!trimmed.isEmpty() && !isOrigin(trimmed)) {
                    return "origins such as http://localhost:5173, separated by commas (\"" + trimmed + "\" is not one)";
                }
            }
            return null;
        };

        /** scheme://host[:port] and nothing more, as a browser sends it in the Origin header. */
        private static boolean isOrigin(String text) {
            try {
                URI uri = new URI(text);
                return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null
                        && (uri.getPath() == null || uri.getPath().isEmpty());
            } catch (URISyntaxException e) {
                return false;
            }
        }

        static Kind decimal(double min, double max) {
            return value -> {
                try {
                    double number = Double.parseDouble(value);
                    return number >= min && number <= max ? null : "a number from " + min + " to " + max;
                } catch (NumberFormatException e) {
                    return "a number from " + min + " to " + max;
                }
            };
        }

        static Kind integer(long min, long max) {
            return value -> {
                try {
                    long number = Long.parseLong(value);
                    return number >= min && number <= max ? null : "a whole number from " + min + " to " + max;
                } catch (NumberFormatException e) {
                    return "a whole number from " + min + " to " + max;
                }
            };
        }
    }
}
