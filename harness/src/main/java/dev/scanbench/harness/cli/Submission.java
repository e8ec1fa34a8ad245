package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who submitted a scoring run and why, as {@code score --label/--note} give them: the entry's {@code label} (what
 * the leaderboard and report group by) and {@code note}, both null when not given.
 *
 * @param label who or what submitted it: an agent run, a person
 * @param note  free text
 * @param id    the scoring service's id of the submission this run scores ({@code score --submission}), by which
 *              the service finds a run it already logged; null outside the service
 */
record Submission(String label, String note, String id) {
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The longest label: a name for a table cell, not a description. */
    static final int MAX_LABEL = 100;
    /** The longest note. */
    static final int MAX_NOTE = 4000;

    /**
     * Checks the options.
     *
     * @throws CliFailure (usage) for a blank or over-long label, a label with control characters, an over-long note
     */
    static Submission of(String label, String note) throws CliFailure {
        return of(label, note, null);
    }

    /**
     * Checks the options, with a service's submission id.
     *
     * @throws CliFailure (usage) as {@link #of(String, String)}, and for an id that is not 1 to 64 letters, digits,
     *                    {@code _} or {@code -}
     */
    static Submission of(String label, String note, String id) throws CliFailure {
        if (id != null && !ID.matcher(id).matches()) {
            throw new CliFailure(ExitCode.USAGE, "--submission must be 1 to 64 letters, digits, '_' or '-', starting"
                    + " with a letter or digit, got \"" + id + "\"");
        }
        if (label != null) {
            if (label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
                throw new CliFailure(ExitCode.USAGE, "--label must be 1 to " + MAX_LABEL
                        + " characters on one line, not blank, got \"" + label.replace("\n", "\\n") + "\"");
            }
            label = label.strip();
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw new CliFailure(ExitCode.USAGE, "--note must be at most " + MAX_NOTE + " characters, got "
                    + note.length());
        }
        return new Submission(label, note, id);
    }

    void addTo(ObjectNode record) {
        record.put("label", label);
        record.put("note", note);
        if (id != null) {
            record.put("submission", id);
        }
    }
}
