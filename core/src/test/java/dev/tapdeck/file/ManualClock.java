package dev.tapdeck.file;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A wall clock that stands still until the test moves it. */
final class ManualClock extends Clock {
    private final ZoneId zone;
    private long millis;

    ManualClock(Instant start, ZoneId zone) {
        this.millis = start.toEpochMilli();
        this.zone = zone;
    }

    void advance(Duration duration) {
        millis += duration.toMillis();
    }

    void set(Instant instant) {
        millis = instant.toEpochMilli();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return new ManualClock(instant(), otherZone);
    }
}
