package dev.tapdeck.bench;

import dev.tapdeck.analysis.CaptureStatistics;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.Utf8Builder;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Decoding cost per packet, over packets of the synthetic busy link held in memory (so the
 * file reader is not measured). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is
 * the bytes allocated per packet, which should be about 0 for {@link #decode} and
 * {@link #decodeAndCount}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@OperationsPerInvocation(DecodeBenchmark.PACKETS)
public class DecodeBenchmark {
    static final int PACKETS = 65_536;

    private PacketRecord[] packets;
    private final PacketDecoder decoder = new PacketDecoder();
    private final CaptureStatistics statistics = new CaptureStatistics();
    private final JsonLinesFormat json = new JsonLinesFormat();
    private final Utf8Builder line = new Utf8Builder(1024);

    @Setup
    public void generatePackets() throws IOException {
        packets = GeneratedPackets.generate(PACKETS);
    }

    /** Every layer decoded, nothing printed: the decoder alone. */
    @Benchmark
    public void decode(Blackhole sink) {
        for (PacketRecord packet : packets) {
            Dissection d = decoder.decode(packet);
            sink.consume(d.layerCount());
        }
    }

    /** What {@code tapdeck read --stats} does per packet: decode, then count protocols and conversations. */
    @Benchmark
    public void decodeAndCount(Blackhole sink) {
        for (PacketRecord packet : packets) {
            statistics.add(packet, decoder.decode(packet));
        }
        sink.consume(statistics.packets());
    }

    /** What {@code tapdeck read --json} does per packet, short of writing the bytes out. */
    @Benchmark
    public void decodeToJson(Blackhole sink) {
        long frame = 0;
        for (PacketRecord packet : packets) {
            json.append(++frame, packet, decoder.decode(packet), line.clear());
            sink.consume(line.length());
        }
    }
}
