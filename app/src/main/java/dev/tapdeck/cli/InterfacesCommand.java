package dev.tapdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.capture.pcap.Libpcap;
import dev.tapdeck.capture.pcap.LibpcapUnavailableException;
import dev.tapdeck.capture.pcap.PcapException;
import dev.tapdeck.decode.LinkTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tapdeck interfaces}: the capture devices, as libpcap sees them. */
@Command(name = "interfaces",
        mixinStandardHelpOptions = true,
        description = {"List the interfaces Tapdeck can capture on: name, description, addresses, flags (up, running,",
                "loopback, wireless) and link type. The link type is asked of the device itself; one that cannot be",
                "opened (down, or no right to capture) shows ?."},
        footer = {"", "Exit status: 0 listed; 1 libpcap could not list them; 4 libpcap or Npcap is not installed."})
public final class InterfacesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array, one object per interface.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CaptureInterface> interfaces;
        try {
            interfaces = Libpcap.system().interfaces();
        } catch (LibpcapUnavailableException e) {
            err.println("tapdeck interfaces: " + e.getMessage());
            return CaptureCommand.NO_LIBRARY;
        } catch (PcapException e) {
            err.println("tapdeck interfaces: " + e.getMessage());
            return CaptureCommand.FAILED;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(interfaces.stream().map(InterfacesCommand::asJson).toList()));
        } else {
            int number = 1;
            for (CaptureInterface device : interfaces) {
                out.println(number++ + ". " + device.name() + (device.description() == null ? "" : " (" + device.description() + ")"));
                out.println("     flags: " + String.join(", ", flags(device)) + "; link type: " + linkType(device.linkType()));
                for (CaptureInterface.Address address : device.addresses()) {
                    out.println("     " + address.address() + (address.netmask() == null ? "" : " netmask " + address.netmask()));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static List<String> flags(CaptureInterface device) {
        List<String> flags = new ArrayList<>();
        flags.add(device.up() ? "up" : "down");
        if (device.running()) {
            flags.add("running");
        }
        if (device.loopback()) {
            flags.add("loopback");
        }
        if (device.wireless()) {
            flags.add("wireless");
        }
        return flags;
    }

    private static String linkType(int linkType) {
        if (linkType < 0) {
            return "? (could not open it)";
        }
        String name = LinkTypes.name(linkType);
        return name == null ? Integer.toString(linkType) : name + " (" + linkType + ")";
    }

    private record Json(String name, String description, List<CaptureInterface.Address> addresses, List<String> flags,
                        Integer linkType, String linkTypeName) {}

    private static Json asJson(CaptureInterface device) {
        return new Json(device.name(), device.description(), device.addresses(), flags(device),
                device.linkType() < 0 ? null : device.linkType(),
                device.linkType() < 0 ? null : LinkTypes.name(device.linkType()));
    }
}
