package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/**
 * Controller parameters of type {@link Principal} (and {@link AuthenticatedSession}) receive the
 * caller authenticated by {@link AuthenticationFilter}; never anything from the request body.
 * On a route without a session (a public one) binding fails with 401 rather than inventing one.
 */
@Factory
class SessionBinders {

    @Singleton
    TypedRequestArgumentBinder<Principal> principalBinder() {
        return new TypedRequestArgumentBinder<>() {
            @Override
            public Argument<Principal> argumentType() {
                return Argument.of(Principal.class);
            }

            @Override
            public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> request) {
                Principal principal = Authentication.of(request).orElseThrow(ProblemException::unauthorized).principal();
                return () -> java.util.Optional.of(principal);
            }
        };
    }

    @Singleton
    TypedRequestArgumentBinder<AuthenticatedSession> sessionBinder() {
        return new TypedRequestArgumentBinder<>() {
            @Override
            public Argument<AuthenticatedSession> argumentType() {
                return Argument.of(AuthenticatedSession.class);
            }

            @Override
            public BindingResult<AuthenticatedSession> bind(ArgumentConversionContext<AuthenticatedSession> context, HttpRequest<?> request) {
                AuthenticatedSession session = Authentication.of(request).orElseThrow(ProblemException::unauthorized);
                return () -> java.util.Optional.of(session);
            }
        };
    }
}
