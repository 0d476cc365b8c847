package dev.bulwark.controlplane.billing.monetization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.plan.MeterPrice;
import dev.bulwark.billing.plan.Overage;
import dev.bulwark.billing.plan.PlanValidator;
import dev.bulwark.billing.plan.PriceTier;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.plan.TierMode;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Versioned prices of the tenant's consumer plans. A version is never edited (a trigger refuses
 * it) and never takes effect in the past, so a month is always priced by the versions in force
 * during it, whenever it is closed. Rules are the pricing library's ({@link PlanValidator}).
 */
@Singleton
public class PlanPrices {
    static final String REQUESTS = "requests";
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** A version as the pricing library prices it. */
    public record Version(Instant effectiveFrom, PricePlan plan) {
    }

    private final Sql sql;
    private final AuditTrail audit;

    PlanPrices(Sql sql, AuditTrail audit) {
        this.sql = sql;
        this.audit = audit;
    }

    @Transactional
    public PlanPrice add(Principal actor, UUID planId, PlanPrice.Set command, Instant now) {
        requirePlan(actor.tenantId(), planId);
        List<Violation> problems = new ArrayList<>();
        Instant effectiveFrom = command.effectiveFrom() == null ? now.truncatedTo(ChronoUnit.MICROS) : command.effectiveFrom();
        if (effectiveFrom.isBefore(now.minus(1, ChronoUnit.MINUTES))) {
            problems.add(new Violation("effectiveFrom", "must not be in the past: a price applies to months not yet begun or running"));
        }
        Currency currency = currency(command.currency(), problems);
        List<PlanPrice> history = history(actor.tenantId(), planId);
        if (currency != null && !history.isEmpty() && !history.getLast().currency().equals(currency.getCurrencyCode())) {
            problems.add(new Violation("currency", "must stay " + history.getLast().currency() + ", the currency of this plan's prices"));
        }
        String mode = command.tierMode() == null ? "graduated" : command.tierMode();
        if (!mode.equals("graduated") && !mode.equals("volume")) {
            problems.add(new Violation("tierMode", "must be graduated or volume"));
        }
        if (command.monthlyFee() == null) {
            problems.add(new Violation("monthlyFee", "is required (0 for none)"));
        }
        List<PlanPrice.Tier> tiers = command.tiers() == null ? List.of() : command.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == null || tiers.get(i).unitPrice() == null) {
                problems.add(new Violation("tiers[" + i + "].unitPrice", "is required"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        PlanPrice price = new PlanPrice(effectiveFrom, currency.getCurrencyCode(), command.monthlyFee(),
                command.includedRequests() == null ? 0 : command.includedRequests(), mode, tiers);
        for (dev.bulwark.billing.plan.Violation violation : PlanValidator.violations(pricePlan(planId, price))) {
            problems.add(new Violation(wirePath(violation.path()), violation.message()));
        }
        if (!history.isEmpty() && !effectiveFrom.isAfter(history.getLast().effectiveFrom())) {
            problems.add(new Violation("effectiveFrom", "must be after " + history.getLast().effectiveFrom() + ", the latest version"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        sql.update("INSERT INTO plan_price (tenant_id, plan_id, effective_from, currency, monthly_fee, included_requests, tier_mode, tiers, "
                        + "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)", actor.tenantId(), planId, effectiveFrom,
                price.currency(), price.monthlyFee(), price.includedRequests(), mode, json(tiers), actor.userId());
        audit.record(actor, "plan.price.add", "plan", planId.toString(), history.isEmpty() ? null : history.getLast(), price);
        return price;
    }

    /** Every version of the plan's price, oldest first; 404 for another tenant's plan. */
    @Transactional(readOnly = true)
    public List<PlanPrice> history(TenantId tenant, UUID planId) {
        requirePlan(tenant, planId);
        return sql.list("SELECT * FROM plan_price WHERE tenant_id = ? AND plan_id = ? ORDER BY effective_from",
                PlanPrices::price, tenant, planId);
    }

    /** The versions in force before {@code before}, oldest first, as the pricing library prices them (id: the plan's id). */
    public List<Version> timeline(TenantId tenant, UUID planId, Instant before) {
        return sql.list("SELECT * FROM plan_price WHERE tenant_id = ? AND plan_id = ? AND effective_from < ? ORDER BY effective_from",
                PlanPrices::price, tenant, planId, before).stream()
                .map(price -> new Version(price.effectiveFrom(), pricePlan(planId, price))).toList();
    }

    /** 404 for a plan of another tenant (or none); plain SQL, so billing does not depend on the catalog's packages. */
    private void requirePlan(TenantId tenant, UUID planId) {
        if (sql.one("SELECT 1 FROM plan WHERE tenant_id = ? AND id = ?", row -> 1, tenant, planId).isEmpty()) {
            throw ProblemException.notFound("Plan");
        }
    }

    static PricePlan pricePlan(UUID planId, PlanPrice price) {
        Currency currency = Currency.getInstance(price.currency());
        List<PriceTier> tiers = price.tiers().stream().map(tier -> new PriceTier(
                tier.upTo() == null ? OptionalLong.empty() : OptionalLong.of(tier.upTo()), Money.of(tier.unitPrice(), currency),
                Money.of(tier.flatFee() == null ? BigDecimal.ZERO : tier.flatFee(), currency))).toList();
        // A flat price (no tiers) caps nothing at the gateway; requests beyond the included ones are simply not priced.
        Overage overage = tiers.isEmpty() ? Overage.hardCap()
                : new Overage.Billed("volume".equals(price.tierMode()) ? TierMode.VOLUME : TierMode.GRADUATED, tiers);
        return new PricePlan(planId.toString(), currency, Money.of(price.monthlyFee(), currency),
                List.of(new MeterPrice(REQUESTS, price.includedRequests(), overage)));
    }

    /** The library's paths name its own model ({@code meters[0].overage.tiers[1].upTo}); the API's are flat. */
    private static String wirePath(String path) {
        return path.replace("meters[0].overage.", "").replace("meters[0].includedUnits", "includedRequests")
                .replace("meters[0].", "");
    }

    private static Currency currency(String code, List<Violation> problems) {
        try {
            Currency currency = Currency.getInstance(code == null ? "" : code.toUpperCase(Locale.ROOT));
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException(code);
            }
            return currency;
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("currency", "must be an ISO 4217 currency code such as EUR"));
            return null;
        }
    }

    private static PlanPrice price(ResultSet row) throws SQLException {
        try {
            return new PlanPrice(Sql.instant(row, "effective_from"), row.getString("currency"), row.getBigDecimal("monthly_fee").stripTrailingZeros(),
                    row.getLong("included_requests"), row.getString("tier_mode"),
                    JSON.readValue(row.getString("tiers"), new TypeReference<List<PlanPrice.Tier>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable plan price", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
