package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/** Which inputs may hold secrets, so that a security event never carries an excerpt of them. */
final class Secrets {
    private static final String[] SECRET_WORDS = {"password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
        "auth", "session", "credential", "private", "signature", "otp", "pin"};

    private Secrets() {
    }

    static boolean sensitiveHeader(String lowerName) {
        return lowerName.equals("authorization") || lowerName.equals("proxy-authorization") || lowerName.equals("cookie")
                || lowerName.equals("set-cookie") || sensitiveName(lowerName) || lowerName.endsWith("-key");
    }

    static boolean sensitiveName(CharSequence name) {
        for (String word : SECRET_WORDS) {
            if (Ascii.contains(name, word)) {
                return true;
            }
        }
        return false;
    }
}
