package dev.tapdeck.analysis;

import java.time.Duration;

/**
 * Every threshold of the {@link Analyzer}, grouped by what it tunes. {@link #DEFAULTS} holds
 * the defaults; change one group with a {@code with...} method. Each group checks its values
 * when made and names the setting and the allowed range when one is wrong.
 *
 * @param cooldown   after an alert, the same detector stays quiet about the same subject this long
 * @param alertsKept the most recent alerts kept for listing
 */
public record AnalysisSettings(Flows flows, RateSpike rateSpike, SynFlood synFlood, PortScan portScan,
                               NewTalker newTalker, Dns dns, Duration cooldown, int alertsKept) {

    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(Flows.DEFAULTS, RateSpike.DEFAULTS,
            SynFlood.DEFAULTS, PortScan.DEFAULTS, NewTalker.DEFAULTS, Dns.DEFAULTS, Duration.ofSeconds(60), 10_000);

    public AnalysisSettings {
        java.util.Objects.requireNonNull(flows, "flows settings");
        java.util.Objects.requireNonNull(rateSpike, "rateSpike settings");
        java.util.Objects.requireNonNull(synFlood, "synFlood settings");
        java.util.Objects.requireNonNull(portScan, "portScan settings");
        java.util.Objects.requireNonNull(newTalker, "newTalker settings");
        java.util.Objects.requireNonNull(dns, "dns settings");
        Check.nonNegative("cooldown", cooldown);
        Check.atLeast("alertsKept", alertsKept, 1);
    }

    /**
     * @param maxFlows    flows held at once; more are counted as untracked packets
     * @param idleTimeout a flow silent this long ends; zero keeps flows until the table is dropped
     */
    public record Flows(int maxFlows, Duration idleTimeout) {
        public static final Flows DEFAULTS = new Flows(262_144, Duration.ofSeconds(120));

        public Flows {
            Check.atLeast("flows.maxFlows", maxFlows, 1);
            Check.nonNegative("flows.idleTimeout", idleTimeout);
        }
    }

    /**
     * Packets per second against a rolling window of the seconds before, overall and per
     * protocol (the packet's top protocol).
     *
     * @param window     how many seconds before are compared with, whole seconds
     * @param threshold  the z-score at or above which a second is a spike
     * @param minSamples seconds the window must hold before any second is judged
     * @param minPackets a second with fewer packets is never a spike, whatever its z
     */
    public record RateSpike(Duration window, double threshold, int minSamples, int minPackets) {
        public static final RateSpike DEFAULTS = new RateSpike(Duration.ofSeconds(60), 3.0, 10, 10);

        public RateSpike {
            if (window.isNegative() || window.isZero() || window.toNanosPart() != 0 || window.toSeconds() > 86_400) {
                throw new IllegalArgumentException("rateSpike.window must be a whole number of seconds from 1 to 86400, not " + window);
            }
            Check.positive("rateSpike.threshold", threshold);
            Check.atLeast("rateSpike.minSamples", minSamples, 2);
            if (minSamples > window.toSeconds()) {
                throw new IllegalArgumentException("rateSpike.minSamples (" + minSamples + ") cannot exceed the window's "
                        + window.toSeconds() + " seconds");
            }
            Check.atLeast("rateSpike.minPackets", minPackets, 1);
        }
    }

    /** @param threshold SYNs to one destination address and port, not answered by a completed handshake, within a window */
    public record SynFlood(Duration window, int threshold) {
        public static final SynFlood DEFAULTS = new SynFlood(Duration.ofSeconds(10), 200);

        public SynFlood {
            Check.positive("synFlood.window", window);
            Check.atLeast("synFlood.threshold", threshold, 1);
        }
    }

    /**
     * @param ports distinct destination ports one source opens flows to within a window
     * @param hosts distinct destination hosts one source opens flows to within a window
     */
    public record PortScan(Duration window, int ports, int hosts) {
        public static final PortScan DEFAULTS = new PortScan(Duration.ofSeconds(60), 100, 100);

        public PortScan {
            Check.positive("portScan.window", window);
            Check.atLeast("portScan.ports", ports, 2);
            Check.atLeast("portScan.hosts", hosts, 2);
        }
    }

    /**
     * @param learning   hosts that open flows within this long of the first packet are the known ones
     * @param maxHosts   hosts remembered; once full, no more new talkers are reported
     */
    public record NewTalker(Duration learning, int maxHosts) {
        public static final NewTalker DEFAULTS = new NewTalker(Duration.ofSeconds(60), 65_536);

        public NewTalker {
            Check.nonNegative("newTalker.learning", learning);
            Check.atLeast("newTalker.maxHosts", maxHosts, 1);
        }
    }

    /**
     * @param window            span over which NXDOMAIN answers are counted
     * @param nxdomainMinimum   NXDOMAIN answers in a window before the rate is judged
     * @param nxdomainRatio     share of answers that are NXDOMAIN, 0..1, at or above which it is reported
     * @param maxNameLength     query names longer than this many characters are reported
     * @param entropyThreshold  bits per character at or above which a name's labels left of the
     *                          registered domain look random
     * @param entropyMinLength  characters those labels must have before their entropy is judged
     */
    public record Dns(Duration window, int nxdomainMinimum, double nxdomainRatio, int maxNameLength,
                      double entropyThreshold, int entropyMinLength) {
        public static final Dns DEFAULTS = new Dns(Duration.ofSeconds(60), 20, 0.5, 100, 4.0, 20);

        public Dns {
            Check.positive("dns.window", window);
            Check.atLeast("dns.nxdomainMinimum", nxdomainMinimum, 1);
            if (!(nxdomainRatio > 0 && nxdomainRatio <= 1)) {
                throw new IllegalArgumentException("dns.nxdomainRatio must be above 0 and at most 1, not " + nxdomainRatio);
            }
            Check.atLeast("dns.maxNameLength", maxNameLength, 1);
            Check.positive("dns.entropyThreshold", entropyThreshold);
            Check.atLeast("dns.entropyMinLength", entropyMinLength, 1);
        }
    }

    public AnalysisSettings withFlows(Flows value) {
        return new AnalysisSettings(value, rateSpike, synFlood, portScan, newTalker, dns, cooldown, alertsKept);
    }

    public AnalysisSettings withRateSpike(RateSpike value) {
        return new AnalysisSettings(flows, value, synFlood, portScan, newTalker, dns, cooldown, alertsKept);
    }

    public AnalysisSettings withSynFlood(SynFlood value) {
        return new AnalysisSettings(flows, rateSpike, value, portScan, newTalker, dns, cooldown, alertsKept);
    }

    public AnalysisSettings withPortScan(PortScan value) {
        return new AnalysisSettings(flows, rateSpike, synFlood, value, newTalker, dns, cooldown, alertsKept);
    }

    public AnalysisSettings withNewTalker(NewTalker value) {
        return new AnalysisSettings(flows, rateSpike, synFlood, portScan, value, dns, cooldown, alertsKept);
    }

    public AnalysisSettings withDns(Dns value) {
        return new AnalysisSettings(flows, rateSpike, synFlood, portScan, newTalker, value, cooldown, alertsKept);
    }

    public AnalysisSettings withCooldown(Duration value) {
        return new AnalysisSettings(flows, rateSpike, synFlood, portScan, newTalker, dns, value, alertsKept);
    }

    /**
     * The checks, in a class of their own: calling them must not start AnalysisSettings'
     * initialisation from a group's, whose DEFAULTS it needs (a class-initialisation cycle).
     */
    private static final class Check {
        private static void atLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", not " + value);
            }
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be a positive number, not " + value);
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
            }
        }

        private static void nonNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or positive, not " + value);
            }
        }
    }
}
