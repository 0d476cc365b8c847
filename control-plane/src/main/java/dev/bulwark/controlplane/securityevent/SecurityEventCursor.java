package dev.bulwark.controlplane.securityevent;

import dev.bulwark.controlplane.kernel.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Keyset position in the newest-first listing: the last row's (occurredAt, id), opaque to clients
 * (base64url of {@code <epoch-micros>|<id>}). A cursor only narrows the caller's own tenant's rows.
 */
record SecurityEventCursor(Instant occurredAt, String id) {
    String encode() {
        long micros = occurredAt.getEpochSecond() * 1_000_000 + occurredAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static SecurityEventCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            long micros = Long.parseLong(plain.substring(0, bar));
            String id = plain.substring(bar + 1);
            if (id.isEmpty() || id.length() > 128) {
                throw new IllegalArgumentException("id");
            }
            return new SecurityEventCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1_000L), id);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "cursor is not one this API returned");
        }
    }
}
