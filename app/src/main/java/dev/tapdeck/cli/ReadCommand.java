package dev.tapdeck.cli;

import dev.tapdeck.analysis.CaptureStatistics;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.TcpPreferences;
import dev.tapdeck.stream.message.LaterFrames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@code tapdeck read}: decodes a pcap or pcapng file and prints it. */
@Command(name = "read",
        mixinStandardHelpOptions = true,
        description = {
                "Decode a pcap or pcapng capture file (format detected from its content) and",
                "print one line per packet, JSON Lines with Wireshark field names, chosen fields",
                "in columns (-T fields), or totals. A display filter (-Y) keeps only the packets",
                "that match it, in every output; packets keep their numbers in the file."},
        footer = {"", "Examples:",
                "  tapdeck read capture.pcapng -c 20",
                "  tapdeck read capture.pcap --json > packets.jsonl",
                "  tapdeck read --stats capture.pcap",
                "  tapdeck read capture.pcap -Y 'tcp.port == 443 && ip.len > 100'",
                "  tapdeck read capture.pcap -Y dns -T fields -e frame.number -e dns.qry.name",
                "  tapdeck read -2 capture.pcap -o tcp.desegment_tcp_streams:TRUE -Y http -T fields -e http.response_in",
                "  tcpdump -w - | tapdeck read - -Y 'http.request.method == \"GET\"'",
                "", "Display filters are Wireshark's (wireshark-filter(4)): fields by Wireshark's",
                "names (`tapdeck fields` lists them), comparisons, and, or, not, in {...},",
                "contains, matches, slices, len(), lower(). As with tshark, -c counts the packets",
                "read, whether they match or not.",
                "", "-T fields prints the -e fields of each packet as tshark -T fields does, values",
                "in tshark's form (ip.id 0x5b9f, booleans 1 and 0, times in seconds). -E sets:",
                "  header=y|n         a first line with the field names (default n)",
                "  separator=/t|/s|C  between columns: tab (default), space or the character C",
                "  occurrence=f|l|a   of a field seen several times: the first, last or all",
                "  aggregator=,|/s|C  between those: comma (default), space or C",
                "  quote=d|s|n        around values: double or single quotes, or none (default)",
                "  bom=y|n            begin with a UTF-8 byte order mark (default n)",
                "", "-o NAME:VALUE sets a preference, with tshark's names and values:",
                "  tcp.analyze_sequence_numbers:TRUE|FALSE  TCP analysis: tcp.analysis.*,",
                "      the info column's [TCP Retransmission] marks (default TRUE)",
                "  tcp.calculate_timestamps:TRUE|FALSE  tcp.time_relative, tcp.time_delta",
                "      (default FALSE)",
                "  tcp.desegment_tcp_streams:TRUE|FALSE  messages over reassembled segments",
                "      (default FALSE)",
                "  tcp.relative_sequence_numbers, ip.defragment, ipv6.defragment,",
                "  tls.desegment_ssl_records, tls.desegment_ssl_application_data,",
                "  http.desegment_headers, http.desegment_body, dns.desegment_dns_messages:",
                "      FALSE only, which is what Tapdeck does",
                "", "Exit status: 0 on success, 1 for a bad -o (as tshark), 2 for a bad display filter",
                "or field (before anything is read), or when the file is missing, not a capture or",
                "damaged (every packet before the damage is printed first)."})
