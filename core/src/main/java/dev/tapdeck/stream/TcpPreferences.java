package dev.tapdeck.stream;

/**
 * Wireshark's TCP preferences that change what the stream engine works out, as
 * {@code -o NAME:VALUE} sets them: {@code tcp.analyze_sequence_numbers} (sequence analysis,
 * {@code tcp.analysis.*}; Wireshark's default on), {@code tcp.calculate_timestamps}
 * ({@code tcp.time_relative}, {@code tcp.time_delta}; default off) and
 * {@code tcp.desegment_tcp_streams} (application messages over reassembled segments; off in
 * Tapdeck by default, as in the reference decodes it is checked against).
 */
public record TcpPreferences(boolean analyzeSequenceNumbers, boolean calculateTimestamps, boolean desegmentStreams) {
    public static final TcpPreferences DEFAULTS = new TcpPreferences(true, false, false);

    /** A tracker that works out what these preferences ask for. */
    public StreamTracker tracker() {
        return new StreamTracker(StreamSettings.DEFAULTS,
                new TcpAnalysis(analyzeSequenceNumbers, calculateTimestamps, TcpAnalysis.DEFAULT_MAX_SEGMENTS));
    }
}
