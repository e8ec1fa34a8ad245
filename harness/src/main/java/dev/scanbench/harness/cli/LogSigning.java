package dev.scanbench.harness.cli;

import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Path;

/** The CLI's side of signed logs: opening the keys that {@code --signing-key} and {@code --public-key} name. */
final class LogSigning {

    private LogSigning() {
    }

    /**
     * @param file the signing key option, or null
     * @return the key (created when missing), or null when no option was given
     * @throws CliFailure exit 3 when the sandbox is off (a candidate would run as the user and could read the
     *                    key, so its signature would prove nothing); exit 2 for an unusable key file
     */
    static LogSigningKey open(Path file) throws CliFailure {
        if (file == null) {
            return null;
        }
        Sandbox sandbox = Sandbox.detect();
        if (!sandbox.contained()) {
            throw new CliFailure(ExitCode.ENVIRONMENT, "--signing-key needs the sandbox, which keeps the key out of"
                    + " a candidate's reach, and it is off: " + sandbox.whyUncontained().orElse("not contained"));
        }
        try {
            return LogSigningKey.at(file);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--signing-key: " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.ENVIRONMENT, "--signing-key: cannot read or create " + file + ": " + e);
        }
    }

    /**
     * @param file the public key option, or null
     * @return the key, or null when no option was given
     * @throws CliFailure exit 2 when the file is missing or not an Ed25519 public key
     */
    static LogPublicKey publicKey(Path file) throws CliFailure {
        if (file == null) {
            return null;
        }
        try {
            return LogPublicKey.read(file);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--public-key: " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "--public-key: cannot read " + file + ": " + e.getMessage());
        }
    }
}
