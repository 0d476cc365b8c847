package dev.bulwark.controlplane.identity.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Log-in throttling ({@code bulwark.identity.login-throttle.*}). After {@code accountFreeFailures}
 * failures for one email (or {@code ipFreeFailures} from one address) within {@code window}, each
 * further failure locks that key for {@code baseDelay * 2^(n - free)}, at most {@code maxDelay}.
 */
@ConfigurationProperties("bulwark.identity.login-throttle")
public record ThrottleSettings(@Bindable(defaultValue = "5") int accountFreeFailures,
                               @Bindable(defaultValue = "30") int ipFreeFailures,
                               @Bindable(defaultValue = "1s") Duration baseDelay,
                               @Bindable(defaultValue = "15m") Duration maxDelay,
                               @Bindable(defaultValue = "1h") Duration window) {
}
