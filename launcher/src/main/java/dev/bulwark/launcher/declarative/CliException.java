package dev.bulwark.launcher.declarative;

/** A failure the command reports in one line and exits 1 for: bad files, unreachable server, impossible change. */
class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
