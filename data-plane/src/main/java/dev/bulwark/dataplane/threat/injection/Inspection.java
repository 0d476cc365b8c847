package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Prefilter;
import dev.bulwark.dataplane.threat.injection.detect.Rule;
import dev.bulwark.dataplane.threat.injection.detect.Subject;
import dev.bulwark.dataplane.threat.injection.hint.TypeHint;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import dev.bulwark.dataplane.threat.injection.input.BodyInputs;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.input.InputSink;
import dev.bulwark.dataplane.threat.injection.text.EscapedIdentifiers;
import dev.bulwark.dataplane.threat.injection.text.Normalizer;
import java.util.List;

/**
 * One thread's inspection state, reused request after request: receives the extracted inputs,
 * normalises and locates each, and runs the detectors. Holds the first detection.
 */
final class Inspection implements InputSink {
    private static final int EXCERPT = 64;
    /** The classes of the characters {@code Normalizer} decodes or drops ({@code %}, {@code &}, {@code \}, non-ASCII, NUL). */
    private static final long DECODABLE = Subject.PERCENT | Subject.AMP | Subject.BACKSLASH | Subject.NON_ASCII | Subject.CONTROL;
    /** ... and {@code +}, a space in forms. */
    private static final long DECODABLE_IN_FORMS = DECODABLE | Subject.PLUS;

    private final Subject subject = new Subject();
    private final BodyInputs bodies = new BodyInputs();
    private final StringBuilder value = new StringBuilder(256);
    private final StringBuilder valueScratch = new StringBuilder(256);
    private final StringBuilder name = new StringBuilder(64);
    private final StringBuilder nameScratch = new StringBuilder(64);
    /** Where {@link #where} is built for inputs whose location is not handed over ready (path, parameters, headers). */
    private final StringBuilder location = new StringBuilder(64);
    /** The location of the input being inspected: {@link #location}, or the body walker's pointer as it stands. */
    private CharSequence where = location;
    private final Tail key = new Tail();
    private InspectionSettings settings;
    private Detector[] detectors;
    private Prefilter prefilter;
    private PrefilterMode mode;
    private TypeHints hints;
    private Detection detection;
    /** Whether the settings hold any exclusion: the per-detector checks cost a call and a loop per value otherwise. */
    private boolean excluding;

    Inspection begin(InspectionSettings settings, Detector[] detectors, Prefilter prefilter, PrefilterMode mode,
                     TypeHints hints) {
        this.settings = settings;
        this.detectors = detectors;
        this.prefilter = prefilter;
        this.mode = mode;
        this.hints = hints == null ? TypeHints.NONE : hints;
        this.detection = null;
        this.excluding = !settings.exclusions().isEmpty();
        this.where = location;
        subject.sameSiteReferer(false);
        return this;
    }

    Detection finish() {
        Detection found = detection;
        detection = null;
        hints = null;
        return found;
    }

    Inspection sameSiteReferer(boolean sameSite) {
        subject.sameSiteReferer(sameSite);
        return this;
    }

    BodyInputs bodies() {
        return bodies;
    }

    @Override
    public boolean path(CharSequence rawPath) {
        location.setLength(0);
        location.append("path");
        where = location;
        return inspect(InputKind.PATH, "", rawPath, false) || segments(rawPath);
    }

