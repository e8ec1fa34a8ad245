package dev.scanbench.harness.plan;

import java.util.List;

/**
 * One argument of a launch: the input {@code x}, the output {@code y}, the size {@code n}, a scratch buffer by
 * name, an integer literal, or a by-value struct written as a brace list of fields. Inside a brace list a field
 * may also be an expression, and an integer field may carry a width suffix ({@code :i8 ... :u64}).
 *
 * @param kind   which of these it is
 * @param name   the scratch buffer's name (SCRATCH only), else the argument as written
 * @param value  the literal's value (LITERAL only), else 0
 * @param pos    where the argument is written
 * @param expr   the expression (EXPR only), else null
 * @param width  the integer field's declared type (fields only), or null for the default ({@code b32}) or a top-level
 *               argument (whose width the PTX parameter gives)
 * @param fields the fields of a STRUCT, else empty
 */
public record LaunchArg(Kind kind, String name, long value, SourcePos pos, Expr expr, FieldType width,
                        List<LaunchArg> fields) {

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
        LITERAL,
        /** An integer expression of n (struct fields only). */
        EXPR,
        /** A struct passed by value: its fields laid out as a C compiler lays out a struct. */
        STRUCT
    }

    /** The integer types a struct field may be given by a {@code :type} suffix. */
    public enum FieldType {
        I8(1, true), I16(2, true), I32(4, true), I64(8, true), U8(1, false), U16(2, false), U32(4, false),
        U64(8, false);

        private final int size;
        private final boolean signed;

        FieldType(int size, boolean signed) {
            this.size = size;
            this.signed = signed;
        }

        /** Size and alignment in bytes. */
        public int size() {
            return size;
        }

        /** Whether a value fits this type's range. */
        public boolean holds(long v) {
            if (size == 8) {
                return signed || v >= 0;
            }
            int bits = size * 8;
            return signed ? v >= -(1L << (bits - 1)) && v <= (1L << (bits - 1)) - 1 : v >= 0 && v <= (1L << bits) - 1;
        }

        /** The suffix as written, e.g. {@code u8}. */
        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LaunchArg {
        fields = List.copyOf(fields);
    }

    /** A top-level scalar argument. */
    public LaunchArg(Kind kind, String name, long value, SourcePos pos) {
        this(kind, name, value, pos, null, null, List.of());
    }

    /** True for arguments passed as a 64-bit device pointer. */
    public boolean isPointer() {
        return kind == Kind.INPUT || kind == Kind.OUTPUT || kind == Kind.SCRATCH;
    }

    /** True for a by-value struct. */
    public boolean isStruct() {
        return kind == Kind.STRUCT;
    }

    /** The integer value passed for a SIZE, LITERAL or EXPR argument, given n. */
    public long integerValue(long n) {
        if (kind == Kind.SIZE) {
            return n;
        }
        if (kind == Kind.LITERAL) {
            return value;
        }
        if (kind == Kind.EXPR) {
            try {
                return expr.evaluate(n);
            } catch (PlanException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        throw new IllegalStateException(name + " is not an integer argument");
    }

    /** The argument as written in the plan. */
    public String render() {
        String suffix = width == null ? "" : ":" + width.spelling();
        switch (kind) {
            case LITERAL: return value + suffix;
            case EXPR: return expr.render() + suffix;
            case SIZE: return name + suffix;
            case STRUCT: {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < fields.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(fields.get(i).render());
                }
                return sb.append('}').toString();
            }
            default: return name;
        }
    }
}
