package dev.tapdeck.cli;

import dev.tapdeck.analysis.Alert;
import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.stream.TcpPreferences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tapdeck analyze}: runs the analysis a live capture gets (flows, protocol hierarchy,
 * every detector, in packet time) over a capture file in one pass, and prints what it found.
 */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
                "Analyse a pcap or pcapng capture file as a live capture would be: flows, top talkers and programs,",
                "the protocol hierarchy and every detector's alerts, driven by packet time, so the file",
                "gives the alerts its traffic gave live. Prints a summary, or JSON Lines (--json).",
                "The detector options below change the defaults; the setting each one sets is named",
                "in brackets."},
        footer = {"", "Examples:",
                "  tapdeck analyze capture.pcap",
                "  tapdeck analyze capture.pcapng --top 20 --scan-ports 50",
                "  tapdeck analyze capture.pcap --json > analysis.jsonl",
                "  tapdeck analyze capture.pcap -Y 'ip.addr == 10.0.0.0/8 && !dns'",
                "", "With -Y, only the packets that match the display filter are analysed, as if",
                "the file held no others; they keep their numbers in the file.",
                "", "With --json: one object per flow (\"type\":\"flow\", every flow held at the end, most",
                "bytes first), one per alert (\"type\":\"alert\") and a last one with the totals",
                "(\"type\":\"summary\"). A flow whose packets' pcapng comments name their program",
                "(as Tapdeck's capture writes them, \"curl (pid 4242)\") has \"process\":{\"pid\",\"name\"}, and",
                "each such program one object (\"type\":\"process\", most bytes first) before the summary.",
                "", "Exit status: 0 on success, 1 for a bad -o (as tshark), 2 for a bad option value or display filter, or when",
                "the file is missing, not a capture or damaged (the packets before the damage are",
                "analysed and printed first)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file to analyse; - reads standard input.")
    String file;

    @Option(names = "--json", description = "Print JSON Lines: flows, alerts, then a summary.")
    boolean json;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER",
            description = "Analyse only the packets that match this Wireshark display filter, e.g. \"tcp.port == 443\".")
    String displayFilter;

    @Option(names = "--top", paramLabel = "N", description = "Flows and talkers listed in the text summary (default ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--spike-window", paramLabel = "SECONDS",
            description = "Seconds a second's packet rate is compared with (default 60) [rateSpike.window].")
    Long spikeWindowSeconds;

    @Option(names = "--spike-threshold", paramLabel = "Z",
            description = "Z-score at which a second is a rate spike (default 3) [rateSpike.threshold].")
    Double spikeThreshold;

    @Option(names = "--spike-min-samples", paramLabel = "N",
            description = "Seconds seen before rate spikes are judged (default 10) [rateSpike.minSamples].")
    Integer spikeMinSamples;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "A flow silent this long ends; 0 keeps every flow (default 120) [flows.idleTimeout].")
    Long idleTimeoutSeconds;

    @Option(names = "--max-flows", paramLabel = "N",
            description = "Flows held at once; packets of more are counted as untracked (default 262144) [flows.maxFlows].")
    Integer maxFlows;

    @Option(names = "--syn-flood", paramLabel = "N",
            description = "Unanswered SYNs to one address and port in 10 s that make a SYN flood (default 200) [synFlood.threshold].")
    Integer synFlood;

    @Option(names = "--scan-ports", paramLabel = "N",
            description = "Distinct ports one source opens flows to in 60 s that make a port scan (default 100) [portScan.ports].")
    Integer scanPorts;

    @Option(names = "--scan-hosts", paramLabel = "N",
            description = "Distinct hosts one source opens flows to in 60 s that make a host sweep (default 100) [portScan.hosts].")
    Integer scanHosts;

    @Option(names = "-o", paramLabel = "NAME:VALUE",
            description = "Set a preference as tshark does, e.g. tcp.analyze_sequence_numbers:FALSE (see tapdeck read --help).")
    List<String> preferenceOptions = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private OutputStream stdout = new FileOutputStream(FileDescriptor.out);

    /** Where the report goes; standard output unless a test says otherwise. */
    AnalyzeCommand output(OutputStream out) {
        this.stdout = out;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        AnalysisSettings settings;
        DisplayFilterOption filterOption;
        TcpPreferences preferences;
        try {
            preferences = PreferenceOptions.parse(preferenceOptions);
        } catch (IllegalArgumentException e) {
            err.println("tapdeck analyze: " + e.getMessage());
            return PreferenceOptions.EXIT_STATUS;
        }
        try {
            if (top < 0) {
                throw new IllegalArgumentException("--top must be zero or more, not " + top);
            }
            settings = settings();
            filterOption = DisplayFilterOption.of(displayFilter);
        } catch (IllegalArgumentException e) {
            err.println("tapdeck analyze: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        List<Alert> alerts = new ArrayList<>();
        // Every alert, not only the analyzer's latest AnalysisSettings.alertsKept().
        Analyzer analyzer = new Analyzer(settings, alerts::add);
        DisplayFilter filter = filterOption.isEmpty() ? null : filterOption.compile();
        PacketFields fields = new PacketFields().following(preferences);
        FirstPacketTime firstTime = new FirstPacketTime();
        PacketRecord packet = new PacketRecord();
        long number = 0;
        long firstNanos = Long.MAX_VALUE;
        long lastNanos = Long.MIN_VALUE;
        String formatName = "";
        String damage = null;
        try (LineOutput out = new LineOutput(stdout)) {
            try (CaptureReader reader = CaptureFiles.open(file)) {
                formatName = reader.formatName();
                while (reader.next(packet)) {
                    firstTime.offer(packet);
                    fields.wrap(++number, packet, firstTime.nanos());
                    if (filter != null && !filter.matches(fields)) {
                        continue;
                    }
                    long time = 0;
                    if (packet.hasTimestamp()) {
                        time = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
                        firstNanos = Math.min(firstNanos, time);
                        lastNanos = Math.max(lastNanos, time);
                    }
                    analyzer.accept(number, fields.dissection(), time, fields.process());
                }
            } catch (NoSuchFileException e) {
                return fail(err, "no such file: " + e.getFile());
            } catch (AccessDeniedException e) {
                return fail(err, "permission denied: " + e.getFile());
            } catch (CaptureFileException e) {
                if (formatName.isEmpty()) {
                    return fail(err, file + ": " + e.getMessage()); // not a capture: nothing to analyse
                }
                // Keep what was read: the analysis of the packets before the damage is printed.
                damage = file + ": " + e.getMessage();
            } catch (IOException e) {
                return fail(err, file + ": " + e.getMessage());
            }
            AnalysisReport report = new AnalysisReport(file, formatName, filterOption.text(), number, analyzer, alerts, firstNanos, lastNanos,
                    damage, System.nanoTime() - started);
            if (json) {
                report.printJson(out);
            } else {
                report.printText(out, top);
            }
            if (damage != null) {
                out.flush();
                return fail(err, damage);
            }
        } catch (LineOutput.OutputFailed e) {
            return e.report("analyze", err);
        }
        return 0;
    }

    /** The defaults with the thresholds given on the command line; throws with the setting's name and range when one is wrong. */
    AnalysisSettings settings() {
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        if (idleTimeoutSeconds != null || maxFlows != null) {
            AnalysisSettings.Flows flows = settings.flows();
            settings = settings.withFlows(new AnalysisSettings.Flows(
                    maxFlows != null ? maxFlows : flows.maxFlows(),
                    idleTimeoutSeconds != null ? Duration.ofSeconds(idleTimeoutSeconds) : flows.idleTimeout()));
        }
        if (spikeWindowSeconds != null || spikeThreshold != null || spikeMinSamples != null) {
            AnalysisSettings.RateSpike spike = settings.rateSpike();
            settings = settings.withRateSpike(new AnalysisSettings.RateSpike(
                    spikeWindowSeconds != null ? Duration.ofSeconds(spikeWindowSeconds) : spike.window(),
                    spikeThreshold != null ? spikeThreshold : spike.threshold(),
                    spikeMinSamples != null ? spikeMinSamples : spike.minSamples(),
                    spike.minPackets()));
        }
        if (synFlood != null) {
            settings = settings.withSynFlood(new AnalysisSettings.SynFlood(settings.synFlood().window(), synFlood));
        }
        if (scanPorts != null || scanHosts != null) {
            AnalysisSettings.PortScan scan = settings.portScan();
            settings = settings.withPortScan(new AnalysisSettings.PortScan(scan.window(),
                    scanPorts != null ? scanPorts : scan.ports(), scanHosts != null ? scanHosts : scan.hosts()));
        }
        return settings;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("tapdeck analyze: " + message);
        err.flush();
        return 2;
    }
}
