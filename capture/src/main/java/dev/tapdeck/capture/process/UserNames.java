package dev.tapdeck.capture.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * User names by uid from a passwd file ({@code /etc/passwd}), read again when it changes.
 * A uid the file does not name (a directory service's user, a container's) shows as its number.
 */
final class UserNames {
    private final Path passwd;
    private Map<Integer, String> names = Map.of();
    private FileTime readAt;

    UserNames(Path passwd) {
        this.passwd = passwd;
    }

    String nameOf(int uid) {
        reloadIfChanged();
        return names.getOrDefault(uid, Integer.toUnsignedString(uid));
    }

    private void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(passwd);
            if (modified.equals(readAt)) {
                return;
            }
            Map<Integer, String> read = new HashMap<>();
            for (String line : Files.readAllLines(passwd)) {
                // name:password:uid:gid:gecos:home:shell
                String[] fields = line.split(":", 4);
                if (fields.length >= 3 && !line.startsWith("#")) {
                    try {
                        read.putIfAbsent(Integer.parseUnsignedInt(fields[2]), fields[0]);
                    } catch (NumberFormatException notAUser) {
                        // a damaged line names no one
                    }
                }
            }
            names = read;
            readAt = modified;
        } catch (IOException e) {
            names = Map.of();
            readAt = null;
        }
    }
}
