package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.doctor.Doctor;
import dev.scanbench.harness.doctor.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `workbench doctor`: what this machine offers (Java, nvcc, CUDA driver and GPUs, Python, Triton). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Report what this machine offers the workbench: Java, nvcc, a CUDA driver and GPUs, Python and Triton.",
            "Missing pieces are reported, not fatal: each only disables the features that need it.",
            "Exit code 0 whenever the report could be made."
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the findings as JSON (for agents).")
    boolean json;

    @Override
    public Integer call() {
        List<Finding> findings = Doctor.examine();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (Finding finding : findings) {
                ObjectNode node = array.addObject();
                node.put("name", finding.name());
                node.put("status", finding.status().name().toLowerCase(java.util.Locale.ROOT));
                node.put("detail", finding.detail());
            }
            ObjectNode root = Json.object();
            root.set("findings", array);
            Json.print(out, root);
        } else {
            for (Finding finding : findings) {
                out.printf("%-12s %-8s %s%n", finding.name(), finding.status(), finding.detail());
            }
        }
        return ExitCode.OK;
    }
}
