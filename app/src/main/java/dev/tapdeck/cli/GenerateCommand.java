package dev.tapdeck.cli;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PcapWriter;
import dev.tapdeck.generate.TrafficGenerator;
import dev.tapdeck.generate.TrafficSummary;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tapdeck generate}: writes a synthetic capture of a busy link as a pcap file. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Write a synthetic capture of a busy link as a pcap file: interleaved HTTP and TLS "
                        + "connections, DNS lookups and pings, over IPv4 and IPv6, some on 802.1Q VLANs, "
                        + "with correct checksums and documentation addresses.",
                "The same seed and packet count always give the same file, byte for byte."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the capture was written", "2:bad arguments, or the file could not be written"})
public final class GenerateCommand implements Callable<Integer> {
    /** Exit status when the output cannot be opened or written, as for a usage error. */
    static final int CANNOT_WRITE = 2;
    private static final int SNAPLEN = 262_144;
    private static final String STANDARD_OUTPUT = "-";

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--write"}, required = true, paramLabel = "FILE",
            description = "pcap file to write (replaced if it exists); - for standard output")
    String file;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "10000",
            description = "number of packets to write (default: ${DEFAULT-VALUE})")
    long packets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the traffic; another seed gives other traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (packets < 0) {
            throw new ParameterException(spec.commandLine(), "--packets must be 0 or more, was " + packets);
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean toStandardOutput = STANDARD_OUTPUT.equals(file);
        String target = toStandardOutput ? "standard output" : file;
        OutputStream out;
        try {
            out = toStandardOutput ? standardOutput() : new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16);
        } catch (IOException | InvalidPathException e) {
            err.println("tapdeck generate: cannot write " + target + ": " + reason(e));
            err.flush();
            return CANNOT_WRITE;
        }
        TrafficSummary summary;
        try (PcapWriter writer = new PcapWriter(out, LinkTypes.ETHERNET, SNAPLEN, false)) {
            summary = new TrafficGenerator(seed).generate(writer, packets);
        } catch (IOException e) {
            err.println("tapdeck generate: writing " + target + " failed: " + reason(e));
            err.flush();
            return CANNOT_WRITE;
        }
        err.println(String.format(Locale.ROOT, "tapdeck generate: %d packets, %.1f MB, %d flows, %.3f s of traffic -> %s",
                summary.packets(), summary.bytes() / 1e6, summary.flowsStarted(),
                summary.span().toNanos() / 1e9, target));
        err.flush();
        return 0;
    }

    /**
     * Standard output as raw bytes: unlike System.out, a write error (a closed pipe) surfaces
     * as an exception instead of a silently set flag, and closing it leaves the descriptor open.
     */
    private static OutputStream standardOutput() {
        return new BufferedOutputStream(new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, 1 << 16);
    }

    /** The part of an I/O error a user can act on, without the path they already know. */
    private static String reason(Exception e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such directory";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            case InvalidPathException invalid -> "not a valid path (" + invalid.getReason() + ")";
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
