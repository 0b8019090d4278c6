package dev.tapdeck.stream.message;

import dev.tapdeck.decode.field.ApplicationFields;

import java.io.ByteArrayOutputStream;

/**
 * One side's TLS handshake messages put back together across the records that carry them: a
 * handshake message may be split over several records, and several messages may share one
 * (RFC 8446 §5.1), as a long ClientHello or a certificate chain is. As Wireshark's
 * {@code tls.desegment_ssl_records} does, a record that ends a message shows it whole; a
 * record that only carries part of one shows that part as a fragment of it.
 *
 * <p>A message's length may be up to 2^24 - 1 (§4); at most {@link #MAX_HELD} bytes of one are
 * held. A longer one is passed over, its records shown as its fragments, its bytes counted
 * ({@link #overflowed()}).
 */
final class TlsHandshakes {
    /** The most of one handshake message held: as much as one record's 16-bit length can say. */
    static final int MAX_HELD = 0xffff;
    static final int RECORD_HEADER = 5, MESSAGE_HEADER = 4;

    /**
     * What a record of handshake messages shows once put together with the records before it:
     * its header and the messages it completes ({@code record}); the type of the message it
     * goes on with (-1 for none) and whether it ends it; the type of a message it begins and
     * does not end (-1 for none).
     */
    record Reassembled(byte[] record, int continuedType, boolean continuedEnds, int startedType) {
        /** The handshake messages the record completes, after its own header. */
        int messagesLength() { return record.length - RECORD_HEADER; }
    }

    /** The part of a message held so far; made when a first message is split, as most streams never split one. */
    private MessageBuffer held;
    /** Bytes still to come of a message too long to hold, and its type. */
    private long passingOver;
    private int passedOverType;
    private long overflowed;

    /**
     * True when the handshake record ({@code record}, header and whole body) takes part in
     * reassembly: it continues a message, or its last message runs past its end. False for a
     * record of whole messages, and for one whose body is no handshake in the clear.
     */
    boolean involves(byte[] record) {
        if (isHolding()) {
            return true;
        }
        int p = RECORD_HEADER;
        while (p < record.length) {
            if (!isHandshakeType(record[p] & 0xff)) {
                return false;
            }
            if (p + MESSAGE_HEADER > record.length || p + MESSAGE_HEADER + u24(record, p + 1) > record.length) {
                return true;
            }
            p += MESSAGE_HEADER + u24(record, p + 1);
        }
        return false;
    }

    /** Takes the body of a record that {@link #involves} reassembly: what it then shows. */
    Reassembled take(byte[] record) {
        int continuedType = passingOver > 0 ? passedOverType : held != null && held.length() > 0 ? held.u8(0) : -1;
        if (held == null) {
            held = new MessageBuffer(MAX_HELD);
        }
        ByteArrayOutputStream complete = new ByteArrayOutputStream();
        complete.write(record, 0, RECORD_HEADER);
        int messagesEnded = 0;
        int p = RECORD_HEADER;
        while (p < record.length) {
            if (passingOver > 0) {
                int n = (int) Math.min(passingOver, record.length - p);
                passingOver -= n;
                overflowed += n;
                p += n;
                messagesEnded += passingOver == 0 ? 1 : 0;
                continue;
            }
            if (held.length() < MESSAGE_HEADER) {
                p += held.append(record, p, Math.min(MESSAGE_HEADER - held.length(), record.length - p));
                if (held.length() < MESSAGE_HEADER) {
                    break;
                }
                if (!isHandshakeType(held.u8(0))) {
                    held.clear(); // not a handshake message in the clear: the rest of the record is not one either
                    break;
                }
                long total = MESSAGE_HEADER + u24(held.array(), 1);
                if (total > MAX_HELD) {
                    passedOverType = held.u8(0);
                    passingOver = total - MESSAGE_HEADER;
                    overflowed += MESSAGE_HEADER;
                    held.clear();
                    continue;
                }
            }
            int total = MESSAGE_HEADER + u24(held.array(), 1);
            p += held.append(record, p, Math.min(total - held.length(), record.length - p));
            if (held.length() == total) {
                complete.write(held.array(), 0, total);
                held.clear();
                messagesEnded++;
            }
        }
        int incompleteType = held.length() > 0 ? held.u8(0) : passingOver > 0 ? passedOverType : -1;
        boolean continuedEnds = continuedType >= 0 && messagesEnded > 0;
        // What is left incomplete is the message continued, unless that one ended: then one this record begins.
        return new Reassembled(complete.toByteArray(), continuedType, continuedEnds, continuedType < 0 || continuedEnds ? incompleteType : -1);
    }

    /** The message being put together is lost (a record of it was not captured, or it cannot go on in the clear). */
    void reset() {
        if (held != null) {
            held.clear();
        }
        passingOver = 0;
    }

    private boolean isHolding() {
        return passingOver > 0 || (held != null && held.length() > 0);
    }

    /** Bytes of messages too long to hold, passed over. */
    long overflowed() { return overflowed; }

    static boolean isHandshakeType(int type) {
        return ApplicationFields.TLS_HANDSHAKE_TYPE.valueName(type) != null;
    }

    private static int u24(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 16 | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff);
    }
}
