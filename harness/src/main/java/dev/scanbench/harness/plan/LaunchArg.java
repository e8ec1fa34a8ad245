package dev.scanbench.harness.plan;

/**
 * One argument of a launch: the input {@code x}, the output {@code y}, the size {@code n},
 * a scratch buffer by name, or an integer literal.
 *
 * @param kind  which of these it is
 * @param name  the scratch buffer's name (SCRATCH only), else the argument as written
 * @param value the literal's value (LITERAL only), else 0
 * @param pos   where the argument is written
 */
public record LaunchArg(Kind kind, String name, long value, SourcePos pos) {

    /** What an argument refers to. */
    public enum Kind {
        /** The device pointer of the input x (int32[n]). */
        INPUT,
        /** The device pointer of the output y (int32[n]). */
        OUTPUT,
        /** The problem size n, as an integer. */
        SIZE,
        /** The device pointer of a declared scratch buffer. */
        SCRATCH,
        /** An integer constant. */
        LITERAL
    }

    /** True for arguments passed as a 64-bit device pointer. */
    public boolean isPointer() {
        return kind == Kind.INPUT || kind == Kind.OUTPUT || kind == Kind.SCRATCH;
    }

    /** The integer value passed for a SIZE or LITERAL argument, given n. */
    public long integerValue(long n) {
        if (kind == Kind.SIZE) {
            return n;
        }
        if (kind == Kind.LITERAL) {
            return value;
        }
        throw new IllegalStateException(name + " is a pointer argument");
    }

    /** The argument as written in the plan. */
    public String render() {
        return kind == Kind.LITERAL ? Long.toString(value) : name;
    }
}
