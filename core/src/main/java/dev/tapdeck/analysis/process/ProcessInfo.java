package dev.tapdeck.analysis.process;

import java.util.Objects;
import java.util.Optional;

/**
 * The program that owned a flow's socket, as the operating system described it when the socket
 * was looked up. What the OS did not say stays absent; nothing is filled in by guessing.
 *
 * @param pid         the process id (ids are reused: the process is the one that held the
 *                    socket at the time of the lookup)
 * @param name        the short process name ({@code /proc/PID/comm} on Linux, the image file
 *                    name on Windows); empty where the OS would not say (a protected process)
 * @param commandLine the arguments joined by spaces; empty where the OS would not say
 * @param user        the user name, or the numeric id where no name is known; empty where the
 *                    OS would not say
 * @param container   the container id from the process's control group, null outside a container
 */
public record ProcessInfo(int pid, String name, String commandLine, String user, String container) {

    public ProcessInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(user, "user");
    }

    /** The container id, for a process inside a container. */
    public Optional<String> containerId() {
        return Optional.ofNullable(container);
    }
}
