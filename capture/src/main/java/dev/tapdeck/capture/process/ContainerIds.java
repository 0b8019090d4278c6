package dev.tapdeck.capture.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container id in a process's {@code /proc/PID/cgroup}, as Docker, Podman, containerd and
 * CRI-O name their control groups: 64 hex digits as a path element ({@code /docker/ID}, a
 * Kubernetes pod's {@code /kubepods/.../ID}) or inside a systemd scope ({@code docker-ID.scope},
 * {@code libpod-ID.scope}, {@code cri-containerd-ID.scope}, {@code crio-ID.scope}).
 */
final class ContainerIds {
    private static final Pattern ID = Pattern.compile("(?:^|[/-])([0-9a-f]{64})(?:\\.scope)?(?=/|$)");

    private ContainerIds() {
    }

    /** The innermost container id named in the cgroup file's text; null for a process in none. */
    static String fromCgroup(String cgroupFile) {
        String found = null;
        for (String line : cgroupFile.lines().toList()) {
            // hierarchy-id:controllers:path; the path may itself contain colons.
            int path = line.indexOf(':', line.indexOf(':') + 1);
            if (path < 0) {
                continue;
            }
            Matcher matcher = ID.matcher(line.substring(path + 1));
            while (matcher.find()) {
                found = matcher.group(1);
            }
        }
        return found;
    }
}
