package dev.scanbench.harness.cli;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.compile.NvccCompiler;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --compile-timeout S}, shared by every command that compiles a candidate. */
final class CompileOptions {
    /** The least compile limit taken: a second, below which not even ptxas starts. */
    static final Duration MIN = Duration.ofSeconds(1);
    /** The most: an hour. */
    static final Duration MAX = Duration.ofHours(1);

    @Option(names = "--compile-timeout", paramLabel = "S",
            description = "Limit for compiling the kernel, every step together (nvcc and ptxas, or Triton and"
                    + " ptxas), in seconds (default: 180).")
    Double compileTimeout;

    /** The compiler with the limit asked for; a bad value is a usage error, no CUDA toolkit exit 3. */
    NvccCompiler compiler() throws CliFailure {
        Duration limit = Seconds.parse("--compile-timeout", compileTimeout, MIN, MAX, Defaults.COMPILE_TIMEOUT);
        return CandidateInput.compiler().withTimeout(limit);
    }
}
