package dev.tapdeck.generate;

import java.util.zip.CRC32;

/**
 * The bytes a server sends back for one request, read out segment by segment: a head
 * prepared up front (an HTTP status line and headers, or a TLS ServerHello flight), then a
 * body of opaque bytes in one of three framings, whose small headers fall wherever the
 * segmentation puts them:
 * <ul>
 *   <li>plain: the bytes as they are (an image, a download);</li>
 *   <li>gzip: a valid gzip member (RFC 1952) of stored deflate blocks (RFC 1951 §3.2.4), the
 *       form a compressor emits for incompressible data, with the CRC-32 of what it carries;</li>
 *   <li>TLS records: application_data records of at most 2^14 plaintext bytes each
 *       (RFC 8446 §5.1), each grown by the cipher's overhead.</li>
 * </ul>
 */
final class ResponseStream {
    private enum Framing { PLAIN, GZIP, TLS_RECORDS }

    private static final int HEAD_CAPACITY = 2048;
    /** ID1 ID2, CM = deflate, no flags, MTIME 0 (unknown), XFL 0, OS 3 (Unix). */
    private static final byte[] GZIP_HEADER = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3};
    private static final int GZIP_TRAILER = 8;
    private static final int STORED_BLOCK_HEADER = 5;
    private static final int STORED_BLOCK_MAX = 65_535;

    private final byte[] head = new byte[HEAD_CAPACITY];
    private final OpaqueBytes opaque;
    private final CRC32 crc = new CRC32();
    private Framing framing;
    private int headLength;
    /** Bytes the body carries before framing. */
    private long content;
    /** Content bytes in each full chunk (deflate block or TLS record) and the chunk's own header. */
    private int chunkContent;
    private int chunkHeader;
    private int recordOverhead;
    private long length;
    private long position;
    private long opaqueStart;

    ResponseStream(OpaqueBytes opaque) {
        this.opaque = opaque;
    }

    /** The buffer to write a new head into, from offset 0, before one of the framing methods. */
    byte[] head() {
        return head;
    }

    /** A head of {@code headLength} bytes followed by {@code bodyLength} opaque bytes. */
    void plain(int headLength, long bodyLength, long opaqueStart) {
        start(Framing.PLAIN, headLength, bodyLength, opaqueStart);
        length = headLength + bodyLength;
    }

    /** A head followed by a gzip member carrying {@code content} opaque bytes. */
    void gzip(int headLength, long content, long opaqueStart) {
        start(Framing.GZIP, headLength, content, opaqueStart);
        chunkContent = STORED_BLOCK_MAX;
        chunkHeader = STORED_BLOCK_HEADER;
        crc.reset();
        length = headLength + gzipLength(content);
    }

    /**
     * A head followed by application_data records carrying {@code plaintext} bytes, each
     * record grown by {@code overhead} bytes of AEAD expansion.
     */
    void records(int headLength, long plaintext, int overhead, long opaqueStart) {
        start(Framing.TLS_RECORDS, headLength, plaintext, opaqueStart);
        chunkContent = TlsMessages.MAX_PLAINTEXT;
        chunkHeader = TlsMessages.RECORD_HEADER;
        recordOverhead = overhead;
        long full = plaintext / chunkContent;
        int last = (int) (plaintext % chunkContent);
        length = headLength + full * (chunkHeader + chunkContent + overhead)
                + (last > 0 ? chunkHeader + last + overhead : 0);
    }

    /** Size of a gzip member of stored blocks holding {@code content} bytes; at least one block. */
    static long gzipLength(long content) {
        long blocks = Math.max(1, (content + STORED_BLOCK_MAX - 1) / STORED_BLOCK_MAX);
        return GZIP_HEADER.length + blocks * STORED_BLOCK_HEADER + content + GZIP_TRAILER;
    }

    long remaining() {
        return length - position;
    }

    /** Copies the next at most {@code max} bytes into {@code into}. @return how many */
    int read(byte[] into, int offset, int max) {
        int count = (int) Math.min(max, remaining());
        int o = offset;
        int end = offset + count;
        while (o < end) {
            int n;
            if (position < headLength) {
                n = (int) Math.min(end - o, headLength - position);
                System.arraycopy(head, (int) position, into, o, n);
            } else {
                n = switch (framing) {
                    case PLAIN -> copyContent(into, o, end - o, position - headLength);
                    case GZIP -> readGzip(into, o, end - o, position - headLength);
                    case TLS_RECORDS -> readRecords(into, o, end - o, position - headLength);
                };
            }
            o += n;
            position += n;
        }
        return count;
    }

    private int readGzip(byte[] into, int o, int max, long inBody) {
        if (inBody < GZIP_HEADER.length) {
            into[o] = GZIP_HEADER[(int) inBody];
            return 1;
        }
        long inBlocks = inBody - GZIP_HEADER.length;
        long blocksLength = gzipLength(content) - GZIP_HEADER.length - GZIP_TRAILER;
        if (inBlocks >= blocksLength) {
            // Trailer: CRC-32 and the content length modulo 2^32, both little-endian.
            int i = (int) (inBlocks - blocksLength);
            long value = i < 4 ? crc.getValue() : content;
            into[o] = (byte) (value >>> (8 * (i % 4)));
            return 1;
        }
        long block = inBlocks / (STORED_BLOCK_HEADER + STORED_BLOCK_MAX);
        int inBlock = (int) (inBlocks % (STORED_BLOCK_HEADER + STORED_BLOCK_MAX));
        long before = block * STORED_BLOCK_MAX;
        int blockContent = (int) Math.min(STORED_BLOCK_MAX, content - before);
        if (inBlock < STORED_BLOCK_HEADER) {
            // BFINAL and BTYPE 00 in the first byte (the rest of it is padding), then LEN and NLEN.
            into[o] = switch (inBlock) {
                case 0 -> (byte) (before + blockContent == content ? 1 : 0);
                case 1 -> (byte) blockContent;
                case 2 -> (byte) (blockContent >>> 8);
                case 3 -> (byte) ~blockContent;
                default -> (byte) (~blockContent >>> 8);
            };
            return 1;
        }
        int n = Math.min(max, STORED_BLOCK_HEADER + blockContent - inBlock);
        copyContent(into, o, n, before + inBlock - STORED_BLOCK_HEADER);
        crc.update(into, o, n);
        return n;
    }

    private int readRecords(byte[] into, int o, int max, long inBody) {
        long fullRecord = chunkHeader + chunkContent + recordOverhead;
        long record = inBody / fullRecord;
        int inRecord = (int) (inBody % fullRecord);
        long before = record * chunkContent;
        int recordLength = (int) Math.min(chunkContent, content - before) + recordOverhead;
        if (inRecord < chunkHeader) {
            into[o] = TlsMessages.recordHeaderByte(TlsMessages.APPLICATION_DATA, recordLength, inRecord);
            return 1;
        }
        int n = Math.min(max, chunkHeader + recordLength - inRecord);
        // Ciphertext is opaque, so the stream position picks the bytes; no content to track.
        opaque.copy(opaqueStart + position, into, o, n);
        return n;
    }

    private int copyContent(byte[] into, int o, int n, long contentPosition) {
        opaque.copy(opaqueStart + contentPosition, into, o, n);
        return n;
    }

    private void start(Framing framing, int headLength, long content, long opaqueStart) {
        this.framing = framing;
        this.headLength = headLength;
        this.content = content;
        this.opaqueStart = opaqueStart;
        this.position = 0;
    }
}
