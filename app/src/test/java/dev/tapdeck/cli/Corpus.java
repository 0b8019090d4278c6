package dev.tapdeck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The reference captures beside the repository ({@code ../shared/corpus}), for tests only. */
final class Corpus {
    private Corpus() {
    }

    static Path directory() {
        String shared = System.getProperty("tapdeck.shared", "../../shared");
        Path corpus = Path.of(shared, "corpus").toAbsolutePath().normalize();
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("reference corpus not found at " + corpus
                    + ": check out the shared folder beside the repository or set -Dtapdeck.shared");
        }
        return corpus;
    }

    /** Every capture that has a {@code .expected.jsonl} beside it, by name. */
    static List<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".expected.jsonl"))
                    .map(p -> p.resolveSibling(p.getFileName().toString().replace(".expected.jsonl", "")))
                    .sorted()
                    .toList();
        }
    }
}
