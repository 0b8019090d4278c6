package dev.tapdeck.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.concurrent.TimeUnit;

/**
 * The command of {@code tapdeck capture -- COMMAND}: started with Tapdeck's terminal, as the
 * user who ran sudo when Tapdeck runs as root through sudo, and ended with the capture.
 *
 * <p>It is held at a gate until Tapdeck watches its pid: a shell that waits for a line on a
 * named pipe, then replaces itself with the command (same pid). A program that connects and
 * exits within a few milliseconds (curl to a local server) would otherwise be done before its
 * pid could be watched.
 */
final class ChildCommand {
    /** The status when the command cannot be started, as a shell gives for a command not found. */
    static final int CANNOT_START = 127;

    private ChildCommand() {
    }

    /**
     * Starts the command. Under sudo as root (SUDO_UID and SUDO_GID set), it runs through
     * util-linux's {@code setpriv} as that user and group with that user's groups, so the
     * program does not run as root just because capturing needs it; its environment is
     * sudo's otherwise (USER and LOGNAME are set to the user's name).
     */
    static Process start(List<String> command, IntConsumer beforeItRuns) throws IOException {
        Path folder = Files.createTempDirectory("tapdeck-command");
        try {
            Path gate = folder.resolve("gate");
            makeFifo(gate);
            List<String> line = new ArrayList<>(List.of("sh", "-c", "read -r go < \"$0\" && exec \"$@\"", gate.toString()));
            line.addAll(asInvokingUser(command));
            ProcessBuilder builder = new ProcessBuilder(line).inheritIO();
            String user = builder.environment().get("SUDO_USER");
            if (line.contains("setpriv") && user != null) {
                builder.environment().put("USER", user);
                builder.environment().put("LOGNAME", user);
            }
            Process child = builder.start();
            beforeItRuns.accept(Math.toIntExact(child.pid()));
            try (OutputStream open = Files.newOutputStream(gate)) { // blocks until the shell reads
                open.write('\n');
            }
            return child;
        } finally {
            Files.deleteIfExists(folder.resolve("gate"));
            Files.deleteIfExists(folder);
        }
    }

    private static void makeFifo(Path path) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
            String said = new String(mkfifo.getInputStream().readAllBytes());
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " failed: " + said.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + path, e);
        }
    }

    /** The command, run through setpriv as the user who ran sudo when that is how Tapdeck runs as root. */
    private static List<String> asInvokingUser(List<String> command) {
        List<String> line = new ArrayList<>();
        String uid = System.getenv("SUDO_UID"), gid = System.getenv("SUDO_GID");
        if (uid != null && gid != null && !"0".equals(uid) && runsAsRoot()) {
            line.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
        }
        line.addAll(command);
        return line;
    }

    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The command's exit status (128 + N when signal N ended it), ending it first if it still runs (SIGTERM, then SIGKILL after
     * {@code wait}).
     */
    static int end(Process child, Duration wait) throws InterruptedException {
        if (child.isAlive()) {
            child.destroy();
            if (!child.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
            }
        }
        return child.waitFor(); // 128 + N when signal N ended it: Java reports it as a shell does
    }
}
