package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code tapdeck serve} says about settings it cannot serve with; the server itself is tested in its module. */
class ServeCommandTest {

    @Test
    void everyBadSettingIsNamedAndTheExitStatusIsTwo() {
        CommandRun run = CommandRun.of(new ServeCommand(), "--port", "99999", "--history-packets", "none", "--batch-millis", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(
                "tapdeck serve: --port: \"99999\" is not allowed; expected a whole number from 0 to 65535",
                "tapdeck serve: --history-packets: \"none\" is not allowed; expected a whole number from 1 to 10000000",
                "tapdeck serve: --batch-millis: \"1\" is not allowed; expected a whole number from 5 to 1000");
    }

    @Test
    void aBindBeyondLoopbackWithoutATokenIsRefused() {
        CommandRun run = CommandRun.of(new ServeCommand(), "--bind", "0.0.0.0", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("listening on 0.0.0.0", "--token generate");
    }

    @Test
    void helpListsEveryServerOptionAsAFlag() {
        CommandRun run = CommandRun.of(new ServeCommand(), "--help");
        assertThat(run.exitCode()).isZero();
        for (dev.tapdeck.serve.ServerOption option : dev.tapdeck.serve.ServerOption.values()) {
            assertThat(run.stdout()).contains("--" + option.key(), option.environmentName());
        }
        assertThat(run.stdout()).contains("-i, --interface", "-f, --filter", "--replay", "--config");
    }
}
