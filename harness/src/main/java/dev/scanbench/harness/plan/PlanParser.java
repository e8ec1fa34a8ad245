package dev.scanbench.harness.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the launch plan declared in a kernel file. A directive is a line comment whose text starts with
 * {@code @plan}, one directive per line:
 * <pre>
 *   // @plan scratch &lt;name&gt; = &lt;expr&gt; bytes [zero]
 *   // @plan launch &lt;entry&gt; grid=&lt;expr&gt;[,&lt;expr&gt;[,&lt;expr&gt;]] block=&lt;expr&gt;[,...] [smem=&lt;expr&gt;] args=(&lt;arg&gt;, ...)
 * </pre>
 * ({@code #} instead of {@code //} in Triton {@code .py} files). Launches run in the order written.
 */
public final class PlanParser {
    private static final String MARKER = "@plan";
    // A directive hidden after code or inside a block comment would be silently ignored; refuse it instead.
    private static final Pattern MISPLACED = Pattern.compile(MARKER + "\\s+(scratch|launch|triton|flags)\\b");
    // "@plan triton" lines say how to compile a Triton kernel; the Triton bridge reads them, the plan does not.
    private static final Pattern TRITON = Pattern.compile(MARKER + "\\s+triton\\b");

    private static final Pattern FLAGS = Pattern.compile(MARKER + "\\s+flags\\b");

    private PlanParser() {
    }

    /** An example plan, shown to users whose file declares none. */
    public static String example(CommentStyle style) {
        String c = style.marker();
        return c + " @plan scratch tile_state = 16 * ceil_div(n, 4096) bytes zero\n"
                + c + " @plan launch scan_tiles grid=ceil_div(n, 4096) block=256 args=(x, y, n, tile_state)\n";
    }

    /**
     * Reads and parses the plan of a kernel file, choosing the comment style from its extension.
     *
     * @throws PlanException if the plan is missing or malformed (the message names file:line:column)
     * @throws IOException   if the file cannot be read
     */
    public static LaunchPlan parse(Path file) throws IOException, PlanException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(file.toString(), text, CommentStyle.forFile(file.getFileName().toString()));
    }

    /**
     * Parses the plan declared in a kernel's text.
     *
     * @param fileName the name used in error messages
     * @param text     the kernel file's content
     * @param style    which line comments carry directives
     * @throws PlanException if the plan is missing or malformed
     */
    public static LaunchPlan parse(String fileName, String text, CommentStyle style) throws PlanException {
        List<ScratchBuffer> scratch = new ArrayList<>();
        List<Launch> launches = new ArrayList<>();
        Map<String, ScratchBuffer> byName = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int lineNumber = i + 1;
            int at = directiveStart(line, style);
            if (at < 0) {
                Matcher m = MISPLACED.matcher(line);
                if (m.find()) {
                    throw new PlanException(new SourcePos(fileName, lineNumber, m.start() + 1),
                            "a @plan directive must be alone on a line comment starting with '"
                                    + style.marker() + "'");
                }
                continue;
            }
            SourcePos pos = new SourcePos(fileName, lineNumber, at + 1);
            if (TRITON.matcher(line).region(at, line.length()).lookingAt()) {
                if (style != CommentStyle.HASH) {
                    throw new PlanException(pos, "'@plan triton' directives belong in Triton .py candidates");
                }
                continue;
            }
            if (FLAGS.matcher(line).region(at, line.length()).lookingAt()) {
                // Compiler flags: read (and checked) by PlanFlags before the compile; nothing for the launches.
                PlanFlags.parseLine(fileName, lineNumber, line, at + MARKER.length(), style);
                continue;
            }
            List<Token> tokens = DirectiveLexer.tokens(line, at + MARKER.length(), fileName, lineNumber);
            Object directive = new DirectiveParser(new TokenCursor(tokens, fileName, lineNumber), pos).parse();
            if (directive instanceof ScratchBuffer s) {
                ScratchBuffer earlier = byName.putIfAbsent(s.name(), s);
                if (earlier != null) {
                    throw new PlanException(pos, "scratch '" + s.name() + "' is already declared at line "
                            + earlier.pos().line());
                }
                scratch.add(s);
            } else {
                launches.add((Launch) directive);
            }
        }
        if (launches.isEmpty()) {
            String what = scratch.isEmpty() ? "no launch plan found" : "the launch plan declares no launch";
            throw new PlanException(SourcePos.ofFile(fileName), what + ". Declare one in line comments,"
                    + " one directive per line, for example:\n" + example(style));
        }
        checkArgumentNames(launches, byName);
        return new LaunchPlan(fileName, scratch, launches);
    }

    /** Index of "@plan" when the line is a comment whose text starts with it, else -1. */
    private static int directiveStart(String line, CommentStyle style) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (!line.startsWith(style.marker(), i)) {
            return -1;
        }
        i += style.marker().length();
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (!line.startsWith(MARKER, i)) {
            return -1;
        }
        int after = i + MARKER.length();
        return after == line.length() || Character.isWhitespace(line.charAt(after)) ? i : -1;
    }

    private static void checkArgumentNames(List<Launch> launches, Map<String, ScratchBuffer> scratch)
            throws PlanException {
        for (Launch launch : launches) {
            checkArgNames(launch.args(), scratch);
        }
    }

    private static void checkArgNames(List<LaunchArg> args, Map<String, ScratchBuffer> scratch)
            throws PlanException {
        {
            for (LaunchArg arg : args) {
                checkArgNames(arg.fields(), scratch);
                if (arg.kind() == LaunchArg.Kind.SCRATCH && !scratch.containsKey(arg.name())) {
                    String known = scratch.isEmpty() ? "none is declared" : "declared: " + String.join(", ", scratch.keySet());
                    throw new PlanException(arg.pos(), "unknown argument '" + arg.name()
                            + "' (expected x, y, n, an integer or a scratch buffer name; " + known + ")");
                }
            }
        }
    }
}
