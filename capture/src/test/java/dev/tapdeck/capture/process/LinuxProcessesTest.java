package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners found through a /proc tree laid out as Linux lays it out (stat, comm, cmdline, cgroup
 * and fd links named socket:[INODE]), so that exits and pid reuse happen when the test says.
 */
class LinuxProcessesTest {
    private static final String CONTAINER = "a".repeat(64);

    @TempDir
    Path proc;
    private LinuxProcesses processes;
    private String user;

    @BeforeEach
    void passwd() throws IOException {
        Path passwd = proc.resolveSibling(proc.getFileName() + "-passwd");
        int uid = (Integer) Files.getAttribute(proc, "unix:uid");
        Files.writeString(passwd, "# a comment\nroot:x:0:0:root:/root:/bin/bash\nbroken:x:notanumber:0::/:/bin/sh\n"
                + "tester:x:" + uid + ":" + uid + "::/home/tester:/bin/sh\n");
        user = uid == 0 ? "root" : "tester";
        processes = new LinuxProcesses(proc, new UserNames(passwd));
    }

    @Test
    void describesTheProcessWhoseDescriptorLinksToTheSocket() throws IOException {
        process(4321, "curl", 9_000, "0::/system.slice/docker-" + CONTAINER + ".scope\n", List.of("curl", "-s", "http://127.0.0.1:8000/"), 5001);
        process(4000, "python3", 8_000, "0::/user.slice/user-0.slice/session-1.scope\n", List.of("python3", "-m", "http.server"), 5002, 5003);

        Map<Long, ProcessInfo> owners = processes.ownersOf(List.of(socket(5001), socket(5002), socket(5003), socket(0)));

        assertThat(owners).containsOnlyKeys(5001L, 5002L, 5003L);
        assertThat(owners.get(5001L)).isEqualTo(new ProcessInfo(4321, "curl", "curl -s http://127.0.0.1:8000/", user, CONTAINER));
        assertThat(owners.get(5002L)).isEqualTo(new ProcessInfo(4000, "python3", "python3 -m http.server", user, null));
        assertThat(owners.get(5003L)).isSameAs(owners.get(5002L));
    }

    @Test
    void walksDescriptorsOnlyForNewSocketsNewestProcessFirst() throws IOException {
        process(100, "old", 1_000, "", List.of("old"), 7001);
        process(200, "newer", 2_000, "", List.of("newer"), 7002);

        assertThat(processes.ownersOf(List.of(socket(7002)))).containsOnlyKeys(7002L);
        assertThat(processes.processesWalked()).as("pid 200 first, then stop").isEqualTo(1);

        assertThat(processes.ownersOf(List.of(socket(7002)))).containsOnlyKeys(7002L);
        assertThat(processes.processesWalked()).as("nothing new, nothing walked").isEqualTo(1);

        assertThat(processes.ownersOf(List.of(socket(7001), socket(7002)))).containsOnlyKeys(7001L, 7002L);
        assertThat(processes.processesWalked()).isEqualTo(3);
    }

    @Test
    void aProcessStartedSinceTheLastWalkIsWalkedFirstWhateverItsPid() throws IOException {
        process(30_000, "busy", 1_000, "", List.of("busy"), 7101);
        process(20_000, "idle", 1_000, "", List.of("idle"));
        assertThat(processes.ownersOf(List.of(socket(7101)))).containsOnlyKeys(7101L);
        long walked = processes.processesWalked();

        // Pids wrapped around: the new program has the lowest pid of all.
        process(42, "curl", 90_000, "", List.of("curl"), 7102);
        assertThat(processes.ownersOf(List.of(socket(7101), socket(7102)))).containsOnlyKeys(7101L, 7102L);
        assertThat(processes.processesWalked() - walked).isEqualTo(1);
    }

