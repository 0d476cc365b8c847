package dev.bulwark.contracts.apikey;

/** The environment label embedded in a key, so a staging key is recognisable at a glance. */
public enum KeyEnvironment {
    /** Keys for the {@code production} environment. */
    LIVE("bwk_live_"),
    /** Keys for the {@code staging} environment. */
    TEST("bwk_test_");

    private final String prefix;

    KeyEnvironment(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * The keys a gateway serving {@code environment} accepts: {@code production} takes live keys,
     * {@code staging} test keys; null for any other name (no expectation).
     */
    public static KeyEnvironment servedBy(String environment) {
        return switch (environment == null ? "" : environment) {
            case "production" -> LIVE;
            case "staging" -> TEST;
            default -> null;
        };
    }

    /** The label a key carries, or null when it carries none. */
    public static KeyEnvironment ofKey(CharSequence key) {
        for (KeyEnvironment environment : values()) {
            if (startsWith(key, environment.prefix)) {
                return environment;
            }
        }
        return null;
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
