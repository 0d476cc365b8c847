package dev.bulwark.controlplane.billing.payment;

import java.util.Optional;

/**
 * The port a payment provider plugs into: it turns a provider's webhook request into a verified
 * payment, or refuses it. An adapter is a bean implementing this; the webhook endpoint finds it by
 * {@link #id()} ({@code POST /api/v1/billing/webhooks/{id}}). Marking the invoice paid, once per
 * idempotency key, is the endpoint's job, not the adapter's.
 */
public interface PaymentProvider {
    /** A verified payment notification. */
    record Payment(String idempotencyKey, String invoiceNumber, String reference) {
    }

    String id();

    /**
     * @param signature the provider's signature header, null when absent
     * @return empty when the request is not a payment (another event type): acknowledged, ignored
     * @throws SecurityException when the signature does not verify
     */
    Optional<Payment> verify(String signature, byte[] body);
}
