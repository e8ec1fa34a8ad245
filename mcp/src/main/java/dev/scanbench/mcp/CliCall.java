package dev.scanbench.mcp;

import dev.scanbench.harness.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * One command line run through the CLI's own entry ({@link Main#run}) in this JVM, stdout and stderr captured, so
 * that a tool's result is byte for byte the command's {@code --json}. Calls are serialised: the commands share
 * process-wide state (the compile cache's files, the score log's lock), and the machine has few cores anyway. The
 * candidate still runs in a fresh sandboxed worker process, which each command starts as it does from a shell.
 */
final class CliCall {
    private static final Object ONE_AT_A_TIME = new Object();

    /** What the command printed and the exit code it returned. */
    record Result(int exitCode, String out, String err) {
    }

    private CliCall() {
    }

    /**
     * @param args     the command line after {@code workbench}
     * @param progress receives each stderr line as it is printed (the commands' progress lines)
     */
    static Result run(List<String> args, Consumer<String> progress) {
        synchronized (ONE_AT_A_TIME) {
            StringWriter out = new StringWriter();
            LineWriter err = new LineWriter(progress);
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            return new Result(code, out.toString(), err.text());
        }
    }

    /** Keeps everything written and hands each finished line to a listener. */
    private static final class LineWriter extends Writer {
        private final StringBuilder all = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private final Consumer<String> listener;

        LineWriter(Consumer<String> listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                all.append(c);
                if (c == '\n') {
                    String done = line.toString().strip();
                    line.setLength(0);
                    if (!done.isEmpty()) {
                        try {
                            listener.accept(done);
                        } catch (RuntimeException e) {
                            // A client that went away must not fail the command.
                        }
                    }
                } else {
                    line.append(c);
                }
            }
        }

        synchronized String text() {
            return all.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
