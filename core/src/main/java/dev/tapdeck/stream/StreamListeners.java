package dev.tapdeck.stream;

import java.util.Arrays;

/** Every listener a tracker delivers to, called in the order they were added. */
final class StreamListeners implements StreamListener {
    private StreamListener[] listeners = new StreamListener[0];

    void add(StreamListener listener) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    boolean isEmpty() {
        return listeners.length == 0;
    }

    @Override
    public void begin(boolean tcp, int stream, long frame, boolean ipv6, long clientHigh, long clientLow, int clientPort,
                      long serverHigh, long serverLow, int serverPort) {
        for (StreamListener listener : listeners) {
            listener.begin(tcp, stream, frame, ipv6, clientHigh, clientLow, clientPort, serverHigh, serverLow, serverPort);
        }
    }

    @Override
    public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
        for (StreamListener listener : listeners) {
            listener.data(tcp, stream, fromClient, frame, timeNanos, bytes, offset, length);
        }
    }

    @Override
    public void gap(boolean tcp, int stream, boolean fromClient, long frame, long length) {
        for (StreamListener listener : listeners) {
            listener.gap(tcp, stream, fromClient, frame, length);
        }
    }

    @Override
    public void end(boolean tcp, int stream, boolean fromClient, long frame) {
        for (StreamListener listener : listeners) {
            listener.end(tcp, stream, fromClient, frame);
        }
    }
}
