package dev.scanbench.harness.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of a by-value struct argument, as a C compiler lays out a struct: each field at the next offset
 * aligned to its own alignment (a pointer 8 bytes, an integer field its width, 4 by default, a nested struct its
 * largest field's), the size rounded up to the struct's alignment, and an empty struct one byte ({@code {}}).
 *
 * @param size   size in bytes
 * @param align  alignment in bytes
 * @param fields the leaves in order: offset, width and the argument (pointers and integers only)
 */
public record StructLayout(int size, int align, List<Leaf> fields) {

    /**
     * One scalar field of the flattened struct.
     *
     * @param offset byte offset in the struct
     * @param size   width in bytes
     * @param arg    the plan's field
     */
    public record Leaf(int offset, int size, LaunchArg arg) {
    }

    /** The layout of a STRUCT argument. */
    public static StructLayout of(LaunchArg struct) {
        List<Leaf> leaves = new ArrayList<>();
        int[] sizeAlign = place(struct, 0, leaves);
        return new StructLayout(sizeAlign[0], sizeAlign[1], leaves);
    }

    private static int[] place(LaunchArg struct, int base, List<Leaf> leaves) {
        int end = 0;
        int align = 1;
        for (LaunchArg f : struct.fields()) {
            if (f.isStruct()) {
                List<Leaf> inner = new ArrayList<>();
                int[] sa = place(f, 0, inner);
                int at = roundUp(end, sa[1]);
                inner.forEach(l -> leaves.add(new Leaf(base + at + l.offset(), l.size(), l.arg())));
                end = at + sa[0];
                align = Math.max(align, sa[1]);
            } else {
                int size = f.isPointer() ? 8 : f.width() == null ? 4 : f.width().size();
                int at = roundUp(end, size);
                leaves.add(new Leaf(base + at, size, f));
                end = at + size;
                align = Math.max(align, size);
            }
        }
        return new int[] {Math.max(1, roundUp(end, align)), align};
    }

    private static int roundUp(int v, int a) {
        return (v + a - 1) / a * a;
    }

    /** The layout in words, e.g. {@code 24 bytes, align 8: ptr@0, ptr@8, ptr@16}. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(size).append(" bytes, align ").append(align);
        for (int i = 0; i < fields.size(); i++) {
            Leaf l = fields.get(i);
            sb.append(i == 0 ? ": " : ", ").append(l.arg().isPointer() ? "ptr" : "int" + l.size() * 8)
                    .append('@').append(l.offset());
        }
        return sb.toString();
    }
}
