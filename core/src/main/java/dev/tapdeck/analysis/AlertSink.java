package dev.tapdeck.analysis;

/**
 * Receives each alert as a detector raises it, on the thread that feeds the {@link Analyzer}
 * (the packet pipeline): it should hand the alert on and return, not block.
 */
@FunctionalInterface
public interface AlertSink {
    void alert(Alert alert);
}
