package dev.bulwark.dataplane.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context (traceparent version 00). A valid incoming traceparent keeps its trace id and
 * flags, and gets the gateway's own span as parent id; an absent or invalid one is replaced by a
 * new trace.
 */
public final class TraceContext {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int LENGTH = 55;

    private TraceContext() {
    }

    public static boolean isValid(String traceparent) {
        if (traceparent == null || traceparent.length() != LENGTH || !traceparent.startsWith("00-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return false;
        }
        return isHex(traceparent, 3, 35) && isHex(traceparent, 36, 52) && isHex(traceparent, 53, 55)
                && !isZero(traceparent, 3, 35) && !isZero(traceparent, 36, 52);
    }

    /** The traceparent to send upstream: same trace and flags, new parent id; or a new trace. */
    public static String next(String incoming) {
        char[] out = new char[LENGTH];
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (isValid(incoming)) {
            incoming.getChars(3, 35, out, 3);
            incoming.getChars(53, 55, out, 53);
        } else {
            hex(random.nextLong() | 1L, out, 3);
            hex(random.nextLong(), out, 19);
            out[53] = '0';
            out[54] = '1';
        }
        out[35] = '-';
        hex(random.nextLong() | 1L, out, 36);
        out[52] = '-';
        return new String(out);
    }

    /** The trace id of a traceparent produced by {@link #next}. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** 32 hex characters of randomness, for request ids. */
    public static String randomId() {
        char[] out = new char[32];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        hex(random.nextLong(), out, 0);
        hex(random.nextLong(), out, 16);
        return new String(out);
    }

    private static void hex(long value, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
