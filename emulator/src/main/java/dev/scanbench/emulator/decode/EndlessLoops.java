package dev.scanbench.emulator.decode;

/** The words for a loop that can never end, shared by the static check and the deadlock report. */
public final class EndlessLoops {
    private EndlessLoops() {
    }

    /** What is wrong with the loop and what to do about it. */
    public static String describe(Insn[] code, LoopAnalysis.EndlessLoop loop) {
        Insn first = code[loop.first()];
        Insn last = code[loop.last()];
        String lines = first.line == last.line ? "PTX line " + first.line : "PTX lines " + first.line + "-" + last.line;
        return "this spin never re-reads memory: the loop (" + lines + ") can only end through a value that no"
                + " instruction in it can change, so once entered it never ends. A flag polled with a plain load is"
                + " hoisted out of the loop by the compiler: poll it with a volatile or atomic load (volatile,"
                + " cuda::atomic_ref, ld.acquire / ld.relaxed)";
    }
}
