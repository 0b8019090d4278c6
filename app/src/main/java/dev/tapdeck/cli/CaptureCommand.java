package dev.tapdeck.cli;

import dev.tapdeck.capture.CaptureException;
import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.LiveCapture;
import dev.tapdeck.capture.process.OwnedPacketSink;
import dev.tapdeck.capture.process.ProgramPackets;
import dev.tapdeck.capture.process.ProgramWatch;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.LibpcapUnavailableException;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.decode.field.PacketFields;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tapdeck capture}: live capture from an interface, printed or recorded, with tshark's options. */
@Command(name = "capture",
        mixinStandardHelpOptions = true,
        description = {"Capture live traffic from a network interface with libpcap (Npcap on Windows): print the",
                "packets like `tapdeck read`, or record them to pcapng, optionally in a ring of files.",
                "Ctrl-C (or SIGTERM) stops the capture gracefully and prints the totals."},
        footer = {"", "Examples:",
                "  sudo ./tapdeck capture -i eth0 -f \"tcp port 443\" -c 100",
                "  sudo ./tapdeck capture -i lo -w lo.pcapng -a duration:60",
                "  sudo ./tapdeck capture -i eth0 -w ring.pcapng -b filesize:10240 -b files:5 -q",
                "  sudo ./tapdeck capture -i eth0 -Y 'dns.qry.name contains \"example\"'",
                "  sudo ./tapdeck capture -i any -w game.pcapng -- ./game-client --server eu1",
                "  sudo ./tapdeck capture -i any --process curl --process wget -w web.pcapng",
                "", "-f filters in the kernel, before Tapdeck sees a packet (BPF); -Y filters after",
                "decoding, with Wireshark's display filters: only the packets that match are",
                "printed or, with -w, written (tshark refuses -Y with -w while capturing).",
                "-c counts every packet captured, matching or not, as tshark's does.",
                "", "--pid, --process and -- COMMAND keep only one program's packets (Linux): those of",
                "the sockets that it and its children hold, found by reading their /proc/PID/fd",
                "every 2 ms. A packet waits up to --process-wait for its socket to be found; -c",
                "then counts the packets kept. -- COMMAND runs COMMAND (as the user who ran sudo)",
                "once the capture has started, stops when it exits and ends it if the capture",
                "stops first (Ctrl-C, -c, -a).",
                "", "Exit status: 0 done; 1 the capture failed while running (interface gone, disk full);",
                "2 bad arguments, bad capture filter or unknown interface; 3 no permission to capture",
                "(`tapdeck doctor` says how to get it); 4 libpcap or Npcap is not installed.",
                "With -- COMMAND: the command's own status (128+N when signal N ended it, 127 when",
                "it could not be started), unless Tapdeck itself failed: then Tapdeck's status."})
public final class CaptureCommand implements Callable<Integer> {
    static final int FAILED = 1, BAD_INPUT = 2, NO_PERMISSION = 3, NO_LIBRARY = 4;

