package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Test process: for i in 0..count-1, appends {@code {"writer":W,"submission":"s<i>"}} unless an entry with that
 * submission is in the log already, and prints how many it appended. Arguments: log path, count, writer id.
 */
public final class AppendOnceMain {

    private AppendOnceMain() {
    }

    public static void main(String[] args) throws Exception {
        ScoreLog log = new ScoreLog(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int writer = Integer.parseInt(args[2]);
        int appended = 0;
        for (int i = 0; i < count; i++) {
            ObjectNode payload = EntryCodec.mapper().createObjectNode().put("writer", writer)
                    .put("submission", "s" + i);
            if (log.appendOnce(payload, "submission", "s" + i).appended()) {
                appended++;
            }
        }
        System.out.println(appended);
    }
}
