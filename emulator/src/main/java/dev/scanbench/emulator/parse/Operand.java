package dev.scanbench.emulator.parse;

import java.util.List;

/** An instruction operand as written in PTX. */
public sealed interface Operand {
    /** A register or special register ({@code %r1}, {@code %tid.x}); {@code negated} for {@code !%p1}. */
    record Reg(String name, boolean negated) implements Operand { }

    /** Two destinations joined by {@code |}, as in {@code shfl.sync ... %r8|%p1}. */
    record Pair(Reg first, Reg second) implements Operand { }

    /** An immediate; {@code bits} holds an integer, or the IEEE bits of a float / double literal. */
    record Imm(long bits, ImmKind kind) implements Operand { }

    /** Immediate flavours: integer, {@code 0f...} single bits, {@code 0d...} or decimal double bits. */
    enum ImmKind { INT, F32, F64 }

    /** A symbol: a variable name, or a label already made unique by the parser. */
    record Sym(String name) implements Operand { }

    /** An address {@code [base+offset]}; {@code base} is a register, a symbol, or null for an absolute one. */
    record Addr(String base, long offset) implements Operand { }

    /** A vector {@code {%r1, %r2}}. */
    record Vec(List<Operand> elements) implements Operand { }

    /** The sink {@code _}. */
    record Sink() implements Operand { }
}
