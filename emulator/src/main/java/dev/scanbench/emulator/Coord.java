package dev.scanbench.emulator;

/** Zero-based coordinates of a block in the grid or a thread in its block. */
public record Coord(int x, int y, int z) {
    @Override
    public String toString() {
        return "(" + x + "," + y + "," + z + ")";
    }
}
