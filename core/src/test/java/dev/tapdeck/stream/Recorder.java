package dev.tapdeck.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A listener that writes down what it was given, one line per call, for the tests to compare. */
final class Recorder implements StreamListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
        calls.add(name(tcp, stream, fromClient) + " data@" + frame + " " + new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void gap(boolean tcp, int stream, boolean fromClient, long frame, long length) {
        calls.add(name(tcp, stream, fromClient) + " gap@" + frame + " " + length);
    }

    @Override
    public void end(boolean tcp, int stream, boolean fromClient, long frame) {
        calls.add(name(tcp, stream, fromClient) + " end@" + frame);
    }

    private static String name(boolean tcp, int stream, boolean fromClient) {
        return (tcp ? "tcp" : "udp") + stream + (fromClient ? ">" : "<");
    }
}