    @Test
    void aProgramThatHoldsSocketsIsWalkedBeforeTheOthers() throws IOException {
        process(100, "server", 1_000, "", List.of("server"), 7201);
        for (int pid = 200; pid < 210; pid++) {
            process(pid, "idle" + pid, 1_000, "", List.of("idle"));
        }
        assertThat(processes.ownersOf(List.of(socket(7201)))).containsOnlyKeys(7201L);
        long walked = processes.processesWalked();

        addSocket(100, 7202); // the server accepts a connection
        assertThat(processes.ownersOf(List.of(socket(7201), socket(7202))).get(7202L).name()).isEqualTo("server");
        assertThat(processes.processesWalked() - walked).isEqualTo(1);
    }

    @Test
    void aSocketNoProcessShowsIsUnknownAndNotLookedForAgain() throws IOException {
        process(300, "other", 1_000, "", List.of("other"), 8001);

        assertThat(processes.ownersOf(List.of(socket(8999)))).isEmpty();
        long walked = processes.processesWalked();
        assertThat(processes.ownersOf(List.of(socket(8999)))).isEmpty();
        assertThat(processes.processesWalked()).isEqualTo(walked);
    }

    @Test
    void aReusedPidIsDescribedAfresh() throws IOException {
        process(500, "first", 1_000, "", List.of("first", "--one"), 9001);
        assertThat(processes.ownersOf(List.of(socket(9001))).get(9001L).name()).isEqualTo("first");

        // The first program exits (its socket closes with it); a second one gets the same pid.
        remove(500);
        process(500, "second", 5_000, "", List.of("second", "--two"), 9002);

        Map<Long, ProcessInfo> owners = processes.ownersOf(List.of(socket(9002)));
        assertThat(owners).containsOnlyKeys(9002L);
        assertThat(owners.get(9002L)).isEqualTo(new ProcessInfo(500, "second", "second --two", user, null));
    }

    @Test
    void anExitedOwnersSocketIsForgottenWithIt() throws IOException {
        process(600, "short", 1_000, "", List.of("short"), 9101);
        assertThat(processes.ownersOf(List.of(socket(9101)))).containsOnlyKeys(9101L);
        remove(600);
        assertThat(processes.ownersOf(List.of())).isEmpty();
        assertThat(processes.ownersOf(List.of(socket(9101)))).as("the inode is new again, and no one holds it").isEmpty();
    }

    @Test
    void aNameWithSpacesAndParenthesesIsReadWhole() throws IOException {
        process(700, "a (b) c", 1_000, "", List.of(), 9201);
        assertThat(processes.ownersOf(List.of(socket(9201))).get(9201L))
                .isEqualTo(new ProcessInfo(700, "a (b) c", "", user, null));
    }

    private static KernelSocket socket(long inode) throws IOException {
        return new KernelSocket(new SocketEndpoint(6, InetAddress.getByName("127.0.0.1"), 40000), null, 0, inode);
    }

    private void process(int pid, String name, long startTicks, String cgroup, List<String> arguments, long... inodes)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S 1 " + pid + " " + pid
                + " 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 " + startTicks + " 8470528 952 18446744073709551615\n");
        Files.writeString(dir.resolve("comm"), name + "\n");
        Files.write(dir.resolve("cmdline"), arguments.stream().map(argument -> argument + "\0")
                .reduce("", String::concat).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("anon_inode:[eventfd]"));
        Files.createSymbolicLink(fd.resolve("1"), Path.of("pipe:[12]"));
        int next = 3;
        for (long inode : Arrays.stream(inodes).toArray()) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(next++)), Path.of("socket:[" + inode + "]"));
        }
    }

    private void addSocket(int pid, long inode) throws IOException {
        Path fd = proc.resolve(Integer.toString(pid)).resolve("fd");
        try (Stream<Path> open = Files.list(fd)) {
            Files.createSymbolicLink(fd.resolve(Long.toString(100 + open.count())), Path.of("socket:[" + inode + "]"));
        }
    }

    private void remove(int pid) throws IOException {
        try (Stream<Path> files = Files.walk(proc.resolve(Integer.toString(pid)))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
