package dev.scanbench.report.entry;

/**
 * What an entry's result is, which decides what it may be ranked and compared with: GPU times only with GPU times,
 * simulated times only with simulated times, and the emulator's counted work never with a time.
 */
public enum Basis {
    /** Timed on a real GPU through the CUDA driver. */
    GPU("gpu", "GPU times"),
    /** Timed on a device that is not a GPU (the software CUDA driver, a test's fake): {@code simulated: true}. */
    SIMULATED("simulated", "simulated times (not GPU times)"),
    /** Run on the PTX emulator: verified, with counted work (traffic, instructions) and no time. */
    EMULATOR("emulator", "emulator: counted work, not a time");

    private final String jsonName;
    private final String words;

    Basis(String jsonName, String words) {
        this.jsonName = jsonName;
        this.words = words;
    }

    /** @return the name in JSON and on the command line */
    public String jsonName() {
        return jsonName;
    }

    /** @return what results on this basis are, for a heading */
    public String words() {
        return words;
    }

    /** @return true when entries on this basis carry a time */
    public boolean timed() {
        return this != EMULATOR;
    }
}
