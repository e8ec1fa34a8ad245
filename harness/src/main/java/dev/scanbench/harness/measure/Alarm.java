package dev.scanbench.harness.measure;

/**
 * One named finding about a measurement's times.
 *
 * @param kind     what was found
 * @param severity {@code kind}'s severity, repeated so that JSON readers need not know the table
 * @param message  the finding in words, with the numbers behind it
 */
public record Alarm(AlarmKind kind, Severity severity, String message) {

    /** @throws IllegalArgumentException when the severity is not the kind's */
    public Alarm {
        if (severity != kind.severity()) {
            throw new IllegalArgumentException(kind + " is a " + kind.severity() + ", not a " + severity);
        }
    }

    /** A finding of {@code kind}, at its severity. */
    public static Alarm of(AlarmKind kind, String message) {
        return new Alarm(kind, kind.severity(), message);
    }
}
