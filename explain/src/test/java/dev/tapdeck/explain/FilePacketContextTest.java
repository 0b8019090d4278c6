package dev.tapdeck.explain;

import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;

import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilePacketContextTest {

    @Test
    void holdsTheWholeOfASmallCaptureWithItsTimes() throws Exception {
        FilePacketContext context = FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), 4);
        PacketRecord record = new PacketRecord();

        assertThat(context.oldest()).isEqualTo(1);
        assertThat(context.newest()).isEqualTo(43);
        assertThat(context.read(4, record)).isTrue();
        assertThat(record.capturedLength()).isEqualTo(533);
        assertThat(record.epochSeconds()).isEqualTo(1084443428L);
        assertThat(record.nanos()).isEqualTo(222_534_000);
        assertThat(context.read(44, record)).isFalse();
        assertThat(context.read(0, record)).isFalse();
    }

    @Test
    void namesHowManyPacketsAFileHasWhenAskedForMore() {
        assertThatThrownBy(() -> FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), 44))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageEndingWith("dpkt-http.pcap has 43 packets, no packet 44");
    }

    @Test
    void theExplainerNamesTheHeldRangeForAPacketItDoesNotHold() throws Exception {
        FilePacketContext context = FilePacketContext.around(Corpus.capture("dpkt-http.pcap"), 4);

        assertThatThrownBy(() -> new OfflineExplainer().explainPacket(50, context))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("packet 50 is not held; packets 1 to 43 are");
    }
}
