package dev.tapdeck.stream.message;

import dev.tapdeck.stream.StreamMessage;

/**
 * A stream of records that each begin with a fixed-size header that says how long the rest
 * is: TLS records (RFC 8446 §5.1), DNS over TCP (RFC 1035 §4.2.2), and many a protocol of
 * one's own. Each side's header is kept, then the body up to the limit, or only counted
 * when the record's fields do not need it; a record is complete with the packet that brings
 * its last byte.
 *
 * <p>A gap inside a body costs that record, which is not shown, but not the next one: its
 * header is where the length says, as Wireshark finds it. A gap that swallows a header, or
 * a header the subclass refuses, loses the record boundary: the side then waits for the
 * next delivery, whose first byte it takes for a header, as Wireshark starts a PDU at the
 * next segment.
 */
public abstract class LengthPrefixedDecoder implements StreamDecoder {
    private final int headerLength;
    private final Side client;
    private final Side server;

    /** Records of {@code headerLength} header bytes; at most {@code maxKept} bytes of one are kept. */
    protected LengthPrefixedDecoder(int headerLength, int maxKept) {
        this.headerLength = headerLength;
        this.client = new Side(true, maxKept);
        this.server = new Side(false, maxKept);
    }

    /** The number of bytes after the header, read from the header in {@code record}; -1 when it is no header of this protocol. */
    protected abstract long bodyLength(MessageBuffer record);

    /** True when the record's message needs its body, not just its header. */
    protected abstract boolean keepsBody(boolean fromClient, MessageBuffer record);

    /** The message of a complete record: its header and, if kept, its body. */
    protected abstract StreamMessage message(boolean fromClient, long frame, byte[] record);

    /**
     * A record of one side was lost (a gap inside it, or one that swallowed a header): what
     * the subclass keeps across records (a handshake message in parts) no longer continues.
     */
    protected void recordLost(boolean fromClient) {
    }

    private final class Side {
        final boolean fromClient;
        final MessageBuffer record;
        final MessageSegments segments = new MessageSegments();
        boolean inBody, keep, damaged;
        /** The record boundary is lost: the next delivery starts a record. */
        boolean lost;
        long remaining;

        Side(boolean fromClient, int maxKept) {
            this.fromClient = fromClient;
            this.record = new MessageBuffer(maxKept);
        }

        void data(long frame, byte[] bytes, int offset, int length, Messages out) {
            if (lost) {
                lost = false;
                inBody = false;
                record.clear();
                recordLost(fromClient);
            }
            int p = offset;
            int end = offset + length;
            while (p < end) {
                if (!inBody) {
                    if (record.length() == 0) {
                        segments.clear();
                    }
                    int taken = Math.min(headerLength - record.length(), end - p);
                    segments.add(frame, taken);
                    record.append(bytes, p, taken);
                    p += taken;
                    if (record.length() < headerLength) {
                        return;
                    }
                    remaining = bodyLength(record);
                    if (remaining < 0) {
                        lost = true;
                        return;
                    }
                    inBody = true;
                    damaged = false;
                    keep = keepsBody(fromClient, record);
                }
                int taken = (int) Math.min(remaining, end - p);
                segments.add(frame, taken);
                if (keep && record.append(bytes, p, taken) < taken) {
                    keep = false; // too long to keep: shown with the bytes that fit
                }
                p += taken;
                remaining -= taken;
                if (remaining == 0) {
                    complete(frame, out);
                }
            }
        }

        private void complete(long frame, Messages out) {
            inBody = false;
            if (damaged) {
                recordLost(fromClient);
            } else {
                out.add(message(fromClient, frame, record.copy(0, record.length())).withSegments(segments.snapshot()));
            }
            record.clear();
        }

        void gap(long length) {
            if (inBody && length <= remaining) {
                remaining -= length;
                damaged = true;
                if (remaining == 0) {
                    inBody = false;
                    record.clear();
                    recordLost(fromClient);
                }
            } else {
                lost = true;
            }
        }
    }

    @Override
    public final void data(boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length, Messages out) {
        (fromClient ? client : server).data(frame, bytes, offset, length, out);
    }

    @Override
    public final void gap(boolean fromClient, long frame, long length, Messages out) {
        (fromClient ? client : server).gap(length);
    }

    @Override
    public final boolean inMessage(boolean fromClient) {
        Side side = fromClient ? client : server;
        return !side.lost && (side.inBody || side.record.length() > 0);
    }

    @Override
    public long overflowedBytes() {
        return client.record.overflowed() + server.record.overflowed();
    }
}