    @Option(names = {"-i", "--interface"}, paramLabel = "IF", description = "Interface to capture on (default: the first that `tapdeck interfaces` lists).")
    String interfaceName;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "BPF capture filter, pcap-filter(7) syntax, e.g. \"udp port 53\".")
    String filter = "";

    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Stop after COUNT packets captured (with -Y, whether they match or not).")
    long count = Long.MAX_VALUE;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER",
            description = "Print or write only the packets that match this Wireshark display filter, e.g. \"tcp.port == 443\".")
    String displayFilter;

    @Option(names = {"-a", "--autostop"}, paramLabel = "COND", description = "Stop when a condition is met: duration:SEC or packets:N.")
    List<String> autostop = new ArrayList<>();

    @Option(names = {"-s", "--snapshot-length"}, paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default and 0: 262144, whole packets).")
    int snaplen;

    @Option(names = {"-p", "--no-promiscuous-mode"}, description = "Do not put the interface into promiscuous mode.")
    boolean notPromiscuous;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "MiB", description = "Kernel capture buffer in MiB (default: ${DEFAULT-VALUE}).", defaultValue = "16")
    int bufferMiB;

    @Option(names = "--ring", paramLabel = "PACKETS", description = "Packets that may wait for printing or writing before new ones are dropped and counted (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + CaptureSettings.DEFAULT_RING_PACKETS)
    int ringPackets;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Record the packets (with -Y, those that match) to this pcapng file instead of printing them.")
    Path writeTo;

    @Option(names = {"-b", "--ring-buffer"}, paramLabel = "KEY:VALUE", description = "With -w, a ring of files: filesize:KB, duration:SEC, interval:SEC (aligned to the clock), files:N (keep the last N).")
    List<String> ringBuffer = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print no packets, only the totals at the end.")
    boolean quiet;

    @Option(names = "--json", description = "Print JSON Lines with Wireshark field names instead of the packet list.")
    boolean json;

    @Option(names = "-o", paramLabel = "NAME:VALUE",
            description = "Set a preference as tshark does, e.g. tcp.calculate_timestamps:TRUE (see tapdeck read --help).")
    List<String> preferenceOptions = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID", description = "Keep only the packets of this process and its children (repeatable).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--process", paramLabel = "NAME",
            description = "Keep only the packets of the processes of this name (as ps shows it, or the program's file name), those that start later, and their children (repeatable).")
    List<String> processNames = new ArrayList<>();

    @Option(names = "--process-wait", paramLabel = "MS", description = "How long a packet waits for its socket to be found (default: ${DEFAULT-VALUE} ms).",
            defaultValue = "500")
    long processWaitMillis;

    @Option(names = "--process-buffer", paramLabel = "KB", description = "Room for the packets waiting for their socket (default: ${DEFAULT-VALUE} KB); when full, the oldest are decided at once.",
            defaultValue = "16384")
    int processBufferKilobytes;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "After --: a command to run, capturing only its traffic and its children's until it exits.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private OutputStream stdout = new FileOutputStream(FileDescriptor.out);

    /** Where packets go; standard output unless a test says otherwise. */
    CaptureCommand output(OutputStream out) {
        this.stdout = out;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        StopConditions stopWhen;
        CaptureSettings settings;
        Recording recording;
        DisplayFilterOption filter;
        TcpPreferences preferences;
        Libpcap pcap;
        ProgramPackets.Settings programSettings = null;
        ProgramWatch watch = null;
        try {
            preferences = PreferenceOptions.parse(preferenceOptions);
        } catch (IllegalArgumentException e) {
            return fail(err, PreferenceOptions.EXIT_STATUS, e.getMessage());
        }
        try {
            stopWhen = StopConditions.parse(autostop, count);
            recording = Recording.parse(writeTo, ringBuffer);
            filter = DisplayFilterOption.of(displayFilter);
            pcap = Libpcap.system();
            settings = settings(pcap);
            if (watchesPrograms()) {
                programSettings = new ProgramPackets.Settings(Duration.ofMillis(processWaitMillis),
                        (int) Math.min(Integer.MAX_VALUE, processBufferKilobytes * 1024L));
                watch = ProgramWatch.forThisMachine(targets(), ProgramWatch.Settings.defaults());
                // Every packet at once: a batch of 100 ms outlives a short connection's socket.
                settings = settings.withImmediate(true);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return fail(err, BAD_INPUT, e.getMessage());
        } catch (LibpcapUnavailableException e) {
            return fail(err, NO_LIBRARY, e.getMessage());
        } catch (PcapException e) {
            return fail(err, FAILED, e.getMessage());
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stopRequested.countDown();
            try {
                finished.await(LiveCapture.STOP_WAIT.toSeconds() * 3, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "tapdeck-capture-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        Process child = null;
        try (LineOutput out = new LineOutput(stdout);
             CaptureOutput sink = new CaptureOutput(filter, preferences, printer(), out, recording, stopWhen.packets(), stopRequested::countDown);
             ProgramWatch programs = watch) {
            ProgramPackets kept = programs == null ? null : new ProgramPackets(programs, programSettings, sink);
            try (LiveCapture capture = new LiveCapture(pcap, kept == null ? sink : kept)) {
                if (programs != null) {
                    programs.start();
                }
                try {
                    capture.start(settings);
                } catch (CaptureException e) {
                    return fail(err, exitCode(e), e.getMessage());
                }
                if (!command.isEmpty()) {
                    try {
                        child = ChildCommand.start(command, programs::watch);
                    } catch (IOException e) {
                        capture.stop();
                        return fail(err, ChildCommand.CANNOT_START, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
                    }
                }
                long deadline = stopWhen.duration() == null ? Long.MAX_VALUE : System.nanoTime() + stopWhen.duration().toNanos();
                while (capture.isRunning() && System.nanoTime() < deadline && (child == null || child.isAlive())
                        && !stopRequested.await(Math.min(100_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                    // waiting: the capture runs on its own threads
                }
                if (child != null && !child.isAlive()) {
                    // The command's last packets may still be on their way through the capture and the look-back.
                    stopRequested.await(programSettings.maxWait().toMillis() + 100, TimeUnit.MILLISECONDS);
                }
                CaptureStatus last = capture.isRunning() ? capture.stop() : capture.status();
                sink.close();
                if (sink.outputFailed() == null) {
                    out.flush();
                }
                err.println(totals(sink.packets(), last) + sink.matched()
                        + (kept == null ? "" : "; " + kept.counters().describe()) + sink.filesWritten());
                err.flush();
                Integer commandStatus = child == null ? null : ChildCommand.end(child, LiveCapture.STOP_WAIT);
                if (sink.outputFailed() != null) {
                    return sink.outputFailed().report("capture", err);
                }
                if (last.error() != null) {
                    err.println("tapdeck capture: " + last.error());
                    return FAILED;
                }
                return commandStatus == null ? 0 : commandStatus;
            }
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for `finished`, counted down above
            }
        }
    }

    private CaptureSettings settings(Libpcap pcap) throws PcapException {
        String device = interfaceName;
        if (device == null) {
            List<CaptureInterface> all = pcap.interfaces();
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no capture interfaces found; `tapdeck doctor` checks why");
            }
            device = all.getFirst().name();
        }
        if (snaplen < 0) {
            throw new IllegalArgumentException("--snapshot-length must be 0 (whole packets) or more, not " + snaplen);
        }
        if (bufferMiB < 1 || bufferMiB > 2047) {
            throw new IllegalArgumentException("--buffer-size must be 1 to 2047 MiB, not " + bufferMiB);
        }
        CaptureSettings settings = CaptureSettings.of(device).withFilter(filter).withPromiscuous(!notPromiscuous)
                .withBufferBytes(bufferMiB << 20);
        if (snaplen > 0) {
            settings = settings.withSnaplen(snaplen);
        }
        return settings.withRing(ringPackets, settings.ringBytes());
    }

    private boolean watchesPrograms() {
        return !pids.isEmpty() || !processNames.isEmpty() || !command.isEmpty();
    }

    private ProgramWatch.Targets targets() {
        for (int pid : pids) {
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new IllegalArgumentException("--pid " + pid + ": no such process (ps lists them)");
            }
        }
        for (String name : processNames) {
            if (name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("--process \"" + name + "\": give a program's name, as ps shows it, without a folder");
            }
        }
        return new ProgramWatch.Targets(Set.copyOf(pids), Set.copyOf(processNames));
    }

    private PacketPrinter printer() {
        if (quiet || writeTo != null) {
            return null;
        }
        return json ? PacketPrinter.json() : PacketPrinter.text();
    }

    /** What the user asked for: packets beyond -c that arrived before the stop are not counted. */
    static String totals(long packets, CaptureStatus last) {
        return String.format("%,d packets captured, %,d dropped by the kernel, %,d dropped by Tapdeck (consumers too slow)",
                packets, last.kernelDrops(), last.ringDrops());
    }

    private static int exitCode(CaptureException e) {
        return switch (e.reason()) {
            case NO_PERMISSION -> NO_PERMISSION;
            case NO_LIBRARY -> NO_LIBRARY;
            case BAD_FILTER, NO_SUCH_INTERFACE, BAD_FILE, ALREADY_RUNNING, NOT_RUNNING -> BAD_INPUT;
            case FAILED -> FAILED;
        };
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("tapdeck capture: " + message);
        err.flush();
        return code;
    }

    /** -c and -a: after so many packets, after so long, whichever comes first. */
    record StopConditions(long packets, Duration duration) {
        static StopConditions parse(List<String> autostop, long count) {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be 1 or more, not " + count);
            }
            long packets = count;
            Duration duration = null;
            for (String condition : autostop) {
                String[] parts = condition.split(":", 2);
                String value = parts.length == 2 ? parts[1] : "";
                switch (parts[0]) {
                    case "duration" -> duration = Duration.ofMillis(Math.round(positive("-a " + condition, value) * 1000));
                    case "packets" -> packets = Math.min(packets, (long) positive("-a " + condition, value));
                    default -> throw new IllegalArgumentException("-a " + condition + ": use duration:SEC or packets:N");
                }
            }
            return new StopConditions(packets, duration);
        }
    }

    static double positive(String option, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException(option + ": \"" + value + "\" is not a positive number");
    }

    /**
     * Prints and/or records each packet that the display filter passes, on the capture's
     * consumer thread, up to the packet limit (which counts every packet).
     */
    private static final class CaptureOutput implements OwnedPacketSink, AutoCloseable {
        /** Null when there is no display filter. */
        private final DisplayFilter filter;
        private final String filterText;
        private final PacketPrinter printer;
        private final LineOutput out;
        private final Recording recording;
        private final long limit;
        private final Runnable onLimit;
        private final PacketFields fields;
        private final FirstPacketTime firstTime = new FirstPacketTime();
        private long number;
        private long matched;
        /**
         * Why standard output could not be written, once it could not: the reader went away
         * ({@code tapdeck capture | head}) or the disk is full. The capture then stops, as at
         * the packet limit.
         */
        private volatile LineOutput.OutputFailed outputFailed;

        CaptureOutput(DisplayFilterOption filter, TcpPreferences preferences, PacketPrinter printer, LineOutput out,
                      Recording recording, long limit, Runnable onLimit) {
            this.fields = new PacketFields().following(preferences);
            this.filter = filter.isEmpty() ? null : filter.compile();
            this.filterText = filter.text();
            this.printer = printer;
            this.out = out;
            this.recording = recording;
            this.limit = limit;
            this.onLimit = onLimit;
        }

        @Override
        public void started(CaptureSettings settings, int linkType) throws IOException {
            recording.open(settings, linkType);
        }

        @Override
        public void accept(PacketRecord packet, ProcessInfo owner, String comment) throws IOException {
            if (number >= limit) {
                return;
            }
            number++;
            firstTime.offer(packet);
            if (filter != null || printer != null) {
                fields.wrap(number, packet, firstTime.nanos());
            }
            if (filter == null || filter.matches(fields)) {
                matched++;
                recording.write(packet, comment);
                if (printer != null && outputFailed == null) {
                    try {
                        printer.print(fields, out);
                    } catch (LineOutput.OutputFailed e) {
                        stopWriting(e);
                    }
                }
            }
            if (number == limit) {
                onLimit.run();
            }
        }

        @Override
        public void tick() throws IOException {
            recording.flushIfDue();
            flushOutput();
        }

        @Override
        public void stopped(CaptureStatus last) throws IOException {
            recording.close();
            flushOutput();
        }

        private void flushOutput() throws IOException {
            if (outputFailed == null) {
                try {
                    out.flush();
                } catch (LineOutput.OutputFailed e) {
                    stopWriting(e);
                }
            }
        }

        private void stopWriting(LineOutput.OutputFailed e) {
            outputFailed = e;
            onLimit.run();
        }

        LineOutput.OutputFailed outputFailed() {
            return outputFailed;
        }

        long packets() {
            return number;
        }

        /** "; N matched the display filter" for the totals line, or nothing. */
        String matched() {
            return filter == null ? "" : String.format("; %,d matched the display filter %s", matched, filterText);
        }

        String filesWritten() {
            return recording.describeFiles();
        }

        @Override
        public void close() throws IOException {
            recording.close();
        }
    }
}
