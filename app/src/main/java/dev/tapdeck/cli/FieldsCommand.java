package dev.tapdeck.cli;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.Glossary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tapdeck fields}: the field registry, listed as {@code tshark -G fields} lists Wireshark's. */
@Command(name = "fields",
        mixinStandardHelpOptions = true,
        description = {"List every protocol and field Tapdeck decodes, by the names display filters (-Y), -e columns and",
                "the JSON export use, one a line with tab-separated columns, as tshark -G fields lists them:",
                "  P  label  name                                                 a protocol",
                "  F  label  name  type  protocol  display  bitmask  description  a field",
                "The type is Wireshark's (FT_UINT16, FT_IPv4, FT_STRING...); the display is an integer's base",
                "(BASE_DEC, BASE_HEX, BASE_HEX_DEC...) or a flag's word width in bits, and empty for other types."},
        footer = {"", "Examples:", "  tapdeck fields tcp.flags   the TCP flag fields", "  tapdeck fields | grep FT_IPv4",
                "", "Exit status: 0 listed; 1 no field starts with PREFIX."})
public final class FieldsCommand implements Callable<Integer> {
    static final int NONE_MATCHED = 1;

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "List only the fields whose names start with PREFIX (ip., dns.qry).")
    String prefix = "";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<FieldDef> fields = FieldRegistry.withPrefix(prefix);
        if (fields.isEmpty()) {
            spec.commandLine().getErr().println("tapdeck fields: no field starts with '" + prefix + "' (tapdeck fields lists them all)");
            return NONE_MATCHED;
        }
        PrintWriter out = spec.commandLine().getOut();
        fields.forEach(field -> out.println(Glossary.line(field)));
        out.flush();
        return 0;
    }
}
