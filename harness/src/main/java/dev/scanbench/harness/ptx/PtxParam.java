package dev.scanbench.harness.ptx;

/**
 * One {@code .param} of a kernel entry, as declared in PTX.
 *
 * @param name        the parameter's PTX name
 * @param type        its element type
 * @param align       the declared {@code .align} in bytes, or 0 when none is written
 * @param arrayLength the element count of a by-value aggregate such as {@code .b8 p[16]}, or 0 for a scalar
 * @param line        the 1-based PTX line of the declaration
 */
public record PtxParam(String name, PtxType type, int align, int arrayLength, int line) {

    /** True for a single value (not a by-value aggregate). */
    public boolean isScalar() {
        return arrayLength == 0;
    }

    /** The parameter's size in bytes. */
    public int sizeBytes() {
        return type.size() * Math.max(1, arrayLength);
    }

    /** The alignment the parameter buffer must honour: the declared one, else the type's natural one. */
    public int alignment() {
        return align > 0 ? align : type.size();
    }

    /** The declaration as PTX spells it, e.g. {@code .param .align 8 .b8 p[16]}. */
    public String render() {
        return ".param " + (align > 0 ? ".align " + align + " " : "") + type.spelling() + " " + name
                + (arrayLength > 0 ? "[" + arrayLength + "]" : "");
    }
}
