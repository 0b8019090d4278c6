package dev.tapdeck.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code tapdeck} in a child JVM: to run it as another user (setpriv), with other
 * system properties, or to signal and kill it. The child's class path is a world-readable
 * copy of this test's, so an unprivileged user can load it.
 */
final class ChildRun {
    private static String readableClassPath;

    private ChildRun() {}

    /** The uid and gid of nobody on Debian and most Linux distributions. */
    static final String NOBODY = "65534";

    /** The command line that starts tapdeck with {@code jvmOptions}, as the numeric {@code user} when not null. */
    static List<String> command(String user, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), Tapdeck.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs to the end (at most a minute) and keeps the output. */
    static CommandRun run(String user, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(user, jvmOptions, args)).redirectErrorStream(false).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tapdeck " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new CommandRun(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static synchronized String classPath() {
        if (readableClassPath == null) {
            try {
                Path folder = Files.createTempDirectory("tapdeck-child-classpath");
                List<String> entries = new ArrayList<>();
                int n = 0;
                for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    Path source = Path.of(entry);
                    if (!Files.exists(source)) {
                        continue;
                    }
                    Path copy = folder.resolve((n++) + "-" + source.getFileName());
                    copyTree(source, copy);
                    entries.add(copy.toString());
                }
                makeReadable(folder);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
                readableClassPath = String.join(java.io.File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return readableClassPath;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
