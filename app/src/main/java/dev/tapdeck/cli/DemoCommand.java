package dev.tapdeck.cli;

import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.file.PcapWriter;
import dev.tapdeck.generate.TrafficGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tapdeck demo}: the first thing to run. Writes a sample capture of a busy link with
 * the traffic generator, then serves it: the server replays it in a loop, as if it were live,
 * for the browser and the API. With {@code --print} it shows the sample the way {@code
 * tapdeck read} does instead. Needs no root and no network.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        modelTransformer = ServeCommand.ServerFlags.class,
        description = {"Generate a sample capture (HTTP, TLS, DNS, ICMP over IPv4/IPv6, some VLANs) and serve it, replayed",
                "in a loop as if it were live traffic: open the printed URL. No root and no network needed.",
                "With --print: list the first packets and the totals, as tapdeck read does, and exit.",
                "Takes every option of tapdeck serve (--port, --bind, ...)."})
public final class DemoCommand implements Callable<Integer> {
    private static final int SNAPLEN = 262_144;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE",
            description = "Where to keep the sample capture (default: tapdeck-demo.pcap in the temporary folder).")
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "tapdeck-demo.pcap");

    @Option(names = "--packets", paramLabel = "N", defaultValue = "20000", description = "Packets in the sample (default: ${DEFAULT-VALUE}).")
    long packets;

    @Option(names = "--print", description = "Print the sample as tapdeck read does instead of serving it.")
    boolean print;

    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", defaultValue = "25", description = "With --print: packets to list (default: ${DEFAULT-VALUE}).")
    long count;

    /** The sample is a busy link (some 70,000 packets a second): slowed down, a browser can follow it. */
    @Option(names = "--speed", paramLabel = "X", defaultValue = "0.05",
            description = "Replay speed: 1 recorded timing, below 1 slower, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), LinkTypes.ETHERNET, SNAPLEN, false)) {
            new TrafficGenerator(1).generate(writer, packets);
        } catch (IOException e) {
            err.println("tapdeck demo: cannot write " + file + ": " + e.getMessage());
            return 2;
        }
        if (!print) {
            return ServeCommand.serve(spec, null, file, speed, true, String.format(
                    "Replaying the sample capture %s (%,d packets) in a loop at %sx speed.", file, packets, speed));
        }
        out.printf("Sample capture: %s (%,d packets). The first %d, as `tapdeck read %s -c %d` shows them:%n%n",
                file, packets, count, file, count);
        out.flush();
        int listed = run(file.toString(), "-c", Long.toString(count));
        out.printf("%nTotals, as `tapdeck read --stats %s` shows them:%n%n", file);
        out.flush();
        int totals = run("--stats", file.toString());
        out.printf("%nNext: `tapdeck read %s --json` for JSON Lines with Wireshark field names, `tapdeck --help` for every command.%n", file);
        return Math.max(listed, totals);
    }

    private int run(String... args) {
        CommandLine read = new CommandLine(new ReadCommand());
        read.setErr(spec.commandLine().getErr());
        return read.execute(args);
    }
}
