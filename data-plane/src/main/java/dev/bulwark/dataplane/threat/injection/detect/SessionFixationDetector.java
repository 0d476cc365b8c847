package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Session fixation: a framework's session cookie name sent as a query, form or JSON parameter (the
 * frameworks that accept a session id from the URL adopt it, so the attacker knows the victim's
 * session), and values that set a cookie (a {@code Set-Cookie:} line, {@code document.cookie=}, a
 * {@code <meta http-equiv="Set-Cookie">}). A session parameter arriving from a page of the same site
 * is the site's own link (a URL-rewriting framework), not a planted one: the attacker's link comes
 * from elsewhere or from no page at all.
 */
public final class SessionFixationDetector implements Detector {
    static final Rule PARAMETER = Rule.of("session-fixation-parameter", ThreatFamily.SESSION_FIXATION,
            "A framework session identifier (PHPSESSID, JSESSIONID, ASP.NET_SessionId, laravel_session, connect.sid...) "
                    + "sent as a query, form or body parameter instead of a cookie.");
    static final Rule COOKIE_SETTER = Rule.of("session-fixation-cookie-setter", ThreatFamily.SESSION_FIXATION,
            "A value that sets a cookie: Set-Cookie:, document.cookie=, <meta http-equiv=\"Set-Cookie\">.");

    private static final List<Rule> RULES = List.of(PARAMETER, COOKIE_SETTER);
    /** Session cookie names of web frameworks: specific enough that no API uses them as an ordinary parameter. */
    private static final WordSet NAMES = WordSet.of("phpsessid", "phpsession", "jsessionid", "asp.net_sessionid", ".aspxauth",
            "aspxauth", "cfid", "cftoken", "cfsid", "jservsession", "jwsession", "weblogicsession", "laravel_session",
            "_flask_session", "connect.sid", "sails.sid", "koa.sess", "koa:sess", "express.sid", "play_session",
            "next-auth.session-token", "__secure-next-auth.session-token", "__host-next-auth.session-token", "meteor_login_token",
            "shiny-token", "cakephp", "ci_session", "_rails_session", "session-id", "symfony", "_gitlab_session", "sessid",
            "zend_session", "rack.session", "beaker.session.id", "frontend_session", "wordpress_logged_in");

    /** Parameter names are read as such (one lookup); a cookie setter needs {@code :} or {@code =}. */
    private static final Gate GATE = Gate.chars(Subject.COLON | Subject.EQUALS).kinds(InputKind.QUERY_NAME, InputKind.FORM_NAME,
            InputKind.MULTIPART_NAME, InputKind.JSON_KEY);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.SESSION_FIXATION;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        InputKind kind = s.kind();
        if (kind.isName() && kind != InputKind.COOKIE_NAME && !s.sameSiteReferer() && (NAMES.contains(t) || aspSession(t))) {
            return PARAMETER;
        }
        if (s.has(Subject.COLON | Subject.EQUALS) && s.has(Subject.LETTER) && setter(t)) {
            return COOKIE_SETTER;
        }
        return null;
    }

    /** Classic ASP names its cookie ASPSESSIONID followed by eight letters. */
    private static boolean aspSession(CharSequence t) {
        return t.length() > 12 && Ascii.matchesAt(t, 0, "aspsessionid");
    }

    private static boolean setter(CharSequence t) {
        int at = Ascii.indexOf(t, "set-cookie", 0);
        if (at >= 0) {
            int k = Ascii.skipSpaces(t, at + 10);
            if (k < t.length() && t.charAt(k) == ':' || Ascii.indexOf(t, "http-equiv", 0) >= 0) {
                return true;
            }
        }
        for (int i = Ascii.indexOf(t, "document.cookie", 0); i >= 0; i = Ascii.indexOf(t, "document.cookie", i + 15)) {
            int k = Ascii.skipSpaces(t, i + 15);
            if (k + 1 < t.length() && t.charAt(k) == '=' && t.charAt(k + 1) != '=') {
                return true;
            }
        }
        return false;
    }
}
