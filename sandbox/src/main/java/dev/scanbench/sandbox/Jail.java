package dev.scanbench.sandbox;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a contained process may see. Besides the system folders every process needs ({@code /usr}, {@code /etc}
 * and the {@code /lib}, {@code /bin} links, all read-only), a fresh {@code /dev}, its own {@code /proc} and a
 * private {@code /tmp}, it sees exactly:
 * <ul>
 *   <li>one writable folder (given to {@link #writable}; the caller creates it fresh and deletes it after);</li>
 *   <li>the {@link Builder#readOnly read-only} paths, each at its own path;</li>
 *   <li>the {@link Builder#device device} nodes (a GPU's);</li>
 * </ul>
 * minus the {@link Builder#hide hidden} paths, which are masked even when they lie inside a visible folder (the
 * score log, the compile cache). The environment is cleared except for {@link SandboxDefaults#PASSED_ENVIRONMENT}
 * and what {@link Builder#env} sets; {@code HOME} is the writable folder and {@code TMPDIR} is {@code /tmp}.
 * Immutable.
 */
public final class Jail {
    private final Path writable;
    private final List<Path> readOnly;
    private final List<Path> devices;
    private final List<Path> hidden;
    private final Map<String, String> env;
    private final Path workingDirectory;

    private Jail(Builder b) {
        this.writable = b.writable;
        this.readOnly = List.copyOf(b.readOnly);
        this.devices = List.copyOf(b.devices);
        this.hidden = List.copyOf(b.hidden);
        this.env = Map.copyOf(b.env);
        this.workingDirectory = b.workingDirectory != null ? b.workingDirectory : b.writable;
    }

    /**
     * @param dir the one folder the process may write, absolute; it must exist
     * @return a builder of a jail around it
     */
    public static Builder writable(Path dir) {
        return new Builder(dir);
    }

    /** The writable folder. */
    public Path writableDir() {
        return writable;
    }

    /** Paths visible read-only, as given (absolute, normalised). */
    public List<Path> readOnly() {
        return readOnly;
    }

    /** Device nodes made available. */
    public List<Path> devices() {
        return devices;
    }

    /** Paths masked wherever they would be visible. */
    public List<Path> hidden() {
        return hidden;
    }

    /** Variables set in the process's environment. */
    public Map<String, String> env() {
        return env;
    }

    /** Where the process starts: the writable folder unless set. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Collects a jail's views. */
    public static final class Builder {
        private final Path writable;
        private final Set<Path> readOnly = new LinkedHashSet<>();
        private final Set<Path> devices = new LinkedHashSet<>();
        private final Set<Path> hidden = new LinkedHashSet<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path workingDirectory;

        private Builder(Path writable) {
            this.writable = absolute(writable);
        }

        /** Makes paths visible read-only at their own paths; paths that do not exist are skipped. */
        public Builder readOnly(Path... paths) {
            return readOnly(List.of(paths));
        }

        /** Makes paths visible read-only at their own paths; paths that do not exist are skipped. */
        public Builder readOnly(Collection<Path> paths) {
            paths.forEach(p -> readOnly.add(absolute(p)));
            return this;
        }

        /** Makes a device node usable (e.g. {@code /dev/nvidia0}); a missing one is skipped. */
        public Builder device(Path node) {
            devices.add(absolute(node));
            return this;
        }

        /** Masks a path (file or folder) even where a read-only folder would show it. */
        public Builder hide(Path path) {
            hidden.add(absolute(path));
            return this;
        }

        /** Sets an environment variable. */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Where the process starts (default: the writable folder). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = absolute(dir);
            return this;
        }

        /** The jail. */
        public Jail build() {
            return new Jail(this);
        }

        private static Path absolute(Path p) {
            return p.toAbsolutePath().normalize();
        }
    }
}
