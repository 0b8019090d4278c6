package dev.tapdeck.capture.process;

import java.time.Duration;

/** The end of a polling thread of this package: interrupted, then waited for a while. */
final class BackgroundThread {
    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);

    private BackgroundThread() {
    }

    /** Interrupts {@code running}, if any, and waits up to 5 s for it to end. */
    static void stop(Thread running) {
        if (running != null) {
            running.interrupt();
            try {
                running.join(JOIN_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
