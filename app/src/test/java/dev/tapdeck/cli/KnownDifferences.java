package dev.tapdeck.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checked-in differences from tshark that a conformance test allows, each with its reason:
 * one rule a line, tab-separated, {@code CAPTURE-GLOB SUBJECT [FRAMES] REASON}, where SUBJECT
 * is a display filter, or field names separated by commas ({@code *} for any field), and
 * FRAMES, where the file has them, {@code *} or a comma list of frame numbers and ranges. A test asks {@link #find} for
 * each difference and fails at the end on every rule that matched none: a rule that no longer
 * differs must go, so the list stays short and true.
 */
final class KnownDifferences {
    /** What a file's rules are about. */
    enum Kind {
        /** {@code CAPTURE-GLOB FILTER REASON}. */
        FILTERS,
        /** {@code CAPTURE-GLOB FIELD[,FIELD...] FRAMES REASON}. */
        FIELDS
    }

    record Rule(int line, String resource, PathMatcher capture, String capturePattern, String subject, List<String> subjects,
                String frames, String reason) {
        boolean matches(String captureName, String what, int frame) {
            return capture.matches(Path.of(captureName)) && (subject.equals("*") || subjects.contains(what))
                    && (frames.equals("*") || inFrames(frame));
        }

        private boolean inFrames(int frame) {
            return inFrameList(frames, frame);
        }

        @Override
        public String toString() {
            return resource + ":" + line + " " + capturePattern + " | " + subject + (frames.equals("*") ? "" : " | " + frames) + " (" + reason + ")";
        }
    }

    /** True when {@code frame} is in {@code frames}, a comma list of numbers and ranges ({@code 3,7-9}). */
    static boolean inFrameList(String frames, int frame) {
        for (String part : frames.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (frame >= from && frame <= to) {
                return true;
            }
        }
        return false;
    }

    private final String resource;
    private final List<Rule> rules;
    private final Set<Rule> used = new LinkedHashSet<>();

    private KnownDifferences(String resource, List<Rule> rules) {
        this.resource = resource;
        this.rules = rules;
    }

    /** Reads {@code resource} beside this class. */
    static KnownDifferences load(String resource, Kind kind) throws IOException {
        List<Rule> rules = new ArrayList<>();
        boolean fields = kind == Kind.FIELDS;
        int columns = fields ? 4 : 3;
        try (InputStream in = KnownDifferences.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\t+", columns);
                if (parts.length < columns) {
                    throw new IOException(resource + ":" + number + ": expected " + columns + " tab-separated columns, got: " + text);
                }
                String subject = parts[1].strip();
                rules.add(new Rule(number, resource, FileSystems.getDefault().getPathMatcher("glob:" + parts[0].strip()), parts[0].strip(),
                        subject, fields ? List.of(subject.split(",")) : List.of(subject), fields ? parts[2].strip() : "*",
                        parts[columns - 1].strip()));
            }
        }
        return new KnownDifferences(resource, rules);
    }

    /** The rule that allows this difference, marked as used; null when none does. {@code frame} is ignored by rules without frames. */
    synchronized Rule find(String captureName, String subject, int frame) {
        for (Rule rule : rules) {
            if (rule.matches(captureName, subject, frame)) {
                used.add(rule);
                return rule;
            }
        }
        return null;
    }

    /** Rules that matched no difference: stale, to be removed. */
    synchronized List<Rule> unused() {
        return rules.stream().filter(r -> !used.contains(r)).toList();
    }

    String resource() {
        return resource;
    }
}
