package dev.bulwark.dataplane.config;

import java.util.List;

/** Start-up refused because of settings; the message lists every problem, one per line. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("invalid gateway settings:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
