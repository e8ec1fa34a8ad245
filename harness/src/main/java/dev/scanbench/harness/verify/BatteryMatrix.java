package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.Defaults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The cases of a correctness battery, in the order they run: grouped by dispatch, then by n, so that one loaded
 * module serves every pattern of one size. Consecutive iterations on one module see different inputs, which
 * exposes a kernel that replays an earlier output kept in a {@code __device__} variable; a tail splice repeats
 * the previous input's head, which exposes one that recognises an input by its first elements.
 *
 * @param cases the cases
 */
public record BatteryMatrix(List<BatteryCase> cases) {

    /** Sizes run under every pattern and every dispatch: word, warp, block and tile edges. */
    public static final long[] FULL_SIZES = {1, 31, 32, 33, 1023, 1024, 1025, 4095, 4097, 65537};

    /**
     * Sizes too slow to emulate 15 times: a prime near 10^6 and the emulator's scoring size 2^20 + 7, under the
     * scoring dispatch with the scoring distribution and the extreme values (sums that wrap) only.
     */
    public static final long[] LARGE_SIZES = {999_983, Defaults.EMULATOR_SCORE_N};

    /** The patterns of the battery: the scoring distribution and the four that stress the parity logic and wrap-around. */
    public static final List<InputPattern> PATTERNS = List.of(InputPattern.RANDOM, InputPattern.ALL_POSITIVE,
            InputPattern.ALL_NON_POSITIVE, InputPattern.ALTERNATING, InputPattern.EXTREME);

    /** The patterns of a large size: the scoring distribution, and sums that wrap. */
    public static final List<InputPattern> LARGE_PATTERNS = List.of(InputPattern.RANDOM, InputPattern.EXTREME);

    /** The values spliced into a secret size's tail: far outside the scoring range, so the sums there wrap. */
    public static final InputPattern TAIL_PATTERN = InputPattern.EXTREME;
    /** The patterns run under the {@link Dispatch#ADVERSARIAL} schedules: the scoring distribution and wrap-around. */
    public static final List<InputPattern> ADVERSARIAL_PATTERNS = List.of(InputPattern.RANDOM, InputPattern.EXTREME);

    public BatteryMatrix {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a battery needs at least one case");
        }
    }

    /**
     * The fixed part of the emulator's gate: {@link #FULL_SIZES} x {@link #PATTERNS} x {@link Dispatch#EMULATOR}
     * (150 cases on the fair dispatches, 40 with {@link #ADVERSARIAL_PATTERNS} on the adversarial schedules), then
     * {@link #LARGE_SIZES} x {@link #LARGE_PATTERNS} under {@link Dispatch#SCORING} (4 cases).
     */
    public static BatteryMatrix standard() {
        return fixed(Dispatch.EMULATOR, Dispatch.SCORING, Defaults.EMULATOR_SCORE_N);
    }

    /**
     * The correctness gate of {@code verify} and of {@code score} on the emulator: the {@link #standard()} cases,
     * the scored size when it is not among them, and one size per {@link SecretSizes#EMULATOR} band drawn from
     * the secret seed, each on a fresh input and (all but the largest) again on that input with a secret tail
     * spliced in: 199 cases at the default scored size.
     *
     * @param scoredN the size the score runs at (the emulator's default {@link Defaults#EMULATOR_SCORE_N} for verify)
     */
    public static BatteryMatrix emulatorGate(long scoredN, SecretSeed seed) {
        return gate(Dispatch.EMULATOR, Dispatch.SCORING, SecretSizes.EMULATOR, scoredN, seed);
    }

    /**
     * The correctness gate of {@code score} on a GPU, before anything is timed: the same sizes and patterns on the
     * device's own scheduler, the scored size (10^8), and one size per {@link SecretSizes#DEVICE} band.
     */
    public static BatteryMatrix deviceGate(long scoredN, SecretSeed seed) {
        return gate(List.of(Dispatch.DEVICE), Dispatch.DEVICE, SecretSizes.DEVICE, scoredN, seed);
    }

    /**
     * The gate of {@code score} on the software CUDA driver: the device gate's fixed cases and scored size, but
     * secret sizes only from {@link SecretSizes#SIMULATED} (the emulator behind the driver takes minutes at 10^8).
     * Such a run is practice, never ranked; the emulator's own gate ({@link #emulatorGate}) reaches 4 x 10^6.
     */
    public static BatteryMatrix simulatedDeviceGate(long scoredN, SecretSeed seed) {
        return gate(List.of(Dispatch.DEVICE), Dispatch.DEVICE, SecretSizes.SIMULATED, scoredN, seed);
    }

    /** Every pattern of {@link #PATTERNS} at each of these sizes under every emulator dispatch. */
    public static BatteryMatrix of(long... sizes) {
        return of(Dispatch.EMULATOR, sizes);
    }

    /**
     * Every pattern of {@link #PATTERNS} at each of these sizes under each of these dispatches; the
     * {@link #ADVERSARIAL_PATTERNS} only under an adversarial schedule (it is about waiting, not values).
     */
    public static BatteryMatrix of(List<Dispatch> dispatches, long... sizes) {
        List<BatteryCase> cases = new ArrayList<>();
        for (Dispatch d : dispatches) {
            for (long n : sizes) {
                (d.adversarial() ? ADVERSARIAL_PATTERNS : PATTERNS).forEach(p -> cases.add(new BatteryCase(n, p, d)));
            }
        }
        return new BatteryMatrix(cases);
    }

    private static BatteryMatrix fixed(List<Dispatch> small, Dispatch large, long scoredN) {
        return new BatteryMatrix(fixedCases(small, large, scoredN));
    }

    private static List<BatteryCase> fixedCases(List<Dispatch> small, Dispatch large, long scoredN) {
        List<BatteryCase> cases = new ArrayList<>(of(small, FULL_SIZES).cases());
        TreeSet<Long> sizes = new TreeSet<>();
        for (long n : LARGE_SIZES) {
            sizes.add(n);
        }
        if (java.util.Arrays.stream(FULL_SIZES).noneMatch(s -> s == scoredN)) {
            sizes.add(scoredN);
        }
        for (long n : sizes) {
            LARGE_PATTERNS.forEach(p -> cases.add(new BatteryCase(n, p, large)));
        }
        return cases;
    }

    private static BatteryMatrix gate(List<Dispatch> small, Dispatch large, List<SecretSizes.Band> bands,
                                      long scoredN, SecretSeed seed) {
        List<BatteryCase> cases = fixedCases(small, large, scoredN);
        int smallCount = of(small, FULL_SIZES).cases().size();
        List<BatteryCase> later = new ArrayList<>(cases.subList(smallCount, cases.size()));
        long[] secret = SecretSizes.draw(seed, bands);
        for (int i = 0; i < secret.length; i++) {
            long n = secret[i];
            later.add(new BatteryCase(n, InputPattern.RANDOM, large));
            // The largest size is there for its size; splicing a tail onto it would double the gate's cost for
            // what the smaller sizes already show.
            if (i < secret.length - 1) {
                later.add(new BatteryCase(n, InputPattern.RANDOM, large, new BatteryCase.Splice(
                        SecretSizes.cut(seed, i, n), SecretSizes.tailSeed(seed, i), TAIL_PATTERN)));
            }
        }
        // Smallest first, so a cheap failure is found before an expensive size runs; the sort is stable, so a
        // splice stays right after the fresh input it repeats.
        later.sort(Comparator.comparingLong(BatteryCase::n));
        List<BatteryCase> all = new ArrayList<>(cases.subList(0, smallCount));
        all.addAll(later);
        return new BatteryMatrix(all);
    }
}
