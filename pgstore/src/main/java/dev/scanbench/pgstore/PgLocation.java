package dev.scanbench.pgstore;

import dev.scanbench.harness.log.ScoreLogException;
import dev.scanbench.harness.log.ScoreStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

/**
 * A {@code jdbc:postgresql:} location and the credentials to open it: the role from the URL's {@code user} (else
 * $PGUSER, else the login name), the password from the URL, else $PGPASSWORD, else the first matching line of the
 * pgpass file ($PGPASSFILE, else ~/.pgpass; ignored unless owner-only, as libpq does). A password is never needed
 * on a command line.
 *
 * @param url      the JDBC URL as given
 * @param host     the first host
 * @param port     its port
 * @param database the database
 * @param user     the role
 * @param password the password, or null (then the server must not ask for one)
 */
record PgLocation(String url, String host, int port, String database, String user, String password) {

    /** @return the URL with any password hidden, for messages */
    String shown() {
        return ScoreStores.redact(url);
    }

    /** @return the role and password as JDBC connection properties (no password when there is none) */
    Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        return shown();
    }

    static PgLocation parse(String url, Map<String, String> env) throws IOException {
        Properties p = Driver.parseURL(url, null);
        if (p == null) {
            throw new ScoreLogException("not a PostgreSQL JDBC URL: " + ScoreStores.redact(url)
                    + " (expected jdbc:postgresql://HOST:PORT/DB?user=ROLE)", null);
        }
        String host = p.getProperty("PGHOST", "localhost").split(",")[0];
        int port;
        try {
            port = Integer.parseInt(p.getProperty("PGPORT", "5432").split(",")[0]);
        } catch (NumberFormatException e) {
            throw new ScoreLogException("not a port in " + ScoreStores.redact(url) + ": " + p.getProperty("PGPORT"),
                    null);
        }
        String database = p.getProperty("PGDBNAME", "");
        String user = firstOf(p.getProperty("user"), env.get("PGUSER"), System.getProperty("user.name"));
        String password = firstOf(p.getProperty("password"), env.get("PGPASSWORD"), null);
        if (password == null) {
            password = fromPassFile(env, host, port, database, user);
        }
        return new PgLocation(url, host, port, database, user, password);
    }

    private static String firstOf(String a, String b, String c) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        if (b != null && !b.isEmpty()) {
            return b;
        }
        return c;
    }

    /** The pgpass file's password for this connection, or null: {@code host:port:database:user:password}, {@code *}. */
    private static String fromPassFile(Map<String, String> env, String host, int port, String database, String user)
            throws IOException {
        String named = env.get("PGPASSFILE");
        Path file = named != null && !named.isEmpty() ? Path.of(named)
                : Path.of(System.getProperty("user.home"), ".pgpass");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                return null; // as libpq: a password file others can read is not trusted
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: take the file as it is
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() == 5 && matches(f.get(0), host) && matches(f.get(1), Integer.toString(port))
                    && matches(f.get(2), database) && matches(f.get(3), user)) {
                return f.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || (pattern.equals("localhost") && value.equals("127.0.0.1"));
    }

    /** Splits on unescaped ':'; a backslash escapes ':' and '\'. */
    private static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
