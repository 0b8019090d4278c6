package dev.tapdeck.bench;

import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Packets per second through the {@link Analyzer} (flow table, protocol hierarchy and every
 * detector) over the synthetic busy link of {@code bench/run}: 1,000,000 packets held in
 * memory. Throughput is in packets per second; run with {@code -prof gc} for the bytes
 * allocated per packet ({@code gc.alloc.rate.norm}), which should be about 0.
 *
 * <ul>
 *   <li>{@link #decodeAndAnalyze}: decoding and analysis over the whole capture, to set
 *       beside {@link #decodeOnly}: the difference is the analysis, in the setting it runs in
 *       (one decoder, its buffer warm in the cache);</li>
 *   <li>{@link #analyzeOnly}: the analysis alone, over the first {@value #DECODED} packets
 *       decoded once, each into its own decoder, and fed again and again. Each packet's bytes
 *       are then cold in the cache, which the pipeline never sees: a lower bound.</li>
 * </ul>
 * Every pass over the packets is shifted later in time by the capture's span, so packet time
 * keeps moving forward as it does on a live link: seconds close, windows roll, flows go idle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms6g", "-Xmx6g"})
public class AnalysisBenchmark {
    static final int PACKETS = 1_000_000;
    static final int DECODED = 65_536;

    private PacketRecord[] packets;
    private final long[] times = new long[PACKETS];
    private final Dissection[] decoded = new Dissection[DECODED];
    private final PacketDecoder decoder = new PacketDecoder();
    private Analyzer analyzer;
    private long span;
    private long decodedSpan;
    private long shift;
    private long packetsHandled;
    private long packetsAtStart;
    private long cpuAtStart;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Setup
    public void generatePackets() throws IOException {
        packets = GeneratedPackets.generate(PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            times[i] = packets[i].epochSeconds() * 1_000_000_000L + packets[i].nanos();
        }
        for (int i = 0; i < DECODED; i++) {
            decoded[i] = new PacketDecoder().decode(packets[i]);
        }
        span = times[PACKETS - 1] - times[0] + 1_000_000;
        decodedSpan = times[DECODED - 1] - times[0] + 1_000_000;
        // One analyzer for the whole run: the warm-up grows its tables, the measurement sees the steady state.
        analyzer = new Analyzer(AnalysisSettings.DEFAULTS);
    }

    @Setup(Level.Iteration)
    public void startClock() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
        packetsAtStart = packetsHandled;
    }

    /**
     * Prints the analyzer's totals, and the packets per second of CPU time the benchmark
     * thread had: on a shared machine, where other processes take turns on the cores, the
     * wall-clock throughput JMH reports is lower than what one core does.
     */
    @TearDown(Level.Iteration)
    public void printWhatItFound() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        Analyzer.Summary summary = analyzer.summary();
        System.out.printf("%n  %,.0f packets per CPU second; analyzer: %,d packets, %,d flows held, %,d begun, %,d expired,"
                        + " %,d untracked packets, %,d alerts%n",
                (packetsHandled - packetsAtStart) * 1e9 / Math.max(cpu, 1), summary.packets(), summary.flows(),
                summary.flowsStarted(), summary.flowsExpired(), summary.untrackedPackets(), summary.alerts());
    }

    @Benchmark
    @OperationsPerInvocation(DECODED)
    public void analyzeOnly(Blackhole sink) {
        for (int i = 0; i < DECODED; i++) {
            analyzer.accept(i + 1, decoded[i], times[i] + shift);
        }
        shift += decodedSpan;
        packetsHandled += DECODED;
        sink.consume(analyzer);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void decodeAndAnalyze(Blackhole sink) {
        for (int i = 0; i < PACKETS; i++) {
            analyzer.accept(i + 1, decoder.decode(packets[i]), times[i] + shift);
        }
        shift += span;
        packetsHandled += PACKETS;
        sink.consume(analyzer);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void decodeOnly(Blackhole sink) {
        for (int i = 0; i < PACKETS; i++) {
            sink.consume(decoder.decode(packets[i]).layerCount());
        }
        packetsHandled += PACKETS;
    }
}
