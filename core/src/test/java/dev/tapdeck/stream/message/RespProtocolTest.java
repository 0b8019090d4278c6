package dev.tapdeck.stream.message;

import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamFactsAccess;
import dev.tapdeck.stream.StreamMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example stream decoder, Redis's RESP, over the protocol's own examples
 * (redis.io/docs/latest/develop/reference/protocol-spec) cut at every place, and its fields
 * as filters see them.
 */
class RespProtocolTest {
    private static final byte[] COMMANDS = ("*3\r\n$3\r\nset\r\n$5\r\nmykey\r\n$7\r\nmyvalue\r\n"
            + "*2\r\n$3\r\nGET\r\n$5\r\nmykey\r\n*2\r\n$4\r\nLPOP\r\n$4\r\nnone\r\n*1\r\n$4\r\nPING\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] REPLIES = ("+OK\r\n$7\r\nmyvalue\r\n$-1\r\n-ERR unknown command 'foobar'\r\n"
            + "*2\r\n:1\r\n$5\r\nhello\r\n").getBytes(StandardCharsets.ISO_8859_1);

    /** Feeds one side's bytes to a stream on port 6379, cut at {@code cut}, in frames 1 and 2. */
    private static List<StreamMessage> feed(StreamMessages messages, boolean fromClient, byte[] bytes, int cut, long firstFrame) {
        messages.before(fromClient ? 50000 : 6379, fromClient ? 6379 : 50000, false);
        List<StreamMessage> out = new ArrayList<>();
        StreamFacts facts = new StreamFacts();
        int[] bounds = cut > 0 ? new int[] {0, cut, bytes.length} : new int[] {0, bytes.length};
        for (int i = 0; i + 1 < bounds.length; i++) {
            messages.data(true, 0, fromClient, firstFrame + i, 0, bytes, bounds[i], bounds[i + 1] - bounds[i]);
            StreamFactsAccess.track(facts, 0);
            messages.after(facts);
            assertThat(facts.messageProtocol()).isEqualTo("resp");
            out.addAll(facts.messages());
        }
        return out;
    }

    @Test
    void commandsAndRepliesDecodeTheSameWhereverCut() {
        for (int cut = 0; cut < COMMANDS.length; cut++) {
            StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
            List<StreamMessage> commands = feed(messages, true, COMMANDS, cut, 1);
            assertThat(commands).extracting(m -> StreamMessagesTest.fields(m).get("resp.command"))
                    .as("cut at %d", cut).containsExactly(List.of("SET"), List.of("GET"), List.of("LPOP"), List.of("PING"));
            assertThat(StreamMessagesTest.fields(commands.getFirst())).containsEntry("resp.array.length", List.of("3"))
                    .containsEntry("resp.bulk_string.length", List.of("3", "5", "7"));
        }
        for (int cut = 0; cut < REPLIES.length; cut++) {
            StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
            feed(messages, true, COMMANDS, 0, 1);
            List<StreamMessage> replies = feed(messages, false, REPLIES, cut, 5);
            assertThat(replies).as("cut at %d", cut).hasSize(5);
            assertThat(StreamMessagesTest.fields(replies.get(0))).containsEntry("resp.string", List.of("OK"));
            assertThat(StreamMessagesTest.fields(replies.get(1))).containsEntry("resp.bulk_string.length", List.of("7"));
            assertThat(StreamMessagesTest.fields(replies.get(2))).containsEntry("resp.bulk_string.length", List.of("-1"));
            Map<String, List<String>> error = StreamMessagesTest.fields(replies.get(3));
            assertThat(error).containsEntry("resp.error", List.of("ERR unknown command 'foobar'"));
            // The four commands came in frame 1: each reply answers one, in order; the fifth none.
            assertThat(StreamMessagesTest.fields(replies.get(0))).containsEntry("resp.request_in", List.of("1"));
            assertThat(StreamMessagesTest.fields(replies.get(4))).doesNotContainKey("resp.request_in")
                    .containsEntry("resp.array.length", List.of("2")).containsEntry("resp.integer", List.of("1"));
        }
    }

    @Test
    void aStreamNotOnItsPortIsRecognisedByItsFirstCommand() {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        messages.before(50000, 7000, false);
        messages.data(true, 3, true, 1, 0, COMMANDS, 0, COMMANDS.length);
        StreamFacts facts = new StreamFacts();
        StreamFactsAccess.track(facts, 3);
        messages.after(facts);
        assertThat(facts.messageProtocol()).isEqualTo("resp");
        assertThat(facts.messages()).hasSize(4);
    }

    @Test
    void bytesThatAreNotRespLoseTheSideUntilADeliveryStartsAValue() {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        byte[] junk = "hello\r\n".getBytes(StandardCharsets.ISO_8859_1);
        messages.before(6379, 50000, false);
        messages.data(true, 0, false, 1, 0, junk, 0, junk.length);
        messages.data(true, 0, false, 2, 0, REPLIES, 0, REPLIES.length);
        StreamFacts facts = new StreamFacts();
        StreamFactsAccess.track(facts, 0);
        messages.after(facts);
        assertThat(facts.messages()).hasSize(5);
    }

    @Test
    void filtersAndColumnsSeeTheFieldsOfTheFrameThatCompletesAMessage() throws Exception {
        assertThat(FieldRegistry.lookup("resp.command")).isPresent();
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        List<StreamMessage> commands = feed(messages, true, COMMANDS, 0, 1);
        StreamFacts facts = new StreamFacts();
        StreamFactsAccess.track(facts, 0);
        facts.setMessages("resp", commands, false, false, null, false);
        PacketRecord record = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(CorpusPayloads.CORPUS.resolve("pcpp-one_tcp_stream.pcap"))) {
            assertThat(reader.next(record)).isTrue();
            PacketFields packet = new PacketFields().wrap(1, record, 0, facts);
            assertThat(DisplayFilter.compile("resp.command == \"GET\" && resp.bulk_string.value contains \"key\"").matches(packet)).isTrue();
            assertThat(DisplayFilter.compile("resp.command == \"DEL\"").matches(packet)).isFalse();
            assertThat(DisplayFilter.compile("resp").matches(packet)).isTrue();
            // -T fields shows a protocol by its detail line: the message's, for a message's protocol.
            assertThat(packet.label(RespProtocol.RESP, 0)).isEqualTo("REdis Serialization Protocol");
            assertThat(DisplayFilter.compile("resp").matches(new PacketFields().wrap(1, record, 0))).isFalse();
        }
    }
}
