package dev.tapdeck.cli;

import dev.tapdeck.analysis.CaptureStatistics;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
        CaptureStatistics statistics = mode.stats ? new CaptureStatistics() : null;
        PacketPrinter.FirstTime firstTime = new PacketPrinter.FirstTime();
        PacketRecord packet = new PacketRecord();
        long number = 0;
        String formatName = "";
        try (LineOutput out = new LineOutput(stdout)) {
            CaptureFileException damage = null;
            try (CaptureReader reader = CaptureFiles.open(file);
                 DecodeWorkers decoding = decoding(statistics, firstTime, out)) {
                formatName = reader.formatName();
                try {
                    while (number < count && reader.next(packet)) {
                        number++;
                        firstTime.offer(packet);
                        decoding.add(packet);
                    }
                } catch (CaptureFileException e) {
                    damage = e; // after the packets before it are printed
                }
                decoding.finish();
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
                new StatisticsReport(file, formatName, statistics, System.nanoTime() - started).print(out);
            }
            if (damage != null) {
                return fail(out, err, file + ": " + damage.getMessage());
            }
        } catch (LineOutput.OutputFailed e) {
            return e.report("read", err); // e.g. `tapdeck read big.pcap | head`
        }
        return 0;
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
    private DecodeWorkers decoding(CaptureStatistics statistics, PacketPrinter.FirstTime firstTime, LineOutput out) {
        if (statistics != null) {
            return DecodeWorkers.onThisThread((number, packet, d, lines) -> statistics.add(packet, d), out);
        }
        Supplier<PacketPrinter> printers = () -> mode.json ? PacketPrinter.json() : PacketPrinter.text(firstTime);
        if (file.equals("-") || !Files.isRegularFile(Path.of(file))) {
            return DecodeWorkers.onThisThread(printers.get(), out);
        }
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS);
        return DecodeWorkers.onWorkers(Stream.generate(printers).limit(workers).toList(), out);
    }

    /** Prints what was decoded so far, then one line on standard error. */
    private static int fail(LineOutput out, PrintWriter err, String message) throws IOException {
        out.flush();
        err.println("tapdeck read: " + message);
        err.flush();
        return 2;
    }
}
