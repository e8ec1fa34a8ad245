package dev.scanbench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The workbench's own version and the commit it was built from, as Maven wrote them into the jar at build time;
 * both go into every score log entry so that a reviewer knows which harness measured it.
 */
public final class Version {
    private static final Properties PROPERTIES = load();

    private Version() {
    }

    /** The Maven project version, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        return PROPERTIES.getProperty("version");
    }

    /**
     * The full git commit checked out when the jar was built (uncommitted changes are not detected), or empty
     * when the build had no git checkout (a source tarball) or no git command.
     */
    public static Optional<String> commit() {
        return built("commit");
    }

    private static Optional<String> built(String key) {
        String value = PROPERTIES.getProperty(key, "");
        // An unresolved Maven placeholder means the build could not read git.
        return value.isBlank() || value.startsWith("${") ? Optional.empty() : Optional.of(value.trim());
    }

    private static Properties load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
