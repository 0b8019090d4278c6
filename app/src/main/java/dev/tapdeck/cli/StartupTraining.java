package dev.tapdeck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind the {@code ./tapdeck} launcher's startup cache (JDK 25's ahead-of-time
 * cache): the one-shot commands people time, run in one JVM over a generated sample, so that the
 * cache holds their classes already linked and their methods' profiles (display filters and
 * {@code -T fields} included), and the JIT compiles the
 * decoders and printers early in a real run instead of learning them again. Not a command: the
 * launcher runs it as {@code java -XX:AOTCacheOutput=... -cp tapdeck.jar dev.tapdeck.cli.StartupTraining}.
 */
public final class StartupTraining {
    /** Enough packets for every decoder and printer path to become hot, and a few seconds in all. */
    private static final String PACKETS = "100000";
    /** A filter of hot fields, as bench/run times one; its compiler and evaluators go in the cache. */
    private static final String DISPLAY_FILTER = "tcp.port == 443 && ip.len > 100";

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path sample = Files.createTempFile("tapdeck-training", ".pcap");
        try {
            String file = sample.toString();
            run("generate", "-w", file, "--packets", PACKETS, "--seed", "1");
            run("read", "--stats", file);
            run("read", "--stats", "-Y", DISPLAY_FILTER, file);
            run("read", "-Y", DISPLAY_FILTER, "-T", "fields", "-e", "frame.number", "-e", "ip.src", "-e", "tcp.flags", file);
            run("read", "--json", file);
            run("read", file);
            run("analyze", file);
        } finally {
            Files.deleteIfExists(sample);
        }
    }

    private static void run(String... args) {
        int status = Tapdeck.commandLine(args).execute(args);
        if (status != 0) {
            throw new IllegalStateException("training run of tapdeck " + String.join(" ", args) + " exited with " + status);
        }
    }
}