    /**
     * Each path segment read on its own by the families that parse a value from its start (SQL): a
     * REST application splices {@code /orders/{id}} into its query, so {@code /orders/1 OR 1=1} is
     * the injection {@code 1 OR 1=1}, which the whole path, led by a slash, does not read as. Segments
     * of unreserved characters only (ids, names, versions) cannot carry one and are skipped.
     */
    private boolean segments(CharSequence rawPath) {
        int n = rawPath.length();
        int start = 0;
        while (start < n) {
            int end = start;
            boolean plain = true;
            while (end < n && rawPath.charAt(end) != '/') {
                plain &= unreserved(rawPath.charAt(end));
                end++;
            }
            if (!plain && segment(rawPath.subSequence(start, end))) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** A {@code +} is read as a space here: applications that decode paths with a form decoder do, and so splice it. */
    private boolean segment(CharSequence raw) {
        CharSequence text = Normalizer.normalize(raw, true, value, valueScratch);
        if (everythingExcluded()) {
            return false;
        }
        subject.set(text, InputKind.PATH, "", settings.sensitivity());
        long admitted = admitted();
        for (long left = visited(admitted); left != 0; left &= left - 1) {
            int i = Long.numberOfTrailingZeros(left);
            Detector detector = detectors[i];
            if (!detector.readsSegments() || familyExcluded(detector) || skipped(admitted, i)) {
                continue;
            }
            if (found(detector.match(subject), text, false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                || c == '~';
    }

    @Override
    public boolean parameter(Source source, CharSequence rawName, CharSequence rawValue) {
        CharSequence decodedName = Normalizer.normalize(rawName, source.nameKind().formEncoded(), name, nameScratch);
        location.setLength(0);
        location.append(source.prefix()).append('.').append(decodedName);
        where = location;
        boolean cookie = source == Source.COOKIE;
        if (decodedName.length() > 0 && inspectDecoded(source.nameKind(), decodedName, decodedName, cookie)) {
            return true;
        }
        return rawValue.length() > 0 && inspect(source.valueKind(), decodedName, rawValue, cookie);
    }

    @Override
    public boolean header(String lowerName, CharSequence headerValue) {
        if (StructuredHeaders.conforms(lowerName, headerValue)) {
            return false;
        }
        location.setLength(0);
        location.append("header.").append(lowerName);
        where = location;
        return inspect(InputKind.HEADER, lowerName, headerValue, Secrets.sensitiveHeader(lowerName));
    }

    @Override
    public boolean value(InputKind kind, CharSequence at, CharSequence raw) {
        where = at;    // read, never kept: the walker does not move on before this returns
        if (kind == InputKind.JSON_KEY && hints.declaresKey(at, raw)) {
            return false;
        }
        int last = lastSeparator(at);
        CharSequence inputName = kind == InputKind.JSON_KEY ? raw : key.of(at, last + 1);
        return inspect(kind, inputName, raw, false);
    }

    /**
     * A value its type hint admits as it stands is not copied at all. Otherwise the subject is set
     * from the raw value first: its character classes tell whether the normaliser has anything to
     * decode (most values it has not), which saves the normaliser's own pass over them; a decoded
     * value is offered to the hint once more.
     */
    private boolean inspect(InputKind kind, CharSequence inputName, CharSequence raw, boolean secret) {
        if (everythingExcluded()) {
            return false;
        }
        TypeHint hint = kind.isName() ? null : hints.hint(where);
        if (hint != null && hint.admits(raw)) {
            return false;
        }
        subject.set(raw, kind, inputName, settings.sensitivity());
        if (!subject.has(kind.formEncoded() ? DECODABLE_IN_FORMS : DECODABLE)) {
            return inspectSet(raw, secret);
        }
        CharSequence text = Normalizer.normalize(raw, kind.formEncoded(), value, valueScratch);
        if (text != raw) {
            if (hint != null && hint.admits(text)) {
                return false;
            }
            subject.set(text, kind, inputName, settings.sensitivity()).escapedIdentifier(EscapedIdentifiers.present(raw));
        }
        return inspectSet(text, secret);
    }

    /** @param secret whether the input certainly holds a secret (a cookie, a credentials header); names are also checked on a finding */
    private boolean inspectDecoded(InputKind kind, CharSequence inputName, CharSequence text, boolean secret) {
        if (everythingExcluded()) {
            return false;
        }
        subject.set(text, kind, inputName, settings.sensitivity());
        return inspectSet(text, secret);
    }

    /** Runs the detectors on the subject, set to {@code text}. */
    private boolean inspectSet(CharSequence text, boolean secret) {
        CharSequence inputName = subject.name();
        long admitted = admitted();
        for (long left = visited(admitted); left != 0; left &= left - 1) {
            int i = Long.numberOfTrailingZeros(left);
            Detector detector = detectors[i];
            if (familyExcluded(detector) || skipped(admitted, i)) {
                continue;
            }
            Rule rule = detector.match(subject);
            // the name is searched for secret words only on a finding: it decides whether the excerpt may be kept
            if (rule != null && found(rule, text, secret || Secrets.sensitiveName(inputName))) {
                return true;
            }
        }
        return false;
    }

    /** The detectors to call on the subject as it is set now: those whose declaration it meets, or all. */
    private long admitted() {
        return mode == PrefilterMode.OFF ? prefilter.all() : prefilter.admitted(subject);
    }

    /** The detectors the loops visit, in order: the admitted ones, or every one in audit mode (see {@link #skipped}). */
    private long visited(long admitted) {
        return mode == PrefilterMode.AUDIT ? prefilter.all() : admitted;
    }

    /**
     * Whether detector {@code i} is not called. In audit mode it is called all the same, and a
     * finding it makes is a hole in its declaration.
     */
    private boolean skipped(long admitted, int i) {
        if ((admitted & 1L << i) != 0) {
            return false;
        }
        if (mode == PrefilterMode.AUDIT) {
            Rule rule = detectors[i].match(subject);
            if (rule != null) {
                throw new IllegalStateException("the prefilter skipped " + detectors[i].family() + ", whose rule " + rule.id()
                        + " matches " + where + " of kind " + subject.kind());
            }
        }
        return true;
    }

    /** Records {@code rule} as the detection when the sensitivity reports it and no exclusion waives it. */
    private boolean found(Rule rule, CharSequence text, boolean sensitive) {
        if (rule == null || rule.sensitivity() == ThreatSensitivity.STRICT && settings.sensitivity() != ThreatSensitivity.STRICT
                || ruleExcluded(rule)) {
            return false;
        }
        detection = new Detection(rule.id(), rule.family(), where.toString(), sensitive ? null : excerpt(text));
        return true;
    }

    private boolean everythingExcluded() {
        if (!excluding) {
            return false;
        }
        List<Exclusion> exclusions = settings.exclusions();
        for (int i = 0; i < exclusions.size(); i++) {
            Exclusion exclusion = exclusions.get(i);
            if (exclusion.everything() && exclusion.location().matches(where)) {
                return true;
            }
        }
        return false;
    }

    /** Indexed loops, and none at all without exclusions: these run for every detector on every value. */
    private boolean familyExcluded(Detector detector) {
        if (!excluding) {
            return false;
        }
        List<Exclusion> exclusions = settings.exclusions();
        for (int i = 0, n = exclusions.size(); i < n; i++) {
            Exclusion exclusion = exclusions.get(i);
            if (exclusion.families().contains(detector.family()) && exclusion.ruleIds().isEmpty()
                    && exclusion.location().matches(where)) {
                return true;
            }
        }
        return false;
    }

    private boolean ruleExcluded(Rule rule) {
        if (!excluding) {
            return false;
        }
        List<Exclusion> exclusions = settings.exclusions();
        for (int i = 0, n = exclusions.size(); i < n; i++) {
            Exclusion exclusion = exclusions.get(i);
            if (exclusion.ruleIds().contains(rule.id()) && exclusion.location().matches(where)) {
                return true;
            }
        }
        return false;
    }

    /** The start of the value, printable: control characters shown as spaces, cut to {@link #EXCERPT} characters. */
    private static String excerpt(CharSequence text) {
        int n = Math.min(text.length(), EXCERPT);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            chars[i] = c < 0x20 || c == 0x7F ? ' ' : c;
        }
        return text.length() > EXCERPT ? new String(chars) + "…" : new String(chars);
    }

    private static int lastSeparator(CharSequence s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '/' || c == '.') {
                return i;
            }
        }
        return -1;
    }

    /** The last segment of the location (the key of a JSON value), as a view. */
    private static final class Tail implements CharSequence {
        private CharSequence source = "";
        private int from;

        Tail of(CharSequence source, int from) {
            this.source = source;
            this.from = from;
            return this;
        }

        @Override
        public int length() {
            return source.length() - from;
        }

        @Override
        public char charAt(int index) {
            return source.charAt(from + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return source.subSequence(from + start, from + end);
        }

        @Override
        public String toString() {
            return source.subSequence(from, source.length()).toString();
        }
    }
}
