package dev.tapdeck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conformance test's cell-by-cell comparison with tshark: per field, the cells compared,
 * equal and excused by a rule of its {@link KnownDifferences}; the captures compared, so that
 * only a whole run judges which rules are stale. Shared by the parallel runs of one test class.
 */
final class CellAgreement {
    private final KnownDifferences exceptions;
    /** Per field: cells compared, cells equal, cells excused. */
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private int capturesCompared;

    CellAgreement(KnownDifferences exceptions) {
        this.exceptions = exceptions;
    }

    /** Counts one cell; a difference no rule excuses is added to {@code differences}. */
    void compare(String capture, int frame, String field, String want, String got, List<String> differences) {
        int[] cell;
        synchronized (counts) {
            cell = counts.computeIfAbsent(field, f -> new int[3]);
        }
        synchronized (cell) {
            cell[0]++;
            if (want.equals(got)) {
                cell[1]++;
            } else if (exceptions.find(capture, field, frame) != null) {
                cell[2]++;
            } else {
                differences.add("frame " + frame + " " + field + ": tshark \"" + want + "\", tapdeck \"" + got + "\"");
            }
        }
    }

    /** One capture is compared: fails on its differences without a reason. */
    void finishCapture(String capture, List<String> differences) {
        synchronized (this) {
            capturesCompared++;
        }
        assertThat(differences).as("differences from tshark in %s without a reason in %s", capture, exceptions.resource()).isEmpty();
    }

    /** Prints the agreement per field under {@code title}; after all {@code captures}, fails on the rules that matched nothing. */
    void reportAndCheckStale(String title, int captures) {
        StringBuilder report = new StringBuilder(title + ", per field (cells equal + excused / compared):\n");
        counts.forEach((field, cell) -> report.append(String.format("  %-40s %7d + %-5d / %-7d%n", field, cell[1], cell[2], cell[0])));
        System.out.print(report);
        if (capturesCompared < captures) {
            return; // a partial run cannot tell which exceptions are stale
        }
        assertThat(exceptions.unused()).as("exceptions that match no difference any more: remove them from %s", exceptions.resource())
                .isEmpty();
    }
}
