package dev.tapdeck.analysis;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.Dissection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One source opening flows to many distinct destination ports (a port scan) or hosts (a host
 * sweep) within a window. Only flows the source began count, so a server answering many
 * clients is not a scanner. Fires when a source reaches either threshold, once per kind and
 * window, and not again within the cooldown.
 */
final class PortScanDetector implements Detector {
    static final String NAME = "port-scan";
    private static final int MAX_SOURCES = 65_536;
    private static final int MAX_PAIRS = 1 << 20;
    private static final int RECENT = 4_096;

    private final AlertLog alerts;
    private final int portThreshold;
    private final int hostThreshold;
    private final TumblingWindow window;
    private final KeyIndex sources = new KeyIndex(2, MAX_SOURCES);
    /** (source, protocol and destination port) pairs seen this window. */
    private final KeyIndex sourcePorts = new KeyIndex(3, MAX_PAIRS);
    /** (source, destination) pairs seen this window. */
    private final KeyIndex sourceHosts = new KeyIndex(4, MAX_PAIRS);
    private final RecentPackets recent = new RecentPackets(RECENT);
    private int[] ports = new int[0];
    private int[] hosts = new int[0];
    private boolean[] portsAlerted = new boolean[0];
    private boolean[] hostsAlerted = new boolean[0];

    PortScanDetector(AnalysisSettings.PortScan settings, AlertLog alerts) {
        this.alerts = alerts;
        this.portThreshold = settings.ports();
        this.hostThreshold = settings.hosts();
        this.window = new TumblingWindow(settings.window().toNanos());
    }

    @Override
    public void accept(PacketFacts p, Dissection d) {
        if (!p.addressed || !p.newFlow || !p.fromInitiator) {
            return;
        }
        if (window.advance(p.timeNanos)) {
            sources.clear();
            sourcePorts.clear();
            sourceHosts.clear();
        }
        int source = sources.find(p.sourceHigh, p.sourceLow, 0, 0, 0);
        if (source < 0) {
            source = sources.add(p.sourceHigh, p.sourceLow, 0, 0, 0);
            if (source < 0) {
                return;
            }
            if (source >= ports.length) {
                grow();
            }
            ports[source] = 0;
            hosts[source] = 0;
            portsAlerted[source] = false;
            hostsAlerted[source] = false;
        }
        recent.add(p.frameNumber, tag(p), p.destinationHigh, p.destinationLow, p.destinationPort);
        boolean hasPorts = p.ipProtocol == 6 || p.ipProtocol == 17;
        long port = ((long) p.ipProtocol << 16) | p.destinationPort;
        if (hasPorts && sourcePorts.find(p.sourceHigh, p.sourceLow, port, 0, 0) < 0
                && sourcePorts.add(p.sourceHigh, p.sourceLow, port, 0, 0) >= 0
                && ++ports[source] >= portThreshold && !portsAlerted[source]) {
            portsAlerted[source] = true;
            fire(source, p, "ports");
        }
        if (sourceHosts.find(p.sourceHigh, p.sourceLow, p.destinationHigh, p.destinationLow, 0) < 0
                && sourceHosts.add(p.sourceHigh, p.sourceLow, p.destinationHigh, p.destinationLow, 0) >= 0
                && ++hosts[source] >= hostThreshold && !hostsAlerted[source]) {
            hostsAlerted[source] = true;
            fire(source, p, "hosts");
        }
    }

    private static long tag(PacketFacts p) {
        return KeyIndex.hash(p.sourceHigh, p.sourceLow, 0, 0, 0);
    }

    private void grow() {
        int capacity = sources.entryCapacity();
        ports = Arrays.copyOf(ports, capacity);
        hosts = Arrays.copyOf(hosts, capacity);
        portsAlerted = Arrays.copyOf(portsAlerted, capacity);
        hostsAlerted = Arrays.copyOf(hostsAlerted, capacity);
    }

    private void fire(int source, PacketFacts p, String kind) {
        String scanner = Hosts.text(p.sourceHigh, p.sourceLow);
        if (!alerts.mayAlert(NAME + " " + kind + " " + scanner, p.timeNanos)) {
            return;
        }
        long tag = tag(p);
        boolean byPorts = kind.equals("ports");
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("observed", (double) (byPorts ? ports[source] : hosts[source]));
        numbers.put("threshold", (double) (byPorts ? portThreshold : hostThreshold));
        numbers.put("window", window.seconds());
        numbers.put("ports", (double) ports[source]);
        numbers.put("hosts", (double) hosts[source]);
        String message = String.format(Locale.ROOT,
                "%s from %s: flows to %,d distinct destination ports on %,d host%s within %.0f s (threshold %,d %s)",
                byPorts ? "port scan" : "host sweep", scanner, ports[source], hosts[source], hosts[source] == 1 ? "" : "s", window.seconds(),
                byPorts ? portThreshold : hostThreshold, kind);
        List<String> involved = new ArrayList<>();
        involved.add(scanner);
        involved.addAll(recent.hosts(tag, 20));
        alerts.raise(NAME, Alert.Severity.WARNING, p.timeNanos, message, numbers, involved,
                recent.ports(tag, Alert.MAX_PACKETS), recent.frames(tag));
    }
}
