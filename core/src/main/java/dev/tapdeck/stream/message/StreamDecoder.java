package dev.tapdeck.stream.message;

/**
 * Decodes one TCP stream of one {@link StreamProtocol} into messages: given each direction's
 * bytes in order as they arrive, it keeps what an incomplete message needs (in a
 * {@link MessageBuffer}, bounded) and hands each message it completes to {@link Messages}.
 * One instance per stream, called on the tracking thread; the bytes are valid only during
 * the call. Bytes that carry no message state (a body being skipped) should cost nothing.
 */
public interface StreamDecoder {
    /** The next {@code length} bytes one side sent, carried or completed by packet {@code frame} at {@code timeNanos}. */
    void data(boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length, Messages out);

    /**
     * {@code length} bytes of one side were never captured: the message they were in is lost.
     * Told with the packet after the hole, before its data, which then starts a new message
     * wherever the decoder can no longer tell where one begins (tshark starts a new PDU at the
     * first segment after a lost one); bytes that come late to fill the hole are not delivered.
     */
    default void gap(boolean fromClient, long frame, long length, Messages out) {
    }

    /** One side ended (FIN, RST, or the tracker gave it up): a message that ends with the stream completes. */
    default void end(boolean fromClient, long frame, long timeNanos, Messages out) {
    }

    /** True when one side's bytes so far end inside a message: a start line, header or record that has not all come. */
    boolean inMessage(boolean fromClient);

    /**
     * What the packet list shows on every segment of the message one side is inside, as a
     * dissector that reads the message again from its start with each new segment shows it
     * (Wireshark's HTTP, while a header or a chunked body has not ended); null for nothing.
     */
    default String partialInfo(boolean fromClient) {
        return null;
    }

    /** Bytes of incomplete messages that did not fit the decoder's buffers and were given up on. */
    long overflowedBytes();
}
