package dev.scanbench.emulator;

/**
 * The output of one device-side {@code printf} call by one thread.
 *
 * @param kernel the entry that printed
 * @param block  the thread's block index
 * @param thread the thread's index in its block
 * @param text   the formatted text, without the one trailing newline a format usually ends with
 */
public record PrintfLine(String kernel, Coord block, Coord thread, String text) {
    /** {@code [printf kernel=NAME block=(x,y,z) thread=(x,y,z)] text}: how the workbench shows it. */
    public String tagged() {
        return "[printf kernel=" + kernel + " block=(" + block.x() + "," + block.y() + "," + block.z() + ") thread=("
                + thread.x() + "," + thread.y() + "," + thread.z() + ")] " + text;
    }
}
