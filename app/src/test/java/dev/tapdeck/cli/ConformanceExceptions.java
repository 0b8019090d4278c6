package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checked-in list of known differences from tshark, each with its reason. One rule a
 * line: {@code FILE-GLOB FRAMES FIELD CHAIN-HAS REASON...}, where FRAMES is {@code *} or a
 * comma list of numbers and ranges, and CHAIN-HAS is a protocol that tshark's
 * {@code frame.protocols} must contain for the rule to apply ({@code -} for any).
 */
final class ConformanceExceptions {
    static final String RESOURCE = "conformance-exceptions.txt";

    record Rule(int line, PathMatcher file, String filePattern, String frames, String field, String chainHas, String reason) {
        boolean matches(String fileName, int frame, String key, JsonNode expected) {
            if (!file.matches(Path.of(fileName)) || !(field.equals("*") || field.equals(key))) {
                return false;
            }
            if (!chainHas.equals("-")) {
                JsonNode chain = expected.get("frame.protocols");
                if (chain == null || !Arrays.asList(chain.asText().split(":")).contains(chainHas)) {
                    return false;
                }
            }
            return frames.equals("*") || inFrames(frame);
        }

        private boolean inFrames(int frame) {
            return KnownDifferences.inFrameList(frames, frame);
        }

        @Override
        public String toString() {
            return RESOURCE + ":" + line + " " + filePattern + " " + frames + " " + field + " " + chainHas + " (" + reason + ")";
        }
    }

    private ConformanceExceptions() {
    }

    static List<Rule> load() throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = ConformanceExceptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                String line = text.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 5);
                if (parts.length < 5) {
                    throw new IOException(RESOURCE + ":" + number + ": expected FILE FRAMES FIELD CHAIN-HAS REASON, got: " + line);
                }
                rules.add(new Rule(number, FileSystems.getDefault().getPathMatcher("glob:" + parts[0]), parts[0],
                        parts[1], parts[2], parts[3], parts[4]));
            }
        }
        return rules;
    }

    static Rule match(List<Rule> rules, String file, int frame, String key, JsonNode expected) {
        for (Rule rule : rules) {
            if (rule.matches(file, frame, key, expected)) {
                return rule;
            }
        }
        return null;
    }
}
