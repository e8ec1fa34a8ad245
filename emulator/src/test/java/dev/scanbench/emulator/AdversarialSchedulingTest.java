package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * corpus/polls.cu under the scheduling policies: the fair round-robin lets a predecessor publish before its
 * successor looks, so kernels with broken waits pass; the slow publisher makes every wait wait, and preempting at
 * every store shows every other CTA each intermediate state.
 */
class AdversarialSchedulingTest {
    private static final int TILE = 64;
    private static PtxModule m;
    private static CorpusMarkers markers;

    @BeforeAll
    static void load() throws Exception {
        m = Nvcc.load("polls.cu");
        markers = CorpusMarkers.of("polls.cu", "BUG:");
    }

    private static String at(String marker) {
        return markers.at(marker);
    }

    /** One run of a chained scan over n random ints: the launch and the tile sums it left. */
    private record Outcome(LaunchResult result, int[] sums, int[] want) { }

    private static Outcome run(String entry, int n, LaunchOptions opt) throws Exception {
        int tiles = (n + TILE - 1) / TILE;
        int[] v = new Random(n).ints(n, -10, 10).toArray();
        int[] want = new int[tiles];
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
            want[i / TILE] = s;
        }
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer sums = dev.alloc(4L * tiles);
            DevicePointer flags = dev.alloc(4L * tiles);
            DevicePointer ticket = dev.alloc(4);
            dev.copyIn(in, v);
            dev.memset(sums, (byte) 0, 4L * tiles);
            dev.memset(flags, (byte) 0, 4L * tiles);
            dev.memset(ticket, (byte) 0, 4);
            LaunchResult r = dev.launch(m, entry, Dim3.of(tiles), Dim3.of(32), 0, opt, in, sums, flags, ticket, n);
            int[] got = new int[tiles];
            dev.copyOut(sums, got);
            return new Outcome(r, got, want);
        }
    }

    private static LaunchOptions policy(SchedulePolicy p) {
        return LaunchOptions.allChecks().withLintErrors(true).withPolicy(p).withLimits(2_000_000, 500_000_000);
    }

    @Test
    void aCorrectChainedScanPassesUnderEveryPolicyOrderAndResidency() throws Exception {
        for (SchedulePolicy p : SchedulePolicy.values()) {
            for (DispatchOrder order : DispatchOrder.values()) {
                for (int resident : new int[] {2, 0}) {
                    LaunchOptions opt = policy(p).withOrder(order, 3).withResidency(1, resident);
                    Outcome o = run("chained_volatile", 40 * TILE + 5, opt);
                    assertThat(o.result().diagnostics()).as("%s, %s, %d resident", p, order, resident).isEmpty();
                    assertThat(o.result().status()).isEqualTo(LaunchResult.Status.COMPLETED);
                    assertThat(o.sums()).isEqualTo(o.want());
                }
            }
        }
    }

    @Test
    void aHoistedPollPassesTheFairSchedulerButHangsUnderTheSlowPublisherAtItsLine() throws Exception {
        Outcome fair = run("chained_hoisted", 20 * TILE, policy(SchedulePolicy.FAIR));
        assertThat(fair.result().clean()).as("the hole: every predecessor published before its successor looked")
                .isTrue();
        assertThat(fair.sums()).isEqualTo(fair.want());
        for (int resident : new int[] {0, 4}) {
            Outcome slow = run("chained_hoisted", 20 * TILE, policy(SchedulePolicy.SLOW_PUBLISHER)
                    .withResidency(1, resident));
            assertThat(slow.result().status()).isEqualTo(LaunchResult.Status.DEADLOCKED);
            Diagnostic first = slow.result().of(Check.DEADLOCK).get(0);
            assertThat(first.source()).isEqualTo(at("hoisted"));
            assertThat(first.message()).contains("spins", "this spin never re-reads memory", "bra.uni");
        }
    }

    @Test
    void aWeakPollIsAnErrorOnceTheSlowPublisherMakesItSpin() throws Exception {
        Outcome slow = run("chained_weak", 20 * TILE, policy(SchedulePolicy.SLOW_PUBLISHER));
        assertThat(slow.sums()).as("the emulator re-reads it, so the result is right").isEqualTo(slow.want());
        Diagnostic d = slow.result().of(Check.SPINLINT).get(0);
        assertThat(d.error()).isTrue();
        assertThat(d.source()).isEqualTo(at("weak"));
        assertThat(d.message()).contains("weak load polled in a spin loop");
        Outcome advice = run("chained_weak", 20 * TILE, policy(SchedulePolicy.SLOW_PUBLISHER).withLintErrors(false));
        assertThat(advice.result().of(Check.SPINLINT).get(0).error()).as("lint as advice").isFalse();
    }

    @Test
    void aFlagPublishedBeforeItsDataIsRightUnderTheFairSchedulerAndWrongWhenPreemptedAtTheStore() throws Exception {
        Outcome fair = run("flag_before_data", 20 * TILE, policy(SchedulePolicy.FAIR));
        assertThat(fair.sums()).as("the hole").isEqualTo(fair.want());
        for (SchedulePolicy p : List.of(SchedulePolicy.PREEMPT_AT_STORES, SchedulePolicy.SLOW_PUBLISHER)) {
            Outcome o = run("flag_before_data", 20 * TILE, policy(p));
            assertThat(o.result().status()).isEqualTo(LaunchResult.Status.COMPLETED);
            assertThat(o.sums()).as(p.name()).isNotEqualTo(o.want());
        }
    }

    @Test
    void theStaticCheckFindsTheHoistedLoopOnlyAtItsLine() throws Exception {
        List<Diagnostic> loops = Emulator.endlessLoops(Nvcc.ptx("polls.cu"));
        assertThat(loops).hasSize(1);
        Diagnostic d = loops.get(0);
        assertThat(d.kernel()).isEqualTo("chained_hoisted");
        assertThat(d.source()).isEqualTo(at("hoisted"));
        assertThat(d.check()).isEqualTo(Check.DEADLOCK);
        assertThat(d.message()).contains("can only end through a value that no instruction in it can change");
        for (String file : List.of("lookback.cu", "sched.cu", "bugs.cu", "warp.cu", "smem.cu", "async.cu")) {
            assertThat(Emulator.endlessLoops(Nvcc.ptx(file))).as(file).isEmpty();
        }
    }

    /** The weak poll the slow publisher exposes at run time is found without running, on no other loop. */
    @Test
    void theStaticCheckFindsTheWeakPollOnlyAtItsLoad() throws Exception {
        List<Diagnostic> polls = Emulator.weakPolls(Nvcc.ptx("polls.cu"));
        assertThat(polls).hasSize(1);
        Diagnostic d = polls.get(0);
        assertThat(d.kernel()).isEqualTo("chained_weak");
        assertThat(d.source()).isEqualTo(at("weak"));
        assertThat(d.check()).isEqualTo(Check.SPINLINT);
        assertThat(d.error()).isTrue();
        assertThat(d.message()).contains("weak load polled in a spin loop", "ld.global");
        assertThat(Emulator.weakPolls(Nvcc.ptx("bugs.cu"))).as("the planted weak spin, alone")
                .extracting(Diagnostic::kernel).containsExactly("weak_spin");
        for (String file : List.of("lookback.cu", "sched.cu", "warp.cu", "smem.cu", "async.cu", "atomics.cu")) {
            assertThat(Emulator.weakPolls(Nvcc.ptx(file))).as(file).isEmpty();
        }
    }

    @Test
    void aFlagNobodySetsIsStillADeadlockUnderTheAdversaries() throws Exception {
        PtxModule sched = Nvcc.load("sched.cu");
        for (SchedulePolicy p : List.of(SchedulePolicy.SLOW_PUBLISHER, SchedulePolicy.PREEMPT_AT_STORES)) {
            try (Device dev = new Device()) {
                DevicePointer flag = dev.alloc(4);
                DevicePointer out = dev.alloc(4L * 128);
                dev.memset(flag, (byte) 0, 4);
                LaunchResult r = dev.launch(sched, "spin_forever", Dim3.of(2), Dim3.of(64), 0,
                        LaunchOptions.defaults().withPolicy(p).withLimits(500_000, Long.MAX_VALUE), flag, out);
                assertThat(r.status()).as(p.name()).isEqualTo(LaunchResult.Status.DEADLOCKED);
                assertThat(r.of(Check.DEADLOCK).get(0).message()).contains("spins")
                        .doesNotContain("never re-reads memory");
            }
        }
    }

    @Test
    void spinLintIsAWarningUnlessAsked() {
        assertThat(LaunchOptions.allChecks().lintErrors()).isFalse();
        assertThat(LaunchOptions.defaults().policy()).isEqualTo(SchedulePolicy.FAIR);
        assertThat(LaunchOptions.allChecks().withChecks(EnumSet.of(Check.SPINLINT)).withLintErrors(true).lintErrors())
                .isTrue();
    }
}
