package dev.tapdeck.serve;

import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One stream client's display filter at work on its own sending thread: it decodes each packet
 * of a shared {@link StreamBatch} with its own {@link PacketFields} (the filter and the fields
 * are not thread-safe, so they never leave that thread) and builds the client's message from
 * the summaries that pass, copied out of the batch's bytes.
 */
final class ClientFilter {
    private final DisplayFilter filter;
    private final PacketFields fields;
    private final PacketRecord packet = new PacketRecord();
    private int[] passed = new int[256];
    private int passedCount;

    /** {@code fields} is the client's own, kept from filter to filter. */
    ClientFilter(DisplayFilter filter, PacketFields fields) {
        this.filter = filter;
        this.fields = fields;
    }

    String text() {
        return filter.text();
    }

    /**
     * Runs the filter over {@code batch}; returns how many of its packets passed, whose
     * message {@link #message} then makes.
     */
    int select(StreamBatch batch) {
        if (!batch.hasPackets()) {
            throw new IllegalStateException("a batch without its packets reached a filtering client");
        }
        if (passed.length < batch.count()) {
            passed = new int[batch.count()];
        }
        passedCount = 0;
        for (int i = 0; i < batch.count(); i++) {
            fields.wrap(batch.number(i), batch.packet(i, packet), batch.referenceNanos(), batch.facts(i)).process(batch.process(i));
            if (filter.matches(fields)) {
                passed[passedCount++] = i;
            }
        }
        return passedCount;
    }

    /** The packets message of the summaries the last {@link #select} passed (at least one), in one exact array. */
    byte[] message(StreamBatch batch) {
        byte[] end = ("],\"count\":" + passedCount + ",\"handled\":" + batch.handledMicros() + "}").getBytes(StandardCharsets.US_ASCII);
        int length = StreamBatch.START.length + passedCount - 1 + end.length;
        for (int i = 0; i < passedCount; i++) {
            length += batch.summaryLength(passed[i]);
        }
        byte[] message = Arrays.copyOf(StreamBatch.START, length);
        int at = StreamBatch.START.length;
        for (int i = 0; i < passedCount; i++) {
            if (i > 0) {
                message[at++] = ',';
            }
            int summary = passed[i];
            System.arraycopy(batch.message(), batch.summaryStart(summary), message, at, batch.summaryLength(summary));
            at += batch.summaryLength(summary);
        }
        System.arraycopy(end, 0, message, at, end.length);
        return message;
    }
}
