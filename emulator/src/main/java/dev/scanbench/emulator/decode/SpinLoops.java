package dev.scanbench.emulator.decode;

/**
 * The words for a loop that can never end (shared by the static check and the deadlock report) and for a flag
 * polled with a weak load.
 */
public final class SpinLoops {
    private SpinLoops() {
    }

    /** What is wrong with the loop and what to do about it. */
    public static String describe(Insn[] code, LoopAnalysis.EndlessLoop loop) {
        return "this spin never re-reads memory: the loop (" + lines(code, loop.first(), loop.last())
                + ") can only end through a value that no"
                + " instruction in it can change, so once entered it never ends. A flag polled with a plain load is"
                + " hoisted out of the loop by the compiler: poll it with a volatile or atomic load (volatile,"
                + " cuda::atomic_ref, ld.acquire / ld.relaxed)";
    }

    /** What is wrong with a weak poll ({@link WeakPollAnalysis}) and what to do about it. */
    public static String describeWeakPoll(Insn[] code, WeakPollAnalysis.WeakPoll poll) {
        return "weak load polled in a spin loop: the loop (" + lines(code, poll.first(), poll.last()) + ") can only"
                + " end when the value this plain load reads changes, which only another thread can do, and a weak"
                + " load is not required ever to see another thread's write (the compiler may hoist it, the hardware"
                + " may serve a stale line): poll with ld.volatile / ld.acquire / ld.relaxed (volatile,"
                + " cuda::atomic_ref)";
    }

    private static String lines(Insn[] code, int first, int last) {
        int a = code[first].line;
        int b = code[last].line;
        return a == b ? "PTX line " + a : "PTX lines " + a + "-" + b;
    }
}
