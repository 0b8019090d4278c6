package dev.tapdeck.explain;

import dev.tapdeck.file.CaptureFileException;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The packets of a capture file around one packet, read once into memory: as many before it
 * and after it as the explainer looks at, so memory stays bounded whatever the file's size.
 */
public final class FilePacketContext implements PacketContext {
    /** Packets kept before the one explained: the explainer's look-back, and some slack. */
    private static final int PACKETS_BEFORE = OfflineExplainer.LOOK_BACK;
    private static final int PACKETS_AFTER = OfflineExplainer.LOOK_AHEAD;

    private record Stored(byte[] bytes, int originalLength, int linkType, boolean hasTimestamp,
                          long epochSeconds, int nanos, int digits) {
    }

    private final long first;
    private final List<Stored> packets;

    private FilePacketContext(long first, List<Stored> packets) {
        this.first = first;
        this.packets = packets;
    }

    /**
     * Reads the packets of {@code file} around packet {@code frameNumber}.
     *
     * @throws NoSuchElementException when the file has fewer packets than that
     * @throws CaptureFileException   when the file is damaged before that packet; damage after it
     *                                only ends the context early
     */
    public static FilePacketContext around(Path file, long frameNumber) throws IOException {
        if (frameNumber < 1) {
            throw new NoSuchElementException("packet numbers start at 1, not " + frameNumber);
        }
        long first = Math.max(1, frameNumber - PACKETS_BEFORE);
        long last = frameNumber + PACKETS_AFTER;
        List<Stored> packets = new ArrayList<>();
        long number = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            while (number < last && reader.next(record)) {
                number++;
                if (number >= first) {
                    packets.add(new Stored(record.toByteArray(), record.originalLength(), record.linkType(),
                            record.hasTimestamp(), record.epochSeconds(), record.nanos(), record.timestampDigits()));
                }
            }
        } catch (CaptureFileException e) {
            if (number < frameNumber) {
                throw e;
            }
        }
        if (number < frameNumber) {
            throw new NoSuchElementException(file + " has " + number + (number == 1 ? " packet" : " packets") + ", no packet " + frameNumber);
        }
        return new FilePacketContext(first, packets);
    }

    @Override
    public boolean read(long frameNumber, PacketRecord into) {
        if (frameNumber < oldest() || frameNumber > newest()) {
            return false;
        }
        Stored packet = packets.get((int) (frameNumber - first));
        into.set(MemorySegment.ofArray(packet.bytes()), 0, packet.bytes().length, packet.originalLength(), packet.linkType())
                .position(frameNumber, 0);
        if (packet.hasTimestamp()) {
            into.timestamp(packet.epochSeconds(), packet.nanos(), packet.digits());
        } else {
            into.noTimestamp();
        }
        return true;
    }

    @Override
    public long oldest() {
        return first;
    }

    @Override
    public long newest() {
        return first + packets.size() - 1;
    }
}
