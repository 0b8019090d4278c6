package dev.tapdeck.bench;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What a display filter adds to decoding, per packet of the synthetic busy link: {@link #decode}
 * wraps each packet in {@link PacketFields} (which decodes it), {@link #decodeAndFilter} also
 * evaluates {@code tcp.port == 443 && ip.len > 100}. The difference is the filter's cost. Run
 * with {@code -prof gc}: {@code gc.alloc.rate.norm} should be about 0 for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@OperationsPerInvocation(FilterBenchmark.PACKETS)
public class FilterBenchmark {
    static final int PACKETS = 65_536;

    private PacketRecord[] packets;
    private final PacketFields fields = new PacketFields();
    private DisplayFilter filter;
    private long reference;

    @Setup
    public void generatePackets() throws IOException, FilterException {
        packets = GeneratedPackets.generate(PACKETS);
        reference = packets[0].epochSeconds() * 1_000_000_000L + packets[0].nanos();
        filter = DisplayFilter.compile("tcp.port == 443 && ip.len > 100");
    }

    /** Each packet decoded into the fields a filter reads, no filter evaluated: the baseline. */
    @Benchmark
    public void decode(Blackhole sink) {
        for (int i = 0; i < packets.length; i++) {
            sink.consume(fields.wrap(i + 1, packets[i], reference).dissection().layerCount());
        }
    }

    /** Decoded as {@link #decode} does, then {@code tcp.port == 443 && ip.len > 100} evaluated. */
    @Benchmark
    public void decodeAndFilter(Blackhole sink) {
        for (int i = 0; i < packets.length; i++) {
            PacketFields packet = fields.wrap(i + 1, packets[i], reference);
            sink.consume(packet.dissection().layerCount());
            sink.consume(filter.matches(packet));
        }
    }
}
