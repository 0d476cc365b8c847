package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.sql.DatabaseSettings;
import dev.bulwark.controlplane.kernel.ErrorClassifier;
import dev.bulwark.controlplane.kernel.Problem;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Problems;
import dev.bulwark.controlplane.kernel.RequestIds;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error Micronaut itself produces (unknown route, wrong method, unsupported media
 * type, oversize body, unreadable JSON, failed validation) as problem+json, so clients see one
 * error model whatever failed.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    private final DatabaseSettings database;

    public ProblemErrorResponseProcessor(DatabaseSettings database) {
        this.database = database;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        ProblemException problem = ErrorClassifier.classify(response.code(), cause);
        if (ErrorClassifier.DATABASE_UNAVAILABLE.equals(problem.key())) {
            LOG.warn("request {}: database unavailable", RequestIds.of(context.getRequest()));
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(database.retryAfterSeconds()));
        } else if (problem.status() >= 500) {
            LOG.error("request {} failed", RequestIds.of(context.getRequest()), cause);
        }
        return response.status(problem.status())
                .contentType(Problems.MEDIA_TYPE)
                .body(Problem.of(problem, context.getRequest().getPath(), RequestIds.of(context.getRequest())));
    }
}
