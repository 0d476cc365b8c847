package dev.bulwark.controlplane.billing.payment;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Payment providers' webhooks. Public (providers do not log in): the adapter's signature check is
 * the authentication, and an unverified request is 401 without detail.
 */
@Controller("/api/v1/billing/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class PaymentWebhookController {
    private final Map<String, PaymentProvider> providers;
    private final Payments payments;

    PaymentWebhookController(List<PaymentProvider> providers, Payments payments) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::id, Function.identity()));
        this.payments = payments;
    }

    @Post("/{provider}")
    @PublicEndpoint
    public Payments.Receipt receivePaymentEvent(String provider, @Nullable @Header("Bulwark-Signature") String signature,
                                                @Body byte[] body) {
        PaymentProvider adapter = providers.get(provider);
        if (adapter == null) {
            throw ProblemException.notFound("Payment provider");
        }
        PaymentProvider.Payment payment;
        try {
            payment = adapter.verify(signature, body).orElse(null);
        } catch (SecurityException e) {
            throw new ProblemException(401, "WEBHOOK_SIGNATURE_INVALID", "Unauthorized", "The webhook signature does not verify", null);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("body", "is not a JSON event");
        }
        if (payment == null) {
            return new Payments.Receipt(null, "ignored", false);
        }
        return payments.fromProvider(provider, payment, Instant.now());
    }
}
