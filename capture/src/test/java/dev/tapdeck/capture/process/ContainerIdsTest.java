package dev.tapdeck.capture.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Container ids in /proc/PID/cgroup as the container runtimes write them (cgroup v1 and v2). */
class ContainerIdsTest {
    private static final String ID = "3f4e1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12:memory:/docker/ID\\n11:cpu:/docker/ID|ID",
            "0::/system.slice/docker-ID.scope|ID",
            "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-ID.scope/container|ID",
            "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7a1b.slice/cri-containerd-ID.scope|ID",
            "0::/kubepods/besteffort/pod0c2f/ID|ID",
            "0::/machine.slice/crio-ID.scope|ID",
            "0::/user.slice/user-0.slice/session-4.scope|",
            "0::/|",
            "0::/system.slice/docker-ID0.scope|",
    })
    void findsTheIdWhereThereIsOne(String cgroup, String expected) {
        String file = cgroup.replace("\\n", "\n").replace("ID", ID);
        assertThat(ContainerIds.fromCgroup(file)).isEqualTo(expected == null ? null : expected.replace("ID", ID));
    }
}
