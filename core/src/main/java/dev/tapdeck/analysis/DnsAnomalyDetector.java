package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.DnsMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNS that looks wrong: many answers saying the name does not exist (NXDOMAIN, RFC 1035
 * §4.1.1 rcode 3: a mistyped or generated name, or a scan of names), and query names that are
 * very long or whose labels left of the registered domain look random (high Shannon entropy,
 * as tunnelling and generated domains make them). Each kind alerts at most once per cooldown.
 */
final class DnsAnomalyDetector implements Detector {
    static final String NXDOMAIN_BURST = "dns-nxdomain", LONG_NAME = "dns-long-name", RANDOM_NAME = "dns-random-name";
    private static final int NXDOMAIN = 3;
    private static final int MAX_LABELS = 128;
    private static final int RECENT = 1_024;

    private final AlertLog alerts;
    private final AnalysisSettings.Dns settings;
    private final long cooldownNanos;
    private final TumblingWindow window;
    private final RecentPackets nxdomainAnswers = new RecentPackets(RECENT);
    private final int[] labelStarts = new int[MAX_LABELS];
    private final int[] labelLengths = new int[MAX_LABELS];
    private final int[] byteCounts = new int[256];
    private long responses;
    private long nxdomains;
    private boolean nxdomainAlerted;
    private long longNameQuietUntil = Long.MIN_VALUE;
    private long randomNameQuietUntil = Long.MIN_VALUE;

    DnsAnomalyDetector(AnalysisSettings.Dns settings, long cooldownNanos, AlertLog alerts) {
        this.alerts = alerts;
        this.settings = settings;
        this.cooldownNanos = cooldownNanos;
        this.window = new TumblingWindow(settings.window().toNanos());
    }

    @Override
    public void accept(PacketFacts p, Dissection d) {
        DnsMessage dns = d.dns;
        if (!dns.present() || !p.addressed) {
            return;
        }
        if (window.advance(p.timeNanos)) {
            responses = 0;
            nxdomains = 0;
            nxdomainAlerted = false;
            nxdomainAnswers.clear();
        }
        if (dns.isResponse()) {
            responses++;
            if (dns.responseCode() == NXDOMAIN) {
                nxdomains++;
                nxdomainAnswers.add(p.frameNumber, 0, p.destinationHigh, p.destinationLow, p.destinationPort);
                if (!nxdomainAlerted && nxdomains >= settings.nxdomainMinimum()
                        && nxdomains >= settings.nxdomainRatio() * responses) {
                    nxdomainAlerted = true;
                    fireNxdomain(p);
                }
            }
        } else if (dns.questionsDecoded() > 0) {
            judgeName(p, d);
        }
    }

    private void fireNxdomain(PacketFacts p) {
        if (!alerts.mayAlert(NXDOMAIN_BURST, p.timeNanos)) {
            return;
        }
        double ratio = (double) nxdomains / responses;
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", (double) nxdomains);
        numbers.put("responses", (double) responses);
        numbers.put("ratio", ratio);
        numbers.put("threshold", settings.nxdomainRatio());
        numbers.put("minimum", (double) settings.nxdomainMinimum());
        numbers.put("window", window.seconds());
        List<String> clients = nxdomainAnswers.hosts(RecentPackets.ANY, 20);
        String message = String.format(Locale.ROOT,
                "NXDOMAIN burst: %,d of %,d DNS answers (%.0f%%) within %.0f s said the name does not exist"
                        + " (threshold %.0f%% of at least %,d), asked by %s",
                nxdomains, responses, 100 * ratio, window.seconds(), 100 * settings.nxdomainRatio(),
                settings.nxdomainMinimum(), clients.size() == 1 ? clients.getFirst() : clients.size() + " hosts");
        alerts.raise(NXDOMAIN_BURST, Alert.Severity.WARNING, p.timeNanos, message, numbers, clients,
                List.of(), nxdomainAnswers.frames(RecentPackets.ANY));
    }

    /** Measures the first question's name from its labels on the wire, allocating nothing. */
    private void judgeName(PacketFacts p, Dissection d) {
        byte[] bytes = d.bytes();
        long at = d.start() + d.dns.questionOffset(0);
        int labels = 0;
        int textLength = -1;
        while (labels < MAX_LABELS) {
            int length = bytes[(int) at] & 0xff;
            // The root label ends the name; a compression pointer ends what the question itself spells.
            if (length == 0 || (length & 0xc0) != 0) {
                break;
            }
            labelStarts[labels] = (int) at + 1;
            labelLengths[labels++] = length;
            textLength += length + 1;
            at += 1 + length;
        }
        if (labels == 0) {
            return;
        }
        if (textLength > settings.maxNameLength() && p.timeNanos >= longNameQuietUntil) {
            longNameQuietUntil = p.timeNanos + cooldownNanos;
            fireName(p, d, LONG_NAME, textLength, settings.maxNameLength(),
                    "very long DNS query name: %.0f characters (longer than %.0f)");
        }
        // Left of the registered domain (all labels but the last two), or the single label there is.
        int measured = labels > 2 ? labels - 2 : 1;
        int characters = 0;
        for (int i = 0; i < measured; i++) {
            characters += labelLengths[i];
        }
        if (characters < settings.entropyMinLength()) {
            return;
        }
        double entropy = entropy(bytes, measured, characters);
        if (entropy >= settings.entropyThreshold() && p.timeNanos >= randomNameQuietUntil) {
            randomNameQuietUntil = p.timeNanos + cooldownNanos;
            fireName(p, d, RANDOM_NAME, entropy, settings.entropyThreshold(),
                    "random-looking DNS query name: %.2f bits of entropy per character (threshold %.2f)");
        }
    }

    /** Shannon entropy, in bits per character, of the first {@code labels} labels' bytes. */
    private double entropy(byte[] bytes, int labels, int characters) {
        for (int i = 0; i < labels; i++) {
            for (int b = labelStarts[i]; b < labelStarts[i] + labelLengths[i]; b++) {
                byteCounts[bytes[b] & 0xff]++;
            }
        }
        double bits = 0;
        for (int i = 0; i < labels; i++) {
            for (int b = labelStarts[i]; b < labelStarts[i] + labelLengths[i]; b++) {
                int count = byteCounts[bytes[b] & 0xff];
                if (count > 0) {
                    double share = (double) count / characters;
                    bits -= share * Math.log(share) / Math.log(2);
                    byteCounts[bytes[b] & 0xff] = 0;
                }
            }
        }
        return bits;
    }

    private void fireName(PacketFacts p, Dissection d, String detector, double observed, double threshold, String format) {
        StringBuilder name = new StringBuilder();
        d.dns.appendQuestionName(0, name);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", observed);
        numbers.put("threshold", threshold);
        String client = Hosts.text(p.sourceHigh, p.sourceLow);
        alerts.raise(detector, Alert.Severity.WARNING, p.timeNanos,
                String.format(Locale.ROOT, format, observed, threshold) + ", " + name + " asked by " + client,
                numbers, List.of(client, Hosts.text(p.destinationHigh, p.destinationLow)),
                List.of(p.destinationPort), List.of(p.frameNumber));
    }
}
