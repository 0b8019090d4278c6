package dev.tapdeck.cli;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PcapWriter;
import dev.tapdeck.generate.TrafficGenerator;
import dev.tapdeck.generate.TrafficSender;
import dev.tapdeck.generate.TrafficSummary;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tapdeck generate}: writes a synthetic capture of a busy link as a pcap file, or sends
 * live traffic to a loopback address with a {@link TrafficSender}.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Write a synthetic capture of a busy link as a pcap file (-w), or send live traffic to a "
                        + "loopback address (--send).",
                "",
                "-w writes interleaved HTTP and TLS connections, DNS lookups and pings, over IPv4 and IPv6, "
                        + "some on 802.1Q VLANs, with correct checksums and documentation addresses. "
                        + "The same seed and packet count always give the same file, byte for byte.",
                "",
                "--send sends UDP datagrams at --rate a second, each starting with its sequence number as "
                        + "8 big-endian bytes, sized like DNS queries, like voice or game packets, and like "
                        + "QUIC's 1,200-byte first packets (the same seed gives the same datagrams). Alongside "
                        + "them go TCP connections that each GET one resource over HTTP/1.1, read the response "
                        + "and close: one a second for every 100 datagrams a second, at least 1 and at most 50. "
                        + "Where nothing listens on the port, for UDP or for TCP, the sender listens there "
                        + "itself: it discards the datagrams, which would otherwise each draw an ICMP error, "
                        + "and answers the requests. It stops after --duration seconds or --count datagrams, "
                        + "whichever comes first, or on Ctrl-C, and prints a summary on standard error.",
                "Only loopback destinations are allowed: 127.0.0.0/8, ::1 or localhost. Write IPv6 "
                        + "addresses in brackets: [::1]:9000.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {"  tapdeck generate -w sample.pcap --packets 100000 --seed 7",
                "  tapdeck generate --send 127.0.0.1:9000 --rate 20000 --duration 5"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the capture was written, or the traffic sent",
                "2:bad arguments, a destination that is not loopback, or the file could not be written "
                        + "or the traffic not sent"})
