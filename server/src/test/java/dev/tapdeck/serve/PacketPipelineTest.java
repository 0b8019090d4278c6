package dev.tapdeck.serve;

import dev.tapdeck.capture.CaptureSettings;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

class PacketPipelineTest {
    private final StreamStore streams = new StreamStore(1 << 20, 16);
    private final StreamHub hub = new StreamHub(ServerConfig.defaults(), () -> "{}", streams);
    private final PacketPipeline pipeline = new PacketPipeline(new PacketHistory(16, 1 << 16), hub, streams, AnalysisSettings.DEFAULTS);

    @Test
    void timeIsRelativeToTheFirstPacketAndNegativeForOneStampedBeforeIt() throws Exception {
        pipeline.started(CaptureSettings.of("test"), LinkTypes.ETHERNET);
        pipeline.accept(packet(1_700_000_010L, 250_000_000));

        assertThat(summary(2, packet(1_700_000_012L, 750_000_000))).contains("\"time\":2.500000,");
        String earlier = summary(3, packet(1_700_000_009L, 500_000_000));
        assertThat(earlier).contains("\"time\":-0.750000,");
        assertThat(RunningServer.JSON.readTree(earlier).get("time").asDouble()).isEqualTo(-0.75);
    }

    private String summary(long number, PacketRecord packet) {
        StringBuilder json = new StringBuilder();
        pipeline.appendSummary(number, packet, new PacketDecoder().decode(packet), 0, new StreamFacts(), null, json, new StringBuilder());
        return json.toString();
    }

    private static PacketRecord packet(long seconds, int nanos) {
        byte[] frame = new byte[60];
        frame[12] = 0x08; // an IPv4 EtherType, cut short: enough for a summary
        return new PacketRecord().set(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET)
                .timestamp(seconds, nanos, PacketRecord.NANOSECOND_DIGITS);
    }
}
