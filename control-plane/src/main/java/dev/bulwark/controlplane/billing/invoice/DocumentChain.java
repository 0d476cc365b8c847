package dev.bulwark.controlplane.billing.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues billing documents: the next gapless number of the series and the next link of the hash
 * chain, both taken from rows locked by the issuing transaction (a rollback returns both), then
 * the insert. {@link #verify} recomputes the chain from the stored documents.
 */
@Singleton
public class DocumentChain {
    private static final ObjectMapper CANONICAL = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Sql sql;

    DocumentChain(Sql sql) {
        this.sql = sql;
    }

    /** The content a document is hashed over: everything but its payment status. */
    public record Content(UUID id, UUID tenantId, String kind, String number, String periodLabel, Instant periodStart, Instant periodEnd,
                   String timeZone, String currency, Object lines, Object usage, BigDecimal subtotal, BigDecimal taxRate,
                   BigDecimal tax, BigDecimal total, UUID creditedDocument, String reason, Instant issuedAt, Instant dueAt,
                   UUID developerId, UUID applicationId) {
    }

    /** Must run inside the issuing transaction. {@code content.number} is ignored: the series gives it. */
    public void issue(String series, Content draft) {
        issue(series, series, draft);
    }

    /**
     * Issues in {@code series} (a counter row, created at its first use), numbered {@code prefix-000001}:
     * a tenant's developer invoices have a series of their own and a prefix shared by every tenant.
     */
    public void issue(String series, String prefix, Content draft) {
        sql.update("INSERT INTO billing_number_series VALUES (?, 0) ON CONFLICT (series) DO NOTHING", series);
        long next = sql.one("UPDATE billing_number_series SET last_number = last_number + 1 WHERE series = ? RETURNING last_number",
                row -> row.getLong(1), series).orElseThrow();
        Content content = new Content(draft.id(), draft.tenantId(), draft.kind(), "%s-%06d".formatted(prefix, next), draft.periodLabel(),
                draft.periodStart(), draft.periodEnd(), draft.timeZone(), draft.currency(), draft.lines(), draft.usage(), draft.subtotal(),
                draft.taxRate(), draft.tax(), draft.total(), draft.creditedDocument(), draft.reason(), draft.issuedAt(), draft.dueAt(),
                draft.developerId(), draft.applicationId());
        record Head(String hash, long position) {
        }
        Head head = sql.one("SELECT hash, position FROM billing_chain_head FOR UPDATE",
                row -> new Head(row.getString("hash"), row.getLong("position"))).orElseThrow();
        String hash = hash(head.hash(), content);
        long position = head.position() + 1;
        sql.update("UPDATE billing_chain_head SET hash = ?, position = ?", hash, position);
        sql.update("INSERT INTO billing_document (id, tenant_id, kind, number, period_start, period_end, period_label, time_zone, currency, "
                        + "lines, usage, subtotal, tax_rate, tax, total, credited_document, reason, issued_at, due_at, chain_position, "
                        + "previous_hash, hash, developer_id, application_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                content.id(), content.tenantId(), content.kind(), content.number(), content.periodStart(), content.periodEnd(),
                content.periodLabel(), content.timeZone(), content.currency(), json(content.lines()), json(content.usage()),
                content.subtotal(), content.taxRate(), content.tax(), content.total(), content.creditedDocument(), content.reason(),
                content.issuedAt(), content.dueAt(), position, head.hash(), hash, content.developerId(), content.applicationId());
    }

    /** Recomputes every link from the stored content; the numbers of documents whose link does not hold. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    public List<String> verifyInTransaction() {
        String[] previous = {"0".repeat(64)};
        List<String> broken = new java.util.ArrayList<>();
        sql.list("SELECT * FROM billing_document ORDER BY chain_position", row -> {
            Content content = new Content(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class), row.getString("kind"),
                    row.getString("number"), row.getString("period_label"), Sql.instant(row, "period_start"), Sql.instant(row, "period_end"),
                    row.getString("time_zone"), row.getString("currency"), parse(row.getString("lines")), parse(row.getString("usage")),
                    row.getBigDecimal("subtotal"), row.getBigDecimal("tax_rate"), row.getBigDecimal("tax"), row.getBigDecimal("total"),
                    row.getObject("credited_document", UUID.class), row.getString("reason"), Sql.instant(row, "issued_at"),
                    Sql.instant(row, "due_at"), row.getObject("developer_id", UUID.class), row.getObject("application_id", UUID.class));
            String expected = hash(previous[0], content);
            if (!expected.equals(row.getString("hash")) || !previous[0].equals(row.getString("previous_hash"))) {
                broken.add(row.getString("number"));
            }
            previous[0] = row.getString("hash");
            return null;
        });
        return broken;
    }

    static String hash(String previous, Content content) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("id", content.id().toString());
        canonical.put("tenantId", content.tenantId().toString());
        canonical.put("kind", content.kind());
        canonical.put("number", content.number());
        canonical.put("periodLabel", content.periodLabel());
        canonical.put("periodStart", content.periodStart().toString());
        canonical.put("periodEnd", content.periodEnd().toString());
        canonical.put("timeZone", content.timeZone());
        canonical.put("currency", content.currency());
        canonical.put("lines", CANONICAL.convertValue(content.lines(), Object.class));
        canonical.put("usage", CANONICAL.convertValue(content.usage(), Object.class));
        canonical.put("subtotal", plain(content.subtotal()));
        canonical.put("taxRate", plain(content.taxRate()));
        canonical.put("tax", plain(content.tax()));
        canonical.put("total", plain(content.total()));
        canonical.put("creditedDocument", content.creditedDocument() == null ? null : content.creditedDocument().toString());
        canonical.put("reason", content.reason());
        canonical.put("issuedAt", content.issuedAt().toString());
        canonical.put("dueAt", content.dueAt().toString());
        // Only developer invoices carry these, so the links of documents issued before them still hold.
        if (content.developerId() != null) {
            canonical.put("developerId", content.developerId().toString());
            canonical.put("applicationId", content.applicationId().toString());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(CANONICAL.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a billing document", e);
        }
    }

    /** Scale-free text, so 14.05 and the column's 14.0500 hash alike. */
    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object parse(String json) {
        try {
            return CANONICAL.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