public final class GenerateCommand implements Callable<Integer> {
    /**
     * Exit status, as for a usage error, when the file cannot be written, the traffic cannot be
     * sent or its destination is refused.
     */
    static final int FAILED = 2;
    private static final int SNAPLEN = 262_144;
    private static final String STANDARD_OUTPUT = "-";
    /** How long a Ctrl-C waits for the sender to stop and print its summary. */
    private static final Duration LONGEST_STOP = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = {"-w", "--write"}, required = true, paramLabel = "FILE",
                description = "pcap file to write (replaced if it exists); - for standard output")
        String file;

        @Option(names = "--send", required = true, paramLabel = "HOST:PORT",
                description = "send live UDP and TCP traffic to this loopback address instead")
        String destination;
    }

    @Option(names = "--packets", paramLabel = "N", defaultValue = "10000",
            description = "with -w: number of packets to write (default: ${DEFAULT-VALUE})")
    long packets;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "1000",
            description = "with --send: UDP datagrams a second, up to about a million (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", paramLabel = "SEC", defaultValue = "10",
            description = "with --send: seconds to send for, decimals allowed (default: ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--count", paramLabel = "N",
            description = "with --send: stop after N datagrams, even before the duration is over")
    Long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the traffic; another seed gives other traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (output.destination != null) {
            refuseOptionsOfTheOtherMode("-w", "--packets");
            return send();
        }
        refuseOptionsOfTheOtherMode("--send", "--rate", "--duration", "--count");
        return write(output.file);
    }

    private int write(String file) {
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
            return FAILED;
        }
        TrafficSummary summary;
        try (PcapWriter writer = new PcapWriter(out, LinkTypes.ETHERNET, SNAPLEN, false)) {
            summary = new TrafficGenerator(seed).generate(writer, packets);
        } catch (IOException e) {
            err.println("tapdeck generate: writing " + target + " failed: " + reason(e));
            err.flush();
            return FAILED;
        }
        err.println(String.format(Locale.ROOT, "tapdeck generate: %d packets, %.1f MB, %d flows, %.3f s of traffic -> %s",
                summary.packets(), summary.bytes() / 1e6, summary.flowsStarted(),
                summary.span().toNanos() / 1e9, target));
        err.flush();
        return 0;
    }

    private int send() {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--rate must be a number of datagrams a second more than 0, was " + rate);
        }
        if (!(duration > 0)) {
            throw new ParameterException(spec.commandLine(), "--duration must be a number of seconds more than 0, was " + duration);
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be 1 or more, was " + count);
        }
        InetSocketAddress destination = parseDestination(output.destination);
        PrintWriter err = spec.commandLine().getErr();
        TrafficSender.Settings settings;
        try {
            settings = new TrafficSender.Settings(destination, rate, Duration.ofNanos((long) (duration * 1e9)),
                    count == null ? OptionalLong.empty() : OptionalLong.of(count), seed);
        } catch (IllegalArgumentException notLoopbackOrUnresolved) {
            err.println("tapdeck generate: " + notLoopbackOrUnresolved.getMessage());
            err.flush();
            return FAILED;
        }
        String target = output.destination;
        TrafficSender sender = new TrafficSender(settings);
        // Ctrl-C (SIGINT) or SIGTERM: the hook stops the sender, then keeps the JVM alive until
        // the summary below is printed.
        CountDownLatch summaryPrinted = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            sender.stop();
            try {
                summaryPrinted.await(LONGEST_STOP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tapdeck-generate-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            err.println(String.format(Locale.ROOT, "tapdeck generate: sending to %s for %s s%s; Ctrl-C stops",
                    target, seconds(duration), count == null ? "" : " or " + count + " datagrams"));
            err.flush();
            err.println(summary(sender.run(), target));
            return 0;
        } catch (IOException e) {
            err.println("tapdeck generate: sending to " + target + " failed: " + reason(e));
            return FAILED;
        } finally {
            err.flush();
            summaryPrinted.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already, and ends now that the summary is out.
            }
        }
    }

    private static String summary(TrafficSender.Result result, String target) {
        String failed = result.failedConnections() == 0 ? "" : " (" + result.failedConnections() + " failed)";
        return String.format(Locale.ROOT,
                "tapdeck generate: %d datagrams, %.1f MB, %d TCP connections%s, %.3f s, %.0f datagrams/s -> %s",
                result.datagrams(), result.bytes() / 1e6, result.connections(), failed,
                result.elapsed().toNanos() / 1e9, result.rate(), target);
    }

    /** A user who set an option of one mode in the other learns that it does nothing there. */
    private void refuseOptionsOfTheOtherMode(String otherMode, String... options) {
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " goes only with " + otherMode);
            }
        }
    }

    /**
     * HOST:PORT or [IPV6]:PORT, resolved; a name that does not resolve stays unresolved, for
     * the sender's settings to refuse.
     */
    private InetSocketAddress parseDestination(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0 || !text.startsWith(":", end + 1)) {
                throw badDestination(text, "an IPv6 address in brackets needs a port after it");
            }
            host = text.substring(1, end);
            port = text.substring(end + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw badDestination(text, "no port");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw badDestination(text, "write an IPv6 address in brackets");
            }
        }
        if (host.isEmpty()) {
            throw badDestination(text, "no host");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > 65_535) {
            throw badDestination(text, "the port must be a number from 1 to 65535");
        }
        return new InetSocketAddress(host, number);
    }

    private ParameterException badDestination(String text, String problem) {
        return new ParameterException(spec.commandLine(), "--send " + text + ": " + problem
                + "; write HOST:PORT, e.g. 127.0.0.1:9000, localhost:9000 or [::1]:9000");
    }

    /** Seconds as the user would write them: 10, 0.5, 2.25. */
    private static String seconds(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
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
