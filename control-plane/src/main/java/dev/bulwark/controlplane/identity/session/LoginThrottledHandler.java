package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.kernel.Problem;
import dev.bulwark.controlplane.kernel.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces(Problem.MEDIA_TYPE)
@Singleton
public class LoginThrottledHandler implements ExceptionHandler<LoginThrottledException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, LoginThrottledException exception) {
        return Problems.response(request, exception).header("Retry-After", Long.toString(exception.retryAfterSeconds()));
    }
}
