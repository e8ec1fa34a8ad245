package dev.scanbench.harness.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.PlanParser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parent sends the scoring worker survives the wire, and the plan the worker reads is the parent's. */
class ScoreRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"harness/src/test/resources/kernels/tile_scan.cu", "kernels/01_naive_three_kernel.cu",
        "kernels/04_lookback_single_thread.cu", "reference/decoupled_lookback.cu"})
    void theRequestRoundTripsAndTheWorkerResolvesThePlanTheParentValidated(String file) throws Exception {
        Path kernel = Path.of("..").resolve(file);
        PreparedCandidate p = new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(kernel));
        ScoreRequest.CompiledModule module = ScoreRequest.CompiledModule.of(p.artifact());
        ScoreRequest sent = new ScoreRequest(kernel.toString(), p.compiled().candidate().text(), module,
                p.artifact().staticSharedBytes(), module, null, ScoreRequest.EMULATOR, 5000, Protocol.RE_BENCH,
                Mode.HOT, -42, 3, null);

        ScoreRequest received = ScoreRequest.fromJson(new ObjectMapper().readTree(sent.toJson().toString()));

        assertThat(received.seed()).isEqualTo(-42);
        assertThat(received.protocol()).isEqualTo(Protocol.RE_BENCH);
        assertThat(received.mode()).isEqualTo(Mode.HOT);
        assertThat(received.copy()).isNull();
        assertThat(received.candidate().cubin()).isEqualTo(p.artifact().cubin());
        assertThat(received.staticShared()).isEqualTo(Map.copyOf(p.artifact().staticSharedBytes()));
        assertThat(received.resolvePlan(5000)).isEqualTo(p.resolve(5000));
        // The rendered plan (what the log records, and what a Triton candidate's worker parses) reads back the same.
        String rendered = p.plan().render().lines().map(l -> "// " + l).reduce("", (a, b) -> a + b + "\n");
        assertThat(PlanParser.parse(file, rendered, CommentStyle.forFile("k.cu")).render()).isEqualTo(p.plan().render());
    }
}
