package dev.tapdeck.stream.message;

import dev.tapdeck.collect.KeyIndex;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamTracker;
import dev.tapdeck.stream.TcpPreferences;

import java.io.IOException;
import java.util.Arrays;

/**
 * What later frames tell of earlier ones, which tshark shows only when it reads a capture
 * twice ({@code tshark -2}): the frame of an HTTP request's response ({@code http.response_in}),
 * and of the request and the response that come next on its stream ({@code http.next_request_in},
 * {@code http.next_response_in}). {@link #learn} reads the capture once, with the decoders
 * recording what they pair; the pass that prints then asks as each message completes.
 *
 * <p>Links are kept in a primitive hash index keyed by frame and link, the linked frame in a
 * long array: about 40 bytes per link, only for the frames that have one.
 */
public final class LaterFrames {
    public enum Link { RESPONSE, NEXT_REQUEST, NEXT_RESPONSE }

    /** Records nothing and knows nothing: a capture read once. */
    public static final LaterFrames NONE = new LaterFrames(0);

    private final KeyIndex index;
    private long[] linked;

    private LaterFrames(int maxLinks) {
        this.index = maxLinks == 0 ? null : new KeyIndex(2, maxLinks);
        this.linked = new long[maxLinks == 0 ? 0 : index.entryCapacity()];
    }

    /** An empty record for a first pass to fill. */
    public static LaterFrames recording() {
        return new LaterFrames(Integer.MAX_VALUE / 4);
    }

    /**
     * The first pass: reads up to {@code count} packets of {@code reader} through the stream
     * tracker and message decoders that {@code preferences} ask for, as the printing pass will,
     * and returns what they linked. Stops quietly at a damaged record: the printing pass reports it.
     */
    public static LaterFrames learn(CaptureReader reader, long count, TcpPreferences preferences) throws IOException {
        LaterFrames later = recording();
        if (!preferences.desegmentStreams()) {
            return later; // no messages, so nothing to pair
        }
        StreamTracker tracker = preferences.tracker();
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn(), later);
        tracker.dissect(messages);
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord packet = new PacketRecord();
        StreamFacts facts = new StreamFacts();
        try {
            for (long frame = 1; frame <= count && reader.next(packet); frame++) {
                messages.offer(tracker, decoder.decode(packet), frame, packet.epochNanos(), facts);
            }
        } catch (CaptureFileException e) {
            // the packets before the damage are what the printing pass shows
        }
        tracker.finish();
        return later;
    }

    /** Records that {@code frame}'s {@code link} is frame {@code to}; frame 0 (none) is not recorded. */
    void record(Link link, long frame, long to) {
        if (index == null || frame <= 0) {
            return;
        }
        int entry = index.find(frame, link.ordinal(), 0, 0, 0);
        if (entry < 0) {
            entry = index.add(frame, link.ordinal(), 0, 0, 0);
            if (entry < 0) {
                return; // past the index's room: the link stays unknown
            }
            if (entry >= linked.length) {
                linked = Arrays.copyOf(linked, index.entryCapacity());
            }
        }
        linked[entry] = to;
    }

    /** The frame {@code frame}'s {@code link} leads to, or 0 when none is known. */
    long of(Link link, long frame) {
        int entry = index == null ? -1 : index.find(frame, link.ordinal(), 0, 0, 0);
        return entry < 0 ? 0 : linked[entry];
    }
}
