package dev.tapdeck.serve;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test that starts a {@link RunningServer} and has it stopped after each test, whatever happened. */
abstract class ServerTestBase {
    @TempDir
    Path folder;
    RunningServer running;

    @AfterEach
    void stopServer() {
        if (running != null) {
            running.close();
        }
    }
}
