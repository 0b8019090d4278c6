package dev.tapdeck.stream.message;

import dev.tapdeck.stream.StreamMessage;

/** Where a {@link StreamDecoder} puts each message it completes. */
@FunctionalInterface
public interface Messages {
    void add(StreamMessage message);
}
