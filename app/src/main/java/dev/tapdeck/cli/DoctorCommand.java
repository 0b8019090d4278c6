package dev.tapdeck.cli;

import dev.tapdeck.capture.CapturePreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tapdeck doctor}: can this machine capture, and if not, what to do about it. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        description = {"Check what live capture needs: the capture library (libpcap, or Npcap on Windows), the",
                "interfaces, and the right to capture. Each check prints its result and, when it fails, the fix."},
        footer = {"", "Exit status: 0 every check passed; 1 a check failed."})
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CapturePreflight.Check> checks = CapturePreflight.run();
        boolean allOk = true;
        for (CapturePreflight.Check check : checks) {
            out.println((check.ok() ? "[ ok ] " : "[FAIL] ") + check.name() + ": " + check.result());
            if (!check.ok()) {
                allOk = false;
                out.println("       fix: " + check.fix());
            }
        }
        out.println(allOk ? "Live capture is ready." : "Live capture is not ready: see the fixes above. Reading files works without it.");
        out.flush();
        return allOk ? 0 : 1;
    }
}
