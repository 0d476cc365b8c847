package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Server-side template and expression-language injection: template delimiters
 * (<code>{{ }}</code>, <code>${ }</code>, <code>#{ }</code>, <code>*{ }</code>, {@code <% %>}) around an
 * expression (an operator, a call, an index, a string), template statements ({@code {% if %}},
 * FreeMarker and Velocity directives), Perl's code interpolation and server-side includes. A plain
 * placeholder ({@code {{name}}}, <code>${user.id}</code>) is ordinary data for a template-driven API
 * and fires only at strict.
 */
public final class TemplateDetector implements Detector {
    static final Rule EXPRESSION = Rule.of("template-expression", ThreatFamily.TEMPLATE,
            "An expression inside template delimiters ({{7*7}}, ${T(...)}, #{...}, <%= ... %> with operators or calls).");
    static final Rule STATEMENT = Rule.of("template-statement", ThreatFamily.TEMPLATE,
            "A template statement or directive ({% if %}, {% import %}, <#assign>, ?new(), #set(), <% if %>).");
    static final Rule PERL_INTERPOLATION = Rule.of("template-perl-interpolation", ThreatFamily.TEMPLATE,
            "Perl's @{[ ... ]} code interpolation inside a string.");
    static final Rule SSI = Rule.of("template-ssi-directive", ThreatFamily.TEMPLATE,
            "A server-side include directive (<!--#exec, <!--#include, <!--#echo, <!--#set).");
    static final Rule PLACEHOLDER = Rule.strict("template-placeholder", ThreatFamily.TEMPLATE,
            "Strict: any template placeholder ({{name}}, ${name}).");

    private static final List<Rule> RULES = List.of(EXPRESSION, STATEMENT, PERL_INTERPOLATION, SSI, PLACEHOLDER);
    private static final WordSet STATEMENTS = WordSet.of("if", "elif", "else", "endif", "for", "endfor", "set", "import", "include",
            "extends", "macro", "block", "raw", "with", "load", "debug", "print", "call", "filter", "from", "autoescape",
            "verbatim", "exec", "while", "each", "end", "require", "eval", "system", "unless", "case", "when", "assign",
            "capture", "tablerow", "cycle", "render", "liquid");
    private static final WordSet SSI_DIRECTIVES = WordSet.of("exec", "include", "echo", "set", "config", "printenv", "fsize",
            "flastmod", "if", "elif", "else", "endif");
    private static final int CONTENT = 256;

    /** Every rule needs an opening brace, a {@code <}, a {@code ?}, a {@code #} or a {@code %}. */
    private static final Gate GATE = Gate.chars(Subject.LBRACE | Subject.LT | Subject.QUESTION | Subject.HASH | Subject.PERCENT);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.TEMPLATE;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.has(Subject.AT) && s.has(Subject.LBRACE) && perl(t)) {
            return PERL_INTERPOLATION;
        }
        if (s.has(Subject.LT) && s.has(Subject.HASH) && ssi(t)) {
            return SSI;
        }
        if (s.has(Subject.LT | Subject.QUESTION | Subject.HASH) && directive(t)) {
            return STATEMENT;
        }
        if (!s.has(Subject.LBRACE | Subject.PERCENT)) {
            return null;
        }
        int n = t.length();
        boolean placeholder = false;
        for (int i = 0; i + 1 < n; i++) {
            char c = t.charAt(i);
            char next = t.charAt(i + 1);
            int open = -1;
            String close = null;
            if (c == '{' && next == '{') {
                open = i + 2;
                close = "}}";
            } else if ((c == '$' || c == '#' || c == '*' || c == '@') && next == '{') {
                open = i + 2;
                close = "}";
            } else if (c == '{' && next == '%') {
                int k = Ascii.skipSpaces(t, i + 2);
                if (k < n && t.charAt(k) == '-') {
                    k = Ascii.skipSpaces(t, k + 1);
                }
                if (STATEMENTS.contains(t, k, Ascii.wordEnd(t, k))) {
                    return STATEMENT;
                }
                continue;
            } else if (c == '<' && next == '%') {
                open = i + 2;
                close = "%>";
                while (open < n && (t.charAt(open) == '=' || t.charAt(open) == '-' || t.charAt(open) == '#')) {
                    open++;
                }
                int k = Ascii.skipSpaces(t, open);
                if (STATEMENTS.contains(t, k, Ascii.wordEnd(t, k))) {
                    return STATEMENT;
                }
            } else {
                continue;
            }
            int end = closing(t, open, close);
            if (end < 0) {
                continue;
            }
            if (expression(t, open, end)) {
                return EXPRESSION;
            }
            placeholder |= end > open;
        }
        return placeholder && s.strict() ? PLACEHOLDER : null;
    }

    /**
     * Where {@code close} ends the content opened at {@code open}, within {@link #CONTENT} characters and
     * before any other {@code {} (so that runs of openers cost nothing), or -1.
     */
    private static int closing(CharSequence t, int open, String close) {
        for (int k = open, end = Math.min(t.length(), open + CONTENT); k < end; k++) {
            char c = t.charAt(k);
            if (c == close.charAt(0) && Ascii.matchesAt(t, k, close)) {
                return k;
            }
            if (c == '{') {
                return -1;
            }
        }
        return -1;
    }

    /** Content that computes rather than names: an operator, a call, an index, a string, a dunder, a type reference. */
    private static boolean expression(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            switch (c) {
                case '(', ')', '[', ']', '*', '+', '/', '%', '\'', '"', '=', ';', '<', '>', '!', '^', '~', '&', '`', '?', '\\' -> {
                    return true;
                }
                case '-' -> {
                    if (i > from && Ascii.isDigit(t.charAt(i - 1)) || i + 1 < to && Ascii.isDigit(t.charAt(i + 1))) {
                        return true;
                    }
                }
                case '_' -> {
                    if (i + 1 < to && t.charAt(i + 1) == '_') {
                        return true;
                    }
                }
                case ':' -> {
                    if (i + 1 < to && t.charAt(i + 1) == ':') {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** {@code @{[ ... ]}}: Perl runs the code inside when it interpolates the string. */
    private static boolean perl(CharSequence t) {
        for (int i = 0, n = t.length(); i + 1 < n; i++) {
            if (t.charAt(i) == '@' && t.charAt(i + 1) == '{') {
                int k = Ascii.skipSpaces(t, i + 2);
                if (k < n && t.charAt(k) == '[') {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean ssi(CharSequence t) {
        for (int i = Ascii.indexOf(t, "<!--#", 0); i >= 0; i = Ascii.indexOf(t, "<!--#", i + 5)) {
            int end = Ascii.wordEnd(t, i + 5);
            if (SSI_DIRECTIVES.contains(t, i + 5, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * FreeMarker ({@code <#assign}, {@code ?new()}, {@code ?api}) and Velocity ({@code #set(}, {@code #foreach(}) directives:
     * one pass that tries the directives only where their first character stands (URLs carry {@code ?} and {@code #}).
     */
    private static boolean directive(CharSequence t) {
        for (int i = 0, n = t.length(); i < n; i++) {
            boolean found = switch (t.charAt(i)) {
                case '<' -> Ascii.matchesAt(t, i, "<#assign") || Ascii.matchesAt(t, i, "<#list") || Ascii.matchesAt(t, i, "<#if");
                case '?' -> Ascii.matchesAt(t, i, "?new(") || Ascii.matchesAt(t, i, "?api.");
                case '#' -> Ascii.matchesAt(t, i, "#set(") || Ascii.matchesAt(t, i, "#set (") || Ascii.matchesAt(t, i, "#foreach(")
                        || Ascii.matchesAt(t, i, "#evaluate(") || Ascii.matchesAt(t, i, "#include(") || Ascii.matchesAt(t, i, "#parse(");
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}
