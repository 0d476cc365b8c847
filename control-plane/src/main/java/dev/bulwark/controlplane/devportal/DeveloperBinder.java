package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.ProblemException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Controller parameters of type {@link DeveloperCaller} receive the developer admitted by
 * {@link DeveloperGate}; on a route without one, binding fails with 401 rather than inventing one.
 */
@Singleton
class DeveloperBinder implements TypedRequestArgumentBinder<DeveloperCaller> {
    @Override
    public Argument<DeveloperCaller> argumentType() {
        return Argument.of(DeveloperCaller.class);
    }

    @Override
    public BindingResult<DeveloperCaller> bind(ArgumentConversionContext<DeveloperCaller> context, HttpRequest<?> request) {
        DeveloperCaller caller = request.getAttribute(DeveloperGate.ATTRIBUTE, DeveloperCaller.class)
                .orElseThrow(ProblemException::unauthorized);
        return () -> Optional.of(caller);
    }
}
