package dev.scanbench.emulator.parse;

/** Declarations found in PTX: registers, variables, parameters. */
public final class Declarations {
    private Declarations() {
    }

    /** A register: its unique name and type ({@code pred}, {@code b32}, {@code f32}, ...). */
    public record RegDecl(String name, String type) { }

    /**
     * A variable in a state space.
     *
     * @param space    global, shared, const or local
     * @param name     symbol name
     * @param align    alignment in bytes
     * @param size     size in bytes; -1 for an {@code .extern .shared} array (dynamic shared memory)
     * @param init     initial bytes or null
     * @param line     PTX line
     */
    public record VarDecl(String space, String name, int align, long size, byte[] init, int line) { }

    /** A kernel parameter: name, byte size and alignment (structs are {@code .b8 p[N]}). */
    public record ParamDecl(String name, String type, int size, int align, int line) { }
}
