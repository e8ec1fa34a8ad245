package dev.scanbench.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the daemon for one working directory, environment and build listens. A daemon runs commands exactly as a
 * CLI process started there would, so it serves only calls that match all three: its key is a hash of the
 * working directory, the environment (less the shell's bookkeeping, {@link #IGNORED}), the system properties a
 * command reads (the Java runtime among them) and the class path with each jar's size and modification time. A
 * rebuilt jar or a changed variable is another key, and such a call starts its own JVM as before. Its socket lies
 * in a folder only the user may enter.
 */
record DaemonAddress(String key, Path folder) {
    /** Variables that differ between two shells of one session and that no command reads. */
    static final Set<String> IGNORED = Set.of("_", "SHLVL", "OLDPWD", "PWD", "TERM", "COLORTERM", "COLUMNS",
            "LINES", "PS1", "PS2", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY", "TMUX_PANE", "WINDOWID", "STY",
            "WINDOW");

    /** Where a socket path must fit (sun_path is 108 bytes on Linux, with its terminating zero). */
    private static final int MAX_SOCKET_PATH = 107;

    /** System properties the commands read besides the workbench's own ({@link #read}). */
    private static final Set<String> READ_PROPERTIES = Set.of("java.home", "java.class.path", "user.home",
            "user.name", "java.io.tmpdir");

    /** The address of this process's own working directory, environment, system properties and class path. */
    static DaemonAddress current() {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (read(k.toString())) {
                properties.put(k.toString(), v.toString());
            }
        });
        return of(Path.of("").toAbsolutePath(), System.getenv(), properties);
    }

    /** Whether a system property can change what a command does: the workbench's own, and a few of Java's. */
    static boolean read(String property) {
        return property.startsWith("workbench.") || property.startsWith("dev.scanbench.")
                || READ_PROPERTIES.contains(property);
    }

    /**
     * @param properties the system properties that {@link #read} accepts, with {@code java.class.path}
     */
    static DaemonAddress of(Path cwd, Map<String, String> env, Map<String, String> properties) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        StringBuilder identity = new StringBuilder("workbench-daemon-1\0").append(cwd).append('\0');
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            identity.append('-').append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        for (String entry : properties.getOrDefault("java.class.path", "").split(File.pathSeparator)) {
            identity.append(entry);
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                // A rebuilt jar is another build: its daemon must not serve it.
                identity.append('@').append(p.toFile().length()).append('@').append(p.toFile().lastModified());
            }
            identity.append('\0');
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!IGNORED.contains(e.getKey())) {
                identity.append(e.getKey()).append('=').append(e.getValue()).append('\0');
            }
        }
        byte[] digest = sha.digest(identity.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            key.append(String.format("%02x", digest[i]));
        }
        return new DaemonAddress(key.toString(), folderFor(env, properties.get("user.home")));
    }

    /**
     * {@code $XDG_RUNTIME_DIR/workbench-daemon} when the session has a runtime folder (private to the user, and
     * emptied at logout), else {@code ~/.workbench/daemon}.
     */
    static Path folderFor(Map<String, String> env, String home) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "workbench-daemon");
        }
        return Path.of(home, ".workbench", "daemon");
    }

    Path socket() {
        return folder.resolve(key + ".sock");
    }

    Path log() {
        return folder.resolve(key + ".log");
    }

    /**
     * Creates the folder if needed, owner-only, and checks that it is this user's and that no one else may enter
     * it: whoever can reach the socket can have commands run as this user.
     *
     * @throws IOException saying what is wrong, when the folder is not private or the socket path is too long
     */
    Path privateFolder() throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another start made it meanwhile; checked below
            }
        }
        PosixFileAttributes a = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException(folder + " is not a folder (a link or a file is there)");
        }
        String me = System.getProperty("user.name");
        if (!a.owner().getName().equals(me)) {
            throw new IOException(folder + " belongs to " + a.owner().getName() + ", not to " + me);
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
            throw new IOException(folder + " may be entered by others (" + PosixFilePermissions.toString(p)
                    + "); make it owner-only (chmod 700)");
        }
        int length = socket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            throw new IOException("the daemon's socket path " + socket() + " is " + length + " bytes, more than a "
                    + "socket path may have (" + MAX_SOCKET_PATH + "); set XDG_RUNTIME_DIR to a shorter folder");
        }
        return folder;
    }
}
