package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.sql.DatabaseSettings;
import dev.bulwark.controlplane.kernel.ErrorClassifier;
import dev.bulwark.controlplane.kernel.Problem;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Problems;
import dev.bulwark.controlplane.kernel.RequestIds;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-all: anything no more specific handler claims. Known shapes (a wrapped problem, a
 * JSON error, an optimistic-lock failure) keep their status; the rest is a 500 logged here with
 * the request id and answered without internals.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final DatabaseSettings database;

    public UnexpectedErrorHandler(DatabaseSettings database) {
        this.database = database;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Throwable exception) {
        ProblemException problem = ErrorClassifier.classify(500, exception);
        return respond(request, problem, exception, database);
    }

    /** Logs what is the server's fault and answers; an outage is one line, not a stack trace per request. */
    static MutableHttpResponse<Problem> respond(HttpRequest<?> request, ProblemException problem, Throwable cause, DatabaseSettings database) {
        if (ErrorClassifier.DATABASE_UNAVAILABLE.equals(problem.key())) {
            LOG.warn("request {} {} {}: database unavailable ({})", RequestIds.of(request), request.getMethodName(), request.getPath(),
                    cause.getClass().getSimpleName());
            return Problems.response(request, problem).header(HttpHeaders.RETRY_AFTER, Long.toString(database.retryAfterSeconds()));
        }
        if (problem.status() >= 500) {
            LOG.error("request {} {} {} failed", RequestIds.of(request), request.getMethodName(), request.getPath(), cause);
        }
        return Problems.response(request, problem);
    }
}
