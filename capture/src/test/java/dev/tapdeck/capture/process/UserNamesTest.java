package dev.tapdeck.capture.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** User names from a passwd file, read again when it changes. */
class UserNamesTest {

    @Test
    void namesAUidFromTheFileAndShowsAnUnknownOneAsItsNumber(@TempDir Path folder) throws IOException {
        Path passwd = folder.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/sh\n");
        UserNames users = new UserNames(passwd);
        assertThat(users.nameOf(1000)).isEqualTo("alice");
        assertThat(users.nameOf(4242)).isEqualTo("4242");

        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nbob:x:4242:4242::/home/bob:/bin/sh\n");
        Files.setLastModifiedTime(passwd, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(users.nameOf(4242)).isEqualTo("bob");
        assertThat(users.nameOf(1000)).isEqualTo("1000");
    }

    @Test
    void withoutTheFileEveryUidIsANumber(@TempDir Path folder) {
        assertThat(new UserNames(folder.resolve("none")).nameOf(0)).isEqualTo("0");
    }
}
