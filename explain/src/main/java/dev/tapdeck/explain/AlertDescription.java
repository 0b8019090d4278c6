package dev.tapdeck.explain;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An alert in words and numbers: why it fired, who is involved, what to look at next. */
final class AlertDescription {
    /** Sample packets of an alert shown by their summary line. */
    private static final int SAMPLE_PACKETS = 3;

    private AlertDescription() {
    }

    static String describe(Alert alert, PacketContext context) {
        StringBuilder text = new StringBuilder("# Alert ").append(alert.id()).append(": ").append(alert.detector())
                .append(" (").append(alert.severity().name().toLowerCase(Locale.ROOT)).append(")\n\n")
                .append(alert.message()).append("\n\nFired at ").append(alert.time()).append(".\n");
        OfflineExplainer.section(text, "Why it fired", why(alert.numbers()));
        OfflineExplainer.section(text, "What is involved", involved(alert, context));
        OfflineExplainer.section(text, "What to look at next", advice(alert));
        return text.toString();
    }

    private static List<String> why(Map<String, Double> numbers) {
        List<String> bullets = new ArrayList<>();
        Double observed = numbers.get("observed"), mean = numbers.get("mean"), stddev = numbers.get("stddev");
        Double z = numbers.get("z"), threshold = numbers.get("threshold"), window = numbers.get("window");
        if (observed != null && mean != null) {
            StringBuilder line = new StringBuilder("The detector saw **").append(number(observed)).append("** where it expected about **")
                    .append(number(mean));
            if (stddev != null) {
                line.append(" ± ").append(number(stddev)).append("** (mean ± standard deviation over the detector's window")
                        .append(window != null ? ", window = " + number(window) + ")" : ")");
            } else {
                line.append("**");
            }
            if (mean != 0) {
                line.append(": ").append(number(observed / mean)).append(" times the usual");
            }
            bullets.add(line.append('.').toString());
        }
        if (z != null) {
            StringBuilder line = new StringBuilder("That is **z = ").append(number(z)).append("** standard deviations from the mean");
            if (threshold != null) {
                line.append("; the detector fires at z ≥ ").append(number(threshold))
                        .append(z >= threshold * 2 ? ", so this is far past the line, not a borderline case" : ", so this is close to the line");
            }
            bullets.add(line.append('.').toString());
        } else if (observed != null && threshold != null) {
            bullets.add("The detector fires at " + number(threshold) + "; it saw " + number(observed) + ".");
        }
        List<String> figures = numbers.entrySet().stream().map(e -> e.getKey() + " = " + number(e.getValue())).toList();
        if (!figures.isEmpty()) {
            bullets.add("All its figures: " + String.join(", ", figures) + ".");
        }
        return bullets;
    }

    private static List<String> involved(Alert alert, PacketContext context) {
        List<String> bullets = new ArrayList<>();
        if (!alert.hosts().isEmpty()) {
            bullets.add("Hosts: " + String.join(", ", alert.hosts()) + ".");
        }
        if (!alert.ports().isEmpty()) {
            bullets.add("Ports: " + String.join(", ", alert.ports().stream().map(Ports::describe).toList()) + ".");
        }
        List<Long> packets = alert.packets();
        if (packets.isEmpty()) {
            bullets.add("The alert names no packets.");
            return bullets;
        }
        bullets.add("Packets behind it: " + packets.size() + (packets.size() == Alert.MAX_PACKETS ? " (the most an alert keeps)" : "")
                + ", frames " + packets.getFirst() + " to " + packets.getLast() + ".");
        PacketRecord record = new PacketRecord();
        PacketDecoder decoder = new PacketDecoder();
        for (long number : packets.subList(0, Math.min(SAMPLE_PACKETS, packets.size()))) {
            if (context.read(number, record)) {
                PacketFacts facts = PacketFacts.of(number, record, decoder.decode(record));
                bullets.add("Frame " + number + ": " + facts.source() + " → " + facts.destination() + ", `" + facts.summary() + "`.");
            } else {
                bullets.add("Frame " + number + " is no longer held.");
            }
        }
        return bullets;
    }

    private static List<String> advice(Alert alert) {
        String detector = alert.detector();
        return switch (detector) {
            case "rate-spike" -> List.of(
                    "Open the packets behind it and see which hosts and protocols make up the jump: one talker or many?",
                    "A backup, an update or a large download explains most spikes; many small packets from many sources look more like a flood.",
                    "If it recurs at the same time, it is likely a scheduled job; compare with the previous window.");
            case "syn-flood" -> List.of(
                    "Check whether the SYNs get SYN-ACKs and then a final ACK: half-open connections that never complete are the flood's mark.",
                    "Look at the source addresses: many random ones suggest spoofing; one or a few point at a misbehaving client.",
                    "On the target, see whether new connections are still accepted (SYN cookies, backlog).");
            case "port-scan" -> List.of(
                    "Look at which ports the source tried and which answered with SYN-ACK: those services are now known to it.",
                    "Is the source one of your own hosts (inventory or monitoring tool) or unknown?",
                    "Check the target's firewall rules for the ports that answered.");
            case "new-talker" -> List.of(
                    "Find out what the new host is: its MAC vendor, its DNS name, what it talks to first.",
                    "A new device on the network is often legitimate (a phone, a new server); confirm with whoever runs it.");
            default -> detector.startsWith("dns") ? List.of(
                    "Open the DNS packets behind it: look at the names asked, the answer codes (NXDOMAIN, SERVFAIL) and which clients ask.",
                    "Many failing lookups of random-looking names can mean malware looking for its server (a DGA); long names can mean DNS tunnelling.")
                    : List.of("Open the packets behind it and compare them with normal traffic from the same hosts.");
        };
    }

    /** Up to two decimals, no trailing zeros: {@code 46.4}, {@code 3}, {@code 1840}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
