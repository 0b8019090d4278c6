package dev.tapdeck.stream.message;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes each side of one TCP conversation of a corpus capture sent, in order: the input
 * the message decoders get from reassembly, here taken from captures without loss or
 * reordering by keeping each segment that starts where the last one ended.
 */
record CorpusPayloads(byte[] client, byte[] server) {
    static final Path CORPUS = Path.of("../../shared/corpus").toAbsolutePath().normalize();

    /** The conversation between TCP ports {@code clientPort} (the client's) and {@code serverPort}. */
    static CorpusPayloads of(String file, int clientPort, int serverPort) throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        long[] next = {-1, -1};
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord record = new PacketRecord();
        try (CaptureReader reader = CaptureFiles.open(CORPUS.resolve(file))) {
            while (reader.next(record)) {
                Dissection d = decoder.decode(record);
                if (!d.tcp.present()) {
                    continue;
                }
                boolean fromClient = d.tcp.sourcePort() == clientPort && d.tcp.destinationPort() == serverPort;
                if (!fromClient && !(d.tcp.sourcePort() == serverPort && d.tcp.destinationPort() == clientPort)) {
                    continue;
                }
                int side = fromClient ? 0 : 1;
                long sequence = d.tcp.sequence();
                int length = Math.max(0, Math.min(d.tcp.payloadLength(), d.capturedLength() - d.tcp.offset() - d.tcp.headerLength()));
                if ((d.tcp.flags() & 0x02) != 0) {
                    next[side] = sequence + 1;
                    continue;
                }
                if (length > 0 && (next[side] < 0 || next[side] == sequence)) {
                    (fromClient ? client : server).write(d.bytes(), d.tcp.offset() + d.tcp.headerLength(), length);
                    next[side] = sequence + length;
                }
            }
        }
        return new CorpusPayloads(client.toByteArray(), server.toByteArray());
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    /** The next packet; false at the end, or at a damaged record, where tshark stops too. */
    static boolean next(CaptureReader reader, PacketRecord record) throws IOException {
        try {
            return reader.next(record);
        } catch (CaptureFileException e) {
            return false;
        }
    }
}
