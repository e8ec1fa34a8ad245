package dev.scanbench.harness.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.ResourceUsage;
import dev.scanbench.harness.plan.ResolvedPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped kernel compiles for sm_90a without spills and carries a plan valid from n = 1 to 10^8. */
class ShippedKernelCompileTest {

    static List<ShippedKernel> kernels() {
        return ShippedKernel.all();
    }

    @Test
    void theLadderHasAtLeastFiveExamples() {
        assertThat(kernels()).hasSizeGreaterThanOrEqualTo(2 + 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void compilesWithoutSpillsOrStack(ShippedKernel kernel) {
        Artifact artifact = kernel.compile();
        assertThat(artifact.resources()).as("%s: entries reported by ptxas", kernel).isNotEmpty();
        for (Map.Entry<String, ResourceUsage> e : artifact.resources().entrySet()) {
            ResourceUsage u = e.getValue();
            assertThat(u.spills()).as("%s %s: %s", kernel, e.getKey(), u.describe()).isFalse();
            assertThat(u.stackFrameBytes()).as("%s %s: %s", kernel, e.getKey(), u.describe()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void planValidatesAgainstTheModuleAtEverySize(ShippedKernel kernel) throws Exception {
        Artifact artifact = kernel.compile();
        for (long n : new long[] {1, 1025, 100_000_000L}) {
            ResolvedPlan plan = kernel.plan(artifact, n);
            assertThat(plan.launches()).as("%s at n = %d", kernel, n).isNotEmpty();
            // Within the allowance by validation; every launch names an entry of this very module.
            plan.launches().forEach(l -> assertThat(artifact.resources()).containsKey(l.entry()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void headerStatesIdeaTrafficAndModelTime(ShippedKernel kernel) {
        String header = kernel.text().substring(0, kernel.text().indexOf("@plan"));
        assertThat(kernel.claimedBytesPerElement()).as("%s: claimed traffic", kernel).isGreaterThanOrEqualTo(8.0);
        assertThat(header).as("%s header", kernel).contains("Idea").contains("Model H100 time");
    }
}
