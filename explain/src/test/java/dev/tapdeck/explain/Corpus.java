package dev.tapdeck.explain;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference captures beside the repository (system property {@code tapdeck.shared}). */
final class Corpus {
    private Corpus() {
    }

    static Path capture(String name) {
        Path file = Path.of(System.getProperty("tapdeck.shared", "../../shared"), "corpus", name);
        assertThat(file).as("the capture corpus (system property tapdeck.shared names the folder that holds corpus/)").isRegularFile();
        return file;
    }
}
