package dev.tapdeck.stream.message;

import dev.tapdeck.decode.Bytes;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.field.ApplicationFields;
import dev.tapdeck.stream.StreamMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TLS records over TCP (RFC 8446 §5.1), each a message: a hello split over segments still
 * gives its SNI, cipher suites, ALPN and fingerprints with the segment that completes it.
 * A handshake message split over records is put back together ({@link TlsHandshakes}) and
 * shown whole with the record that ends it. Selected on Wireshark's TLS ports, or by a first
 * record header that looks like one.
 */
final class TlsProtocol implements StreamProtocol {
    /** The largest record (RFC 8446 §5.2: 2^14 plus 256 of expansion; older versions allow 2048) and its header. */
    static final int MAX_RECORD = 5 + 16384 + 2048;
    private static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23;
    /** TLS 1.3 and its drafts (0x7f00 + draft number, draft-ietf-tls-tls13-28 §4.2.1). */
    private static final int SERVER_HELLO = 2, SUPPORTED_VERSIONS = 43, TLS_1_3 = 0x0304, TLS_1_3_DRAFTS = 0x7f00;

    @Override
    public String name() { return "tls"; }

    @Override
    public boolean usesPort(int port) { return PacketDecoder.isTlsPort(port); }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        if (length < 5) {
            return false;
        }
        int type = bytes[offset] & 0xff;
        int version = (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff);
        int recordLength = (bytes[offset + 3] & 0xff) << 8 | (bytes[offset + 4] & 0xff);
        return type >= 20 && type <= 24 && version >= 0x0300 && version <= 0x0304 && recordLength > 0 && recordLength <= MAX_RECORD - 5;
    }

    @Override
    public StreamDecoder newDecoder() {
        return new LengthPrefixedDecoder(5, MAX_RECORD) {
            /** Per side: a ChangeCipherSpec was sent, so its handshake records are encrypted. */
            private boolean clientEncrypted, serverEncrypted;
            /**
             * The version the ServerHello chose, 0 before it: the packet list names every later
             * record by it, and TLS 1.3's encrypted records hide their type (RFC 8446 §5.2).
             */
            private int version;
            private final TlsHandshakes clientHandshakes = new TlsHandshakes();
            private final TlsHandshakes serverHandshakes = new TlsHandshakes();

            @Override
            protected long bodyLength(MessageBuffer record) {
                int type = record.u8(0);
                // tshark's TLS dissector desegments on a known content type, up to RFC 9146's tls12_cid (25),
                // whatever the version says, so after a lost segment it starts a record where it does; in a
                // TLS 1.3 session it did not take a bad version for a record in any capture of the corpus (pcpp-tls2).
                return type >= 20 && type <= 25 && (record.u8(1) == 3 || !isTls13(version)) ? record.u16(3) : -1;
            }

            @Override
            protected boolean keepsBody(boolean fromClient, MessageBuffer record) {
                boolean encrypted = fromClient ? clientEncrypted : serverEncrypted;
                if (record.u8(0) == CHANGE_CIPHER_SPEC) {
                    if (fromClient) {
                        clientEncrypted = true;
                    } else {
                        serverEncrypted = true;
                    }
                }
                // Only a handshake in the clear has fields past the header; the header alone shows the rest as Wireshark does.
                return record.u8(0) == HANDSHAKE && !encrypted;
            }

            @Override
            protected StreamMessage message(boolean fromClient, long frame, byte[] record) {
                TlsHandshakes handshakes = fromClient ? clientHandshakes : serverHandshakes;
                boolean encrypted = fromClient ? clientEncrypted : serverEncrypted;
                boolean inTheClear = (record[0] & 0xff) == HANDSHAKE && record.length == 5 + Bytes.u16(record, 3);
                if (!inTheClear) {
                    handshakes.reset();
                } else if (handshakes.involves(record)) {
                    TlsHandshakes.Reassembled reassembled = handshakes.take(record);
                    noteServerHello(fromClient, reassembled.record());
                    return new StreamMessage("tls", frame, fromClient, reassembled.record(), bytes -> reassembledLayers(reassembled),
                            summarizer(reassembled.record(), encrypted));
                }
                noteServerHello(fromClient, record);
                StreamMessage.Summarizer summarizer = summarizer(record, encrypted);
                if (isTls13(version) && (record[0] & 0xff) == APPLICATION_DATA) {
                    return new StreamMessage("tls", frame, fromClient, record, bytes -> opaque(MessageLayers.describe(Protocol.TLS, bytes)), summarizer);
                }
                return new StreamMessage("tls", frame, fromClient, record, bytes -> MessageLayers.describe(Protocol.TLS, bytes), summarizer);
            }

            /** How the packet list shows {@code record}: named by the session's version once the ServerHello chose one, else by its own. */
            private StreamMessage.Summarizer summarizer(byte[] record, boolean encrypted) {
                int shownVersion = version != 0 ? version : Bytes.u16(record, 1);
                return bytes -> summary(bytes, shownVersion, encrypted);
            }

            private void noteServerHello(boolean fromClient, byte[] record) {
                if (!fromClient && isServerHello(record)) {
                    version = chosenVersion(record);
                }
            }

            @Override
            protected void recordLost(boolean fromClient) {
                (fromClient ? clientHandshakes : serverHandshakes).reset();
            }

            @Override
            public long overflowedBytes() {
                return super.overflowedBytes() + clientHandshakes.overflowed() + serverHandshakes.overflowed();
            }
        };
    }

    /**
     * The layers of a handshake record that takes part in reassembly, as Wireshark shows it:
     * the record's own header; a fragment line for the end of a message begun in earlier
     * records; the messages it completes, whole; a fragment line for a message it begins.
     * The messages are decoded as one record of their own, whose length line then gets the
     * record's real length back; a record that completes none, as one of a byte that its
     * handshake line is then dropped for (the decoder takes no empty record for TLS).
     */
    private static List<DetailNode> reassembledLayers(TlsHandshakes.Reassembled reassembled) {
        byte[] messages = Arrays.copyOf(reassembled.record(), Math.max(reassembled.record().length, 6));
        int length = Math.min(messages.length - 5, TlsHandshakes.MAX_HELD);
        messages[3] = (byte) (length >> 8);
        messages[4] = (byte) length;
        int realLength = Bytes.u16(reassembled.record(), 3);
        List<DetailNode> layers = MessageLayers.describe(Protocol.TLS, messages);
        return layers.stream().map(layer -> new DetailNode(layer.name(), layer.label(), layer.value(), layer.offset(), layer.length(), layer.hidden(),
                layer.children().stream().map(node -> node.name().equals(ApplicationFields.TLS_RECORD.name())
                        ? reassembledRecord(node, reassembled, realLength) : node).toList())).toList();
    }

    private static DetailNode reassembledRecord(DetailNode record, TlsHandshakes.Reassembled reassembled, int realLength) {
        List<DetailNode> header = new ArrayList<>();
        List<DetailNode> messages = new ArrayList<>();
        for (DetailNode child : record.children()) {
            if (child.name().equals(ApplicationFields.TLS_RECORD_LENGTH.name())) {
                header.add(new DetailNode(child.name(), "Length: " + realLength, String.valueOf(realLength), child.offset(), child.length(), child.hidden(), List.of()));
            } else if (!child.name().equals(ApplicationFields.TLS_HANDSHAKE.name())) {
                header.add(child);
            } else if (reassembled.messagesLength() > 0) {
                messages.add(child); // else the line the decoder gives a record without messages, replaced by the fragment's
            }
        }
        List<DetailNode> children = new ArrayList<>(header);
        if (reassembled.continuedType() >= 0) {
            children.add(fragmentLine(typeName(reassembled.continuedType()) + (reassembled.continuedEnds() ? " (last fragment)" : " (fragment)")));
        }
        children.addAll(messages);
        if (reassembled.startedType() >= 0) {
            children.add(fragmentLine(typeName(reassembled.startedType()) + " (fragment)"));
        }
        // Named, as Wireshark names it, by the first message it ends, else the one it carries part of.
        String shown = reassembled.messagesLength() > 0 ? typeName(reassembled.record()[5] & 0xff)
                : reassembled.continuedType() >= 0 ? typeName(reassembled.continuedType()) + (reassembled.continuedEnds() ? "" : " (fragment)")
                : typeName(reassembled.startedType()) + " (fragment)";
        int protocol = record.label().indexOf("Handshake Protocol");
        String label = (protocol < 0 ? record.label() + ": " : record.label().substring(0, protocol)) + "Handshake Protocol: " + shown;
        return new DetailNode(record.name(), label, record.value(), record.offset(), record.length(), record.hidden(), children);
    }

    private static DetailNode fragmentLine(String what) {
        return new DetailNode(ApplicationFields.TLS_HANDSHAKE.name(), "Handshake Protocol: " + what, null, 5, 0, false, List.of());
    }

    private static String typeName(int type) {
        String name = ApplicationFields.TLS_HANDSHAKE_TYPE.valueName(type);
        return name == null ? "Unknown (" + type + ")" : name;
    }

    private static boolean isServerHello(byte[] record) {
        return record.length > 9 && (record[0] & 0xff) == HANDSHAKE && (record[5] & 0xff) == SERVER_HELLO;
    }

    /**
     * The version a ServerHello chooses: its supported_versions extension's (RFC 8446 §4.2.1),
     * else its legacy version field.
     */
    private static int chosenVersion(byte[] record) {
        int p = 9 + 2 + 32;                                   // record and handshake headers, version, random
        if (p >= record.length) {
            return 0;
        }
        int legacy = Bytes.u16(record, 9);
        p += 1 + (record[p] & 0xff) + 2 + 1;                  // session id, cipher suite, compression
        if (p + 2 > record.length) {
            return legacy;
        }
        int end = Math.min(record.length, p + 2 + Bytes.u16(record, p));
        for (p += 2; p + 4 <= end; p += 4 + Bytes.u16(record, p + 2)) {
            if (Bytes.u16(record, p) == SUPPORTED_VERSIONS && Bytes.u16(record, p + 2) == 2 && p + 6 <= end) {
                return Bytes.u16(record, p + 4);
            }
        }
        return legacy;
    }

    private static boolean isTls13(int version) {
        return version == TLS_1_3 || (version & 0xff00) == TLS_1_3_DRAFTS;
    }

    /**
     * A record as the packet list shows it: the protocol column names the session's version
     * (the record's own before the ServerHello), the info column what the record holds, each
     * handshake message of a record in the clear by its name.
     */
    static StreamMessage.Summary summary(byte[] record, int version, boolean encrypted) {
        String column = switch (version) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            default -> isTls13(version) ? "TLSv1.3" : "TLS";
        };
        String info = switch (record[0] & 0xff) {
            case CHANGE_CIPHER_SPEC -> "Change Cipher Spec";
            // An alert in the clear is two bytes (RFC 8446 §6); a longer one has been encrypted.
            case ALERT -> encrypted || Bytes.u16(record, 3) != 2 ? "Encrypted Alert" : "Alert";
            case HANDSHAKE -> encrypted ? "Encrypted Handshake Message" : handshakeNames(record);
            case APPLICATION_DATA -> "Application Data";
            default -> "Heartbeat";
        };
        return new StreamMessage.Summary(column, info, "");
    }

    /** The names of the handshake messages of a record, joined by commas (RFC 8446 §4). */
    private static String handshakeNames(byte[] record) {
        StringBuilder names = new StringBuilder();
        for (int p = 5; p + 4 <= record.length; p += 4 + ((record[p + 1] & 0xff) << 16 | Bytes.u16(record, p + 2))) {
            names.append(names.isEmpty() ? "" : ", ").append(switch (record[p] & 0xff) {
                case 0 -> "Hello Request";
                case 1 -> "Client Hello";
                case 2 -> "Server Hello";
                case 4 -> "New Session Ticket";
                case 8 -> "Encrypted Extensions";
                case 11 -> "Certificate";
                case 12 -> "Server Key Exchange";
                case 13 -> "Certificate Request";
                case 14 -> "Server Hello Done";
                case 15 -> "Certificate Verify";
                case 16 -> "Client Key Exchange";
                case 20 -> "Finished";
                case 22 -> "Certificate Status";
                default -> "Encrypted Handshake Message";
            });
        }
        return names.isEmpty() ? "Handshake" : names.toString();
    }

    /** The layers of a TLS 1.3 encrypted record, whose type Wireshark shows as its opaque type. */
    private static List<DetailNode> opaque(List<DetailNode> layers) {
        return layers.stream().map(TlsProtocol::opaqueNode).toList();
    }

    private static DetailNode opaqueNode(DetailNode node) {
        boolean type = node.name().equals(ApplicationFields.TLS_RECORD_CONTENT_TYPE.name());
        return new DetailNode(type ? ApplicationFields.TLS_RECORD_OPAQUE_TYPE.name() : node.name(),
                type ? node.label().replaceFirst("^Content Type", ApplicationFields.TLS_RECORD_OPAQUE_TYPE.label()) : node.label(),
                node.value(), node.offset(), node.length(), node.hidden(), node.children().stream().map(TlsProtocol::opaqueNode).toList());
    }
}