public final class ReadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file to read; - reads standard input.")
    String file;

    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Read only the first COUNT packets (with -Y, those of them that match are printed).")
    long count = Long.MAX_VALUE;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER",
            description = "Only the packets that match this Wireshark display filter, e.g. \"tcp.port == 443 && ip.len > 100\".")
    String displayFilter;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output format: text (the packet list, default) or fields (the -e fields in columns).")
    String format = "text";

    @Option(names = "-e", paramLabel = "FIELD", description = "With -T fields: a field to print by its Wireshark name (ip.src, tcp.flags); repeat for more columns.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "-E", paramLabel = "KEY=VALUE", description = "With -T fields: header, separator, occurrence, aggregator, quote or bom (see below).")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-o", paramLabel = "NAME:VALUE", description = "Set a preference as tshark does (see below).")
    List<String> preferenceOptions = new ArrayList<>();

    @Option(names = "-z", paramLabel = "STATISTIC",
            description = "As tshark's -z: follow,tcp,MODE,STREAM or follow,udp,MODE,STREAM prints the stream's bytes after the packets"
                    + " (MODE ascii, hex, raw or yaml; STREAM a tcp.stream or udp.stream index or ADDRESS:PORT,ADDRESS:PORT). Repeatable.")
    List<String> statistics = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print no packet lines (with -z, only what it asks for).")
    boolean quiet;

    @Option(names = "-2", description = "Read the file twice, as tshark -2: the first pass learns what later packets tell of earlier ones"
            + " (with -o tcp.desegment_tcp_streams:TRUE, http.response_in, http.next_request_in, http.next_response_in), the second prints.")
    boolean twoPass;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--json", description = "Print JSON Lines: one object per packet, Wireshark field names.")
        boolean json;

        @Option(names = "--stats", description = "Print no packets, only totals: packets, bytes, time span, protocols, top conversations, throughput.")
        boolean stats;
    }

    @Spec
    CommandSpec spec;

    private OutputStream stdout = new FileOutputStream(FileDescriptor.out);

    /** Where packets and totals go; standard output unless a test says otherwise. */
    ReadCommand output(OutputStream out) {
        this.stdout = out;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        FieldColumns columns;
        DisplayFilterOption filter;
        TcpPreferences preferences;
        try {
            preferences = PreferenceOptions.parse(preferenceOptions);
        } catch (IllegalArgumentException e) {
            err.println("tapdeck read: " + e.getMessage());
            return PreferenceOptions.EXIT_STATUS;
        }

        List<FollowPrinter> follows = new ArrayList<>();
        try {
            if (count < 0) {
                throw new IllegalArgumentException("--count must be zero or more, not " + count);
            }
            for (String statistic : statistics) {
                follows.add(new FollowPrinter(FollowRequest.parse(statistic)));
            }
            columns = fieldColumns();
            filter = DisplayFilterOption.of(displayFilter);
            if (twoPass && file.equals("-")) {
                throw new IllegalArgumentException("-2 reads the file twice: give a file, not standard input, which can be read once");
            }
        } catch (IllegalArgumentException e) {
            err.println("tapdeck read: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        CaptureStatistics statistics = mode.stats ? new CaptureStatistics() : null;
        PacketRecord packet = new PacketRecord();
        long number = 0;
        long bytes = 0;
        String formatName = "";
        try (LineOutput out = new LineOutput(stdout)) {
            CaptureFileException damage = null;
            try (CaptureReader reader = CaptureFiles.open(file);
                 DecodeWorkers decoding = decoding(statistics, columns, filter, preferences, firstPass(preferences), out)) {
                formatName = reader.formatName();
                follows.forEach(decoding::listen);
                if (columns != null && !quiet) {
                    columns.printPreamble(out);
                }
                try {
                    while (number < count && reader.next(packet)) {
                        number++;
                        bytes += packet.capturedLength();
                        decoding.add(packet);
                    }
                } catch (CaptureFileException e) {
                    damage = e; // after the packets before it are printed
                }
                decoding.finish();
                // tshark draws its taps in the reverse order of their -z options
                for (FollowPrinter follow : follows.reversed()) {
                    byte[] text = follow.render();
                    out.writeBytes(text, text.length);
                }
            } catch (NoSuchFileException e) {
                return fail(out, err, "no such file: " + e.getFile());
            } catch (AccessDeniedException e) {
                return fail(out, err, "permission denied: " + e.getFile());
            } catch (CaptureFileException e) {
                damage = e; // in the file header
            } catch (LineOutput.OutputFailed e) {
                throw e;
            } catch (IOException e) {
                return fail(out, err, file + ": " + e.getMessage());
            }
            if (statistics != null) {
                new StatisticsReport(file, formatName, filter.text(), number, bytes, statistics, System.nanoTime() - started).print(out);
            }
            if (damage != null) {
                return fail(out, err, file + ": " + damage.getMessage());
            }
        } catch (LineOutput.OutputFailed e) {
            return e.report("read", err); // e.g. `tapdeck read big.pcap | head`
        }
        return 0;
    }

    /** With -2, what a first read of the file learns of later packets; else nothing. */
    private LaterFrames firstPass(TcpPreferences preferences) throws IOException {
        if (!twoPass) {
            return LaterFrames.NONE;
        }
        try (CaptureReader reader = CaptureFiles.open(file)) {
            return LaterFrames.learn(reader, count, preferences);
        }
    }

    /** Past this many, one reading thread could not keep printers busy, and each holds two batches of memory. */
    private static final int MAX_WORKERS = 8;

    /**
     * Where packets are decoded. The lines of a file are decoded and printed on one worker
     * thread per processor while this thread reads the file and writes them out. The totals
     * are counted here, in order: on two processors a worker for them was slower than none,
     * the JIT compiler needing the other. Standard input, often a live pipe from tcpdump, is
     * printed packet by packet as it arrives.
     */
    private DecodeWorkers decoding(CaptureStatistics statistics, FieldColumns columns, DisplayFilterOption filter,
                                   TcpPreferences preferences, LaterFrames later, LineOutput out) {
        if (statistics != null) {
            return DecodeWorkers.onThisThread(filter.applyTo((p, lines) -> statistics.add(p.record(), p.dissection())), preferences, later, out);
        }
        if (quiet) {
            return DecodeWorkers.trackingOnly(preferences, later, out);
        }
        Supplier<PacketPrinter> printers = () -> filter.applyTo(
                columns != null ? columns.printer() : mode.json ? PacketPrinter.json() : PacketPrinter.text());
        if (file.equals("-") || !Files.isRegularFile(Path.of(file))) {
            return DecodeWorkers.onThisThread(printers.get(), preferences, later, out);
        }
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS);
        return DecodeWorkers.onWorkers(Stream.generate(printers).limit(workers).toList(), preferences, later, out);
    }

    /** The -T fields columns; null for the other outputs. Throws with the message for a bad combination. */
    private FieldColumns fieldColumns() {
        switch (format) {
            case "fields" -> {
                if (mode.json || mode.stats) {
                    throw new IllegalArgumentException("-T fields and " + (mode.json ? "--json" : "--stats") + " are different outputs: choose one");
                }
                return FieldColumns.parse(fieldNames, fieldOptions);
            }
            case "text" -> {
                if (!fieldNames.isEmpty()) {
                    throw new IllegalArgumentException("output fields were specified with \"-e\", but \"-T fields\" was not specified");
                }
                if (!fieldOptions.isEmpty()) {
                    throw new IllegalArgumentException("-E sets how \"-T fields\" prints, but \"-T fields\" was not specified");
                }
                return null;
            }
            default -> throw new IllegalArgumentException("-T " + format + ": the formats are text (the packet list) and fields"
                    + " (with -e); --json prints JSON Lines with Wireshark field names");
        }
    }

    /** Prints what was decoded so far, then one line on standard error. */
    private static int fail(LineOutput out, PrintWriter err, String message) throws IOException {
        out.flush();
        err.println("tapdeck read: " + message);
        err.flush();
        return 2;
    }
}
