package dev.tapdeck.generate;

import java.time.Duration;

/**
 * What one run of the generator wrote.
 *
 * @param packets      packets written, always the number asked for
 * @param bytes        sum of the frame lengths
 * @param flowsStarted flows that sent at least one packet
 * @param span         time from the first packet to the last
 */
public record TrafficSummary(long packets, long bytes, long flowsStarted, Duration span) {}
