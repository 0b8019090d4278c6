package dev.tapdeck.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoder for tests: decodes one built packet and prints the result every way Tapdeck prints
 * a packet. The packet is placed a few bytes into a segment that ends exactly at its last
 * captured byte, so a decoder that reads past the capture, or forgets the packet's offset,
 * fails loudly.
 *
 * <p>To check a test's packets against tshark, run the tests with
 * {@code -Dtapdeck.test.pcapDir=DIR}: every packet decoded is also written to
 * {@code DIR/NNNN-Class.method.pcap}, one packet a file, with Tapdeck's JSON object beside it in
 * {@code .tapdeck.json}, to compare with what {@code oracle.sh} prints for the pcap.
 */
final class TestDecoder {
    private static final int LEAD = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PCAP_DIR = System.getProperty("tapdeck.test.pcapDir");
    private static final AtomicInteger DUMPED = new AtomicInteger();

    private final PacketDecoder decoder = new PacketDecoder();
    private final JsonLinesFormat format = new JsonLinesFormat();
    private final PacketRecord record = new PacketRecord();
    private Dissection d;

    /** Decodes the whole packet, as captured without a snap length. */
    Dissection decode(int linkType, byte[] packet) {
        return decode(linkType, packet, packet.length, packet.length);
    }

    /** Decodes the first {@code captured} bytes of a packet that had {@code packet.length} on the wire (a snap length cut). */
    Dissection snap(int linkType, byte[] packet, int captured) {
        return decode(linkType, packet, captured, packet.length);
    }

    Dissection decode(int linkType, byte[] packet, int captured, int original) {
        MemorySegment segment = MemorySegment.ofArray(new byte[LEAD + captured]);
        for (int i = 0; i < LEAD; i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) 0xee);
        }
        MemorySegment.copy(MemorySegment.ofArray(packet), 0, segment, LEAD, captured);
        record.set(segment, LEAD, captured, original, linkType)
                .timestamp(1_700_000_000L, 123_456_000, PacketRecord.MICROSECOND_DIGITS);
        d = decoder.decode(record);
        if (PCAP_DIR != null) {
            dump(linkType, packet, captured, original);
        }
        return d;
    }

    /** Writes the packet as a one-packet pcap (so tshark keeps no state between packets) with Tapdeck's JSON beside it. */
    private void dump(int linkType, byte[] packet, int captured, int original) {
        String test = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("dev.tapdeck.") && f.getClassName().endsWith("Test"))
                .reduce((first, second) -> second)
                .map(f -> f.getClassName().replaceFirst(".*\\.", "") + "." + f.getMethodName()).orElse("unknown"));
        String name = String.format("%04d-%s", DUMPED.incrementAndGet(), test);
        try {
            Path folder = Files.createDirectories(Path.of(PCAP_DIR));
            ByteBuffer out = ByteBuffer.allocate(24 + 16 + captured).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
            out.putInt(1_700_000_000).putInt(123_456).putInt(captured).putInt(original).put(packet, 0, captured);
            Files.write(folder.resolve(name + ".pcap"), out.array());
            String json;
            try {
                json = json().toString();
            } catch (RuntimeException e) {
                json = "{\"exception\":\"" + e.getClass().getSimpleName() + "\"}";
            }
            Files.writeString(folder.resolve(name + ".tapdeck.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Dissection dissection() {
        return d;
    }

    /** {@code frame.protocols}. */
    String chain() {
        StringBuilder out = new StringBuilder();
        d.appendProtocols(out);
        return out.toString();
    }

    String info() {
        StringBuilder out = new StringBuilder();
        PacketSummary.appendInfo(d, out);
        return out.toString();
    }

    String protocol() {
        StringBuilder out = new StringBuilder();
        PacketSummary.appendProtocol(d, out);
        return out.toString();
    }

    String source() {
        StringBuilder out = new StringBuilder();
        PacketSummary.appendSource(d, out);
        return out.toString();
    }

    String destination() {
        StringBuilder out = new StringBuilder();
        PacketSummary.appendDestination(d, out);
        return out.toString();
    }

    /** The JSON Lines object, parsed. */
    JsonNode json() {
        Utf8Builder out = new Utf8Builder(256);
        format.append(1, record, d, out);
        try {
            return JSON.readTree(out.toString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }
}
