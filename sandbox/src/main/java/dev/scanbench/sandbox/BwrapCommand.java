package dev.scanbench.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bubblewrap command line for one jail. Two shapes:
 * <ul>
 *   <li>run by root: bubblewrap is privileged and needs no user namespace; it keeps only CAP_SETUID and
 *       CAP_SETGID for {@code setpriv}, which drops to {@link SandboxDefaults#ROOT_SANDBOX_UID} before the
 *       command runs, so the command holds no capability and owns no file (a user namespace would map it to
 *       root's own id, which the kernel still treats as root for sysctls and root-owned files);</li>
 *   <li>run by anyone else: a user namespace maps the caller to itself, and nested user namespaces are
 *       disabled.</li>
 * </ul>
 * Either way: new PID, network, IPC and UTS namespaces, a new session (no terminal to inject into), the
 * sandbox killed with its parent, the environment cleared.
 */
final class BwrapCommand {
    /** The system folders every process needs, bound read-only. */
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr"), Path.of("/etc"));
    /** Top-level folders that are symlinks into /usr on merged-/usr systems, or real folders elsewhere. */
    private static final List<Path> SYSTEM_LINKS = List.of(Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"),
            Path.of("/lib32"), Path.of("/lib64"), Path.of("/libx32"));
    private static final Path DEV = Path.of("/dev");
    private static final Path PROC = Path.of("/proc");
    private static final Path TMP = Path.of("/tmp");

    /**
     * The tools found on this machine.
     *
     * @param bwrap   bubblewrap
     * @param setpriv util-linux setpriv (needed as root), or null
     * @param prlimit util-linux prlimit (sets the file and process limits), or null
     */
    record Tools(Path bwrap, Path setpriv, Path prlimit) {
    }

    private enum Kind { READ_ONLY, DEVICE, WRITABLE }

    private record Mount(Kind kind, Path path) {
    }

    private BwrapCommand() {
    }

    static List<String> build(Tools tools, boolean asRoot, Jail jail, Limits limits, List<String> command,
                              Map<String, String> hostEnv) {
        List<String> a = new ArrayList<>(List.of(tools.bwrap().toString(), "--unshare-pid", "--unshare-net",
                "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--new-session", "--die-with-parent",
                "--clearenv"));
        if (asRoot) {
            a.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
        } else {
            a.addAll(List.of("--unshare-user", "--disable-userns"));
        }
        List<Path> bound = new ArrayList<>();
        for (Path d : SYSTEM_DIRS) {
            if (Files.isDirectory(d)) {
                a.addAll(List.of("--ro-bind", d.toString(), d.toString()));
                bound.add(d);
            }
        }
        for (Path l : SYSTEM_LINKS) {
            if (Files.isSymbolicLink(l)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(l).toString(), l.toString()));
                } catch (IOException e) {
                    // Unreadable link: leave it out; what it pointed to is under /usr anyway.
                }
            } else if (Files.isDirectory(l)) {
                a.addAll(List.of("--ro-bind", l.toString(), l.toString()));
                bound.add(l);
            }
        }
        // /tmp as on any system: everyone may write it, only an owner may remove a file there.
        a.addAll(List.of("--dev", DEV.toString(), "--proc", PROC.toString(), "--perms", "1777",
                "--size", Long.toString(limits.tmpBytes()), "--tmpfs", TMP.toString()));
        mounts(a, bound, jail);
        hide(a, bound, jail);
        env(a, jail, hostEnv);
        a.addAll(List.of("--chdir", jail.workingDirectory().toString(), "--"));
        if (asRoot) {
            a.addAll(List.of(tools.setpriv().toString(), "--reuid=" + SandboxDefaults.ROOT_SANDBOX_UID,
                    "--regid=" + SandboxDefaults.ROOT_SANDBOX_GID, "--clear-groups", "--"));
        }
        if (tools.prlimit() != null) {
            a.addAll(List.of(tools.prlimit().toString(), "--fsize=" + limits.maxFileBytes(), "--core=0"));
            if (asRoot) {
                a.add("--nproc=" + limits.maxProcesses());
            }
            a.add("--");
        }
        a.addAll(command);
        return a;
    }

    /** Binds parents before children; creates the folders above each bind that nothing else provides. */
    private static void mounts(List<String> a, List<Path> bound, Jail jail) {
        List<Mount> mounts = new ArrayList<>();
        jail.readOnly().forEach(p -> mounts.add(new Mount(Kind.READ_ONLY, p)));
        jail.devices().forEach(p -> mounts.add(new Mount(Kind.DEVICE, p)));
        mounts.add(new Mount(Kind.WRITABLE, jail.writableDir()));
        mounts.sort(Comparator.comparingInt(m -> m.path().getNameCount()));
        List<Path> readOnly = new ArrayList<>(bound);
        Set<Path> made = new HashSet<>();
        for (Mount m : mounts) {
            if (m.kind() == Kind.READ_ONLY && under(m.path(), readOnly)) {
                continue; // already visible, read-only, through a folder above it
            }
            if (m.kind() != Kind.WRITABLE && !Files.exists(m.path())) {
                continue;
            }
            for (int i = 1; i < m.path().getNameCount(); i++) {
                // Every folder above the mount that no bind provides is made here, traversable: bubblewrap
                // would otherwise copy the host folder's mode (root's home is 0700).
                Path above = m.path().getRoot().resolve(m.path().subpath(0, i));
                if (!above.equals(DEV) && !above.equals(PROC) && !above.equals(TMP) && !under(above, bound)
                        && made.add(above)) {
                    a.addAll(List.of("--perms", "0755", "--dir", above.toString()));
                }
            }
            String source = realOrSelf(m.path()).toString();
            String dest = m.path().toString();
            switch (m.kind()) {
                case READ_ONLY -> a.addAll(List.of("--ro-bind-try", source, dest));
                case DEVICE -> a.addAll(List.of("--dev-bind-try", source, dest));
                case WRITABLE -> a.addAll(List.of("--bind", source, dest));
                default -> throw new IllegalStateException(m.kind().toString());
            }
            bound.add(m.path());
            if (m.kind() == Kind.READ_ONLY) {
                readOnly.add(m.path());
            }
        }
    }

    /** Masks hidden paths that some bind would show: an empty tmpfs over a folder, /dev/null over a file. */
    private static void hide(List<String> a, List<Path> bound, Jail jail) {
        for (Path h : jail.hidden()) {
            if (!under(h, bound) || !Files.exists(h, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--perms", "0000", "--tmpfs", h.toString()));
            } else {
                a.addAll(List.of("--ro-bind", "/dev/null", h.toString()));
            }
        }
    }

    private static void env(List<String> a, Jail jail, Map<String, String> hostEnv) {
        a.addAll(List.of("--setenv", "PATH", SandboxDefaults.PATH, "--setenv", "HOME", jail.writableDir().toString(),
                "--setenv", "TMPDIR", TMP.toString(), "--setenv", "LANG", "C.UTF-8"));
        for (String name : SandboxDefaults.PASSED_ENVIRONMENT) {
            String v = hostEnv.get(name);
            if (v != null && !jail.env().containsKey(name)) {
                a.addAll(List.of("--setenv", name, v));
            }
        }
        jail.env().forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
    }

    /** True when {@code p} is one of {@code roots} or inside one. */
    static boolean under(Path p, List<Path> roots) {
        for (Path r : roots) {
            if (p.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
