package dev.bulwark.contracts.apikey;

/** The environment label embedded in a key, so a staging key is recognisable at a glance. */
public enum KeyEnvironment {
    LIVE("bwk_live_"),
    TEST("bwk_test_");

    private final String prefix;

    KeyEnvironment(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    static KeyEnvironment ofKey(CharSequence key) {
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
