package dev.tapdeck.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @TempDir
    Path folder;

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefaults() throws Exception {
        Path file = Files.writeString(folder.resolve("tapdeck.conf"),
                "# a comment\nport = 9001\nfilter = udp\nhistory-packets = 500\nbatch-millis = 20\n");
        ServerConfig config = ServerConfig.load(
                Map.of(ServerOption.PORT, "9003"),
                Map.of("TAPDECK_PORT", "9002", "TAPDECK_FILTER", "tcp port 80", "PATH", "/bin"),
                file);
        assertThat(config.port()).isEqualTo(9003);
        assertThat(config.text(ServerOption.FILTER)).isEqualTo("tcp port 80");
        assertThat(config.integer(ServerOption.HISTORY_PACKETS)).isEqualTo(500);
        assertThat(config.integer(ServerOption.BATCH_MILLIS)).isEqualTo(20);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.bindsLoopbackOnly()).isTrue();
    }

    @Test
    void everyBadValueIsNamedWithItsOptionValueAndWhatIsAllowed() throws Exception {
        Path file = Files.writeString(folder.resolve("bad.conf"), "history-packets = lots\nhistroy-megabytes = 3\n");
        assertThatThrownBy(() -> ServerConfig.load(
                Map.of(ServerOption.PORT, "70000", ServerOption.PROMISCUOUS, "yes"),
                Map.of("TAPDECK_ORIGINS", "localhost:5173"), file))
                .isInstanceOfSatisfying(ServerConfig.InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "--port: \"70000\" is not allowed; expected a whole number from 0 to 65535",
                        "TAPDECK_ORIGINS: \"localhost:5173\" is not allowed; expected origins such as http://localhost:5173, separated by commas (\"localhost:5173\" is not one)",
                        "--promiscuous: \"yes\" is not allowed; expected true or false",
                        "history-packets in " + file + ": \"lots\" is not allowed; expected a whole number from 1 to 10000000",
                        file + ": unknown option \"histroy-megabytes\"; the options are listed in tapdeck.conf.example"));
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Path missing = folder.resolve("nowhere.conf");
        assertThatThrownBy(() -> ServerConfig.load(Map.of(), Map.of(), missing))
                .hasMessageStartingWith("cannot read the configuration file " + missing);
    }

    @Test
    void theExampleFileListsEveryOptionWithItsDefault() throws Exception {
        Path example = Path.of("..", "tapdeck.conf.example");
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(example)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                listed.put(pair[0].strip(), pair[1].strip());
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (ServerOption option : ServerOption.values()) {
            options.put(option.key(), option.defaultValue());
        }
        assertThat(listed).containsExactlyEntriesOf(options);
        assertThat(ServerConfig.load(Map.of(), Map.of(), example).port()).isEqualTo(ServerConfig.defaults().port());
        String text = Files.readString(example);
        for (ServerOption option : ServerOption.values()) {
            assertThat(text).contains("--" + option.key(), option.environmentName());
        }
    }
}
