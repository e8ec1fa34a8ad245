package dev.scanbench.report.entry;

/**
 * The emulator's counted work for one run of the candidate's plan: what stands in for speed where there is no clock.
 *
 * @param bytesPerElement  global bytes read and written per element of input (8 is the floor: read x, write y)
 * @param warpInstructions warp instructions executed
 * @param launches         kernel launches
 * @param bytesRead        global bytes read
 * @param bytesWritten     global bytes written
 */
public record Work(double bytesPerElement, long warpInstructions, long launches, long bytesRead, long bytesWritten) {
}
