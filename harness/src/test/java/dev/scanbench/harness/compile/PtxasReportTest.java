package dev.scanbench.harness.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PtxasReportTest {

    @Test
    void readsEveryFigurePerEntry() {
        String out = String.join("\n",
                "ptxas info    : 16 bytes gmem",
                "ptxas info    : Compiling entry function 'cfun' for 'sm_90a'",
                "ptxas info    : Function properties for cfun",
                "    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads",
                "ptxas info    : Used 8 registers, used 0 barriers",
                "ptxas info    : Compile time = 11.140 ms",
                "ptxas info    : Compiling entry function '_Z2spPii' for 'sm_90a'",
                "ptxas info    : Function properties for _Z2spPii",
                "    240 bytes stack frame, 80 bytes spill stores, 84 bytes spill loads",
                "ptxas info    : Used 24 registers, used 2 barriers, 3072 bytes smem, 240 bytes cumulative stack size",
                "");
        var usage = PtxasReport.parse(out);
        assertThat(usage.keySet()).containsExactly("cfun", "_Z2spPii");
        assertThat(usage.get("cfun")).isEqualTo(new ResourceUsage(8, 0, 0, 0, 0, 0));
        assertThat(usage.get("_Z2spPii")).isEqualTo(new ResourceUsage(24, 80, 84, 3072, 240, 2));
        assertThat(usage.get("_Z2spPii").spills()).isTrue();
        assertThat(usage.get("_Z2spPii").describe())
                .isEqualTo("24 registers, 80 B spill stores, 84 B spill loads, 3072 B smem, 240 B stack, 2 barriers");
    }

    @Test
    void diagnosticsOfEachToolAreLocated() {
        String out = String.join("\n",
                "k.cu(12): error: identifier \"q\" is undefined",
                "k.cu(14): warning #177-D: variable \"z\" was declared but never referenced",
                "k.cu:2:10: fatal error: nowhere.cuh: No such file or directory",
                "ptxas k.ptx, line 7; error   : Unknown symbol '%bogus'",
                "ptxas fatal   : Unresolved extern function 'cudaLaunchDeviceV2'",
                "    2 | #include <nowhere.cuh>",
                "");
        assertThat(DiagnosticParser.parse(out, "k.ptx")).containsExactly(
                new Diagnostic("k.cu", 12, "error", "identifier \"q\" is undefined"),
                new Diagnostic("k.cu", 14, "warning", "variable \"z\" was declared but never referenced"),
                new Diagnostic("k.cu", 2, "fatal error", "nowhere.cuh: No such file or directory"),
                new Diagnostic("k.ptx", 7, "error", "Unknown symbol '%bogus'"),
                new Diagnostic("k.ptx", 0, "fatal", "Unresolved extern function 'cudaLaunchDeviceV2'"));
        assertThat(List.of(new Diagnostic("k.cu", 3, "error", "m").toString())).containsExactly("k.cu:3: error: m");
    }
}
