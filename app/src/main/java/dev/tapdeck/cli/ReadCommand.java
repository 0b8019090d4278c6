package dev.tapdeck.cli;

import dev.tapdeck.analysis.CaptureStatistics;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
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
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/** {@code tapdeck read}: decodes a pcap or pcapng file and prints it. */
@Command(name = "read",
        mixinStandardHelpOptions = true,
        description = {
                "Decode a pcap or pcapng capture file (format detected from its content) and print",
                "one line per packet, JSON Lines with Wireshark field names, or totals."},
        footer = {"", "Examples:",
                "  tapdeck read capture.pcapng -c 20",
                "  tapdeck read capture.pcap --json > packets.jsonl",
                "  tapdeck read --stats capture.pcap",
                "  tcpdump -w - | tapdeck read -",
                "", "Exit status: 0 on success, 2 when the file is missing, not a capture or damaged",
                "(every packet before the damage is printed first)."})
public final class ReadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file to read; - reads standard input.")
    String file;

    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Stop after COUNT packets.")
    long count = Long.MAX_VALUE;

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
        if (count < 0) {
            err.println("tapdeck read: --count must be zero or more, not " + count);
            return 2;
        }
        long started = System.nanoTime();
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord packet = new PacketRecord();
        CaptureStatistics statistics = mode.stats ? new CaptureStatistics() : null;
        PacketPrinter printer = mode.stats ? null : mode.json ? PacketPrinter.json() : PacketPrinter.text();
        long number = 0;
        String formatName = "";
        try (LineOutput out = new LineOutput(stdout)) {
            try (CaptureReader reader = CaptureFiles.open(file)) {
                formatName = reader.formatName();
                while (number < count && reader.next(packet)) {
                    number++;
                    Dissection d = decoder.decode(packet);
                    if (statistics != null) {
                        statistics.add(packet, d);
                    } else {
                        printer.print(number, packet, d, out);
                    }
                }
            } catch (NoSuchFileException e) {
                return fail(out, err, "no such file: " + e.getFile());
            } catch (AccessDeniedException e) {
                return fail(out, err, "permission denied: " + e.getFile());
            } catch (CaptureFileException e) {
                if (statistics != null) {
                    new StatisticsReport(file, formatName, statistics, System.nanoTime() - started).print(out);
                }
                return fail(out, err, file + ": " + e.getMessage());
            } catch (IOException e) {
                return fail(out, err, file + ": " + e.getMessage());
            }
            if (statistics != null) {
                new StatisticsReport(file, formatName, statistics, System.nanoTime() - started).print(out);
            }
        }
        return 0;
    }

    /** Prints what was decoded so far, then one line on standard error. */
    private static int fail(LineOutput out, PrintWriter err, String message) throws IOException {
        out.flush();
        err.println("tapdeck read: " + message);
        err.flush();
        return 2;
    }
}
