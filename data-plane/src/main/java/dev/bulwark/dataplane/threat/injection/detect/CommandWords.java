package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/** The command vocabularies, and how a word found in command position is classified. */
final class CommandWords {
    static final int NONE = 0;
    /** A program name with no other common meaning. */
    static final int DISTINCTIVE = 1;
    /** A program name that is also an ordinary word: a command only with command syntax around it. */
    static final int AMBIGUOUS = 2;
    /** A program that runs its argument as a command ({@code nohup}, {@code sudo}, {@code time}). */
    static final int WRAPPER = 3;

    static final WordSet UNIX = WordSet.resource(CommandWords.class, "unix-commands.txt");
    static final WordSet COMMON = WordSet.resource(CommandWords.class, "unix-commands-common.txt");
    static final WordSet WRAPPERS = WordSet.resource(CommandWords.class, "command-wrappers.txt");
    static final WordSet WINDOWS = WordSet.resource(CommandWords.class, "windows-commands.txt");
    static final WordSet INTERPRETERS = WordSet.resource(CommandWords.class, "interpreters.txt");
    /** Every program name of the lists above: one lookup rejects the words that are none. */
    private static final WordSet ANY = union(UNIX, COMMON, WRAPPERS, WINDOWS);

    /**
     * Tools whose bare name, as a whole value, already means a command: reconnaissance and account
     * tools no form field holds as data (unlike {@code python} or {@code docker}, which name products).
     */
    static final WordSet RECON = WordSet.of("whoami", "ifconfig", "ipconfig", "iwconfig", "netstat", "uname", "visudo", "useradd",
            "adduser", "usermod", "userdel", "chpasswd", "mkfifo", "systeminfo", "tasklist", "nslookup", "getent", "lsof", "lsmod",
            "dmesg", "printenv", "sestatus", "hostnamectl", "crontab", "pkexec", "sudoedit", "ncat", "netcat", "socat", "wmic",
            "certutil", "bitsadmin", "nltest", "lastlog", "lastb", "faillog", "cscli");

    /** Subcommands that make a package or container tool's name a command line ({@code pip3 install x}, {@code docker run x}). */
    static final WordSet SUBCOMMANDS = WordSet.of("install", "uninstall", "exec", "run");

    /** Builtins whose {@code name=value} argument defines a command or its environment. */
    static final WordSet DEFINERS = WordSet.of("alias", "export", "declare", "typeset", "readonly");

    /** Flags after an interpreter that make it execute the next argument. */
    static final WordSet EXEC_FLAGS = WordSet.of("-c", "-e", "-r", "-i", "-m", "-x", "-ex", "-ne", "-pe", "-le", "--eval",
            "--exec", "--execute", "--command", "-command", "-enc", "-encodedcommand", "-nop", "-noprofile", "-w", "/c", "/k", "/r",
            "-nlvp", "-lvp", "-lnvp", "-l");

    private CommandWords() {
    }

    /** Classifies the word in {@code w[0, length)} (already cleaned of quotes and escapes). */
    static int classify(CharSequence w) {
        return classify(w, 0, w.length());
    }

    /** Classifies the word {@code w[start, end)}. */
    static int classify(CharSequence w, int start, int end) {
        int from = programStart(w, start, end);
        int to = end;
        if (to - from >= 4 && Ascii.matchesAt(w, to - 4, ".exe")) {
            to -= 4;
        }
        if (to <= from) {
            return NONE;
        }
        boolean versioned = Ascii.isDigit(w.charAt(to - 1));
        if (!versioned && !ANY.contains(w, from, to)) {
            return NONE;
        }
        if (WRAPPERS.contains(w, from, to)) {
            return WRAPPER;
        }
        if (COMMON.contains(w, from, to)) {
            return AMBIGUOUS;
        }
        if (UNIX.contains(w, from, to) || WINDOWS.contains(w, from, to)) {
            return DISTINCTIVE;
        }
        int unversioned = versionStart(w, from, to);
        if (unversioned < to && unversioned - from >= 2) {
            if (COMMON.contains(w, from, unversioned)) {
                return AMBIGUOUS;
            }
            if (UNIX.contains(w, from, unversioned)) {
                return DISTINCTIVE;
            }
        }
        return NONE;
    }

    static boolean isRecon(CharSequence w) {
        int from = programStart(w);
        int to = w.length();
        if (to - from >= 4 && Ascii.matchesAt(w, to - 4, ".exe")) {
            to -= 4;
        }
        return RECON.contains(w, from, to) || hyphenated(w, from, to) && UNIX.contains(w, from, to);
    }

    static boolean isInterpreter(CharSequence w) {
        if (w.length() > 1 && w.charAt(0) == '$') {
            int from = w.charAt(1) == '{' ? 2 : 1;
            int to = w.charAt(w.length() - 1) == '}' ? w.length() - 1 : w.length();
            return to - from == 5 && (Ascii.matchesAt(w, from, "shell") || Ascii.matchesAt(w, from, "bash"));
        }
        int from = programStart(w);
        int to = versionStart(w, from, w.length());
        return INTERPRETERS.contains(w, from, w.length()) || to - from >= 2 && INTERPRETERS.contains(w, from, to);
    }

    /**
     * Where the program name starts: after the directory of an absolute or relative path
     * ({@code /usr/bin/perl}, {@code ./x}, {@code bin/visudo}), else 0. A word with a slash in the
     * middle ({@code and/or}, {@code curl/7.81}) is not a path to a program.
     */
    static int programStart(CharSequence w) {
        return programStart(w, 0, w.length());
    }

    static int programStart(CharSequence w, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return start;
        }
        int lastSlash = -1;
        for (int i = end - 1; i >= start; i--) {
            char c = w.charAt(i);
            if (c == '/' || c == '\\') {
                lastSlash = i;
                break;
            }
        }
        if (lastSlash < 0) {
            return start;
        }
        char first = w.charAt(start);
        boolean path = first == '/' || first == '~' || first == '.' && n > 1 && w.charAt(start + 1) == '/'
                || Ascii.indexOf(w, "bin/", start, end) >= 0 || n > 2 && w.charAt(start + 1) == ':' && w.charAt(start + 2) == '\\';
        return path ? lastSlash + 1 : start;
    }

    private static WordSet union(WordSet... sets) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (WordSet set : sets) {
            words.addAll(set.words());
        }
        return WordSet.of(words);
    }

    /** Start of a trailing version suffix ({@code python3.10}, {@code php7}), or {@code to} when none. */
    private static int versionStart(CharSequence w, int from, int to) {
        int i = to;
        while (i > from && (Ascii.isDigit(w.charAt(i - 1)) || w.charAt(i - 1) == '.')) {
            i--;
        }
        return i;
    }

    private static boolean hyphenated(CharSequence w, int from, int to) {
        for (int i = from + 1; i < to - 1; i++) {
            if (w.charAt(i) == '-') {
                return true;
            }
        }
        return false;
    }
}
