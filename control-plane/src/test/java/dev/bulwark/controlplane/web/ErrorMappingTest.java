package dev.bulwark.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Limits;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every class of error the API can meet is problem+json with a stable key, the field named, and no internals. */
@MicronautTest(transactional = false)
class ErrorMappingTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "ErrorMappingTest");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    @Introspected
    record Inner(@NotBlank String label) {
    }

    @Introspected
    record Command(@NotBlank @Size(max = 10) String name, @NotNull @Max(100) Integer count, @Nullable Role role,
                   @Nullable @Valid List<Inner> inner) {
    }

    @Requires(property = "spec.name", value = "ErrorMappingTest")
    @Controller("/api/v1/errors")
    @PublicEndpoint
    static class ErrorsController {
        @Post("/command")
        Map<String, Object> command(@Valid @Body Command command) {
            return Map.of("ok", true);
        }

        @Put("/versioned")
        Map<String, Object> versioned(HttpRequest<?> request, @Body Map<String, Object> body) {
            ETags.check(ETags.requiredVersion(request), 3);
            return Map.of("ok", true);
        }

        @Get("/boom")
        String boom() {
            throw new IllegalStateException("database host db-internal.prod:5432 refused SELECT * FROM secrets");
        }

        @Get("/paged")
        Map<String, Object> paged(@QueryValue @Nullable Integer limit) {
            return Map.of("limit", Limits.parse(limit));
        }
    }

    private Reply postJson(String json) {
        return api.send(HttpRequest.POST("/api/v1/errors/command", json).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static void assertProblem(Reply reply, int status, String key) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.key()).isEqualTo(key);
        assertThat(reply.body().path("type").asText()).startsWith("https://bulwark.dev/problems/");
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("requestId").asText()).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
        assertThat(reply.body().toString()).doesNotContain("Exception", "jackson", "micronaut", "java.", "dev.bulwark");
    }

    private static String field(Reply reply) {
        return reply.body().path("errors").get(0).path("path").asText();
    }

    @Test
    void malformedJson() {
        assertProblem(postJson("{\"name\": \"x\", "), 400, "MALFORMED_JSON");
        assertProblem(postJson("[1, 2]"), 400, "MALFORMED_JSON");
    }

    @Test
    void unknownFieldIsNamed() {
        Reply reply = postJson("{\"name\": \"x\", \"count\": 1, \"isAdmin\": true}");
        assertProblem(reply, 400, "UNKNOWN_FIELD");
        assertThat(field(reply)).isEqualTo("isAdmin");
        Reply nested = postJson("{\"name\": \"x\", \"count\": 1, \"inner\": [{\"label\": \"a\", \"extra\": 1}]}");
        assertThat(field(nested)).isEqualTo("inner[0].extra");
    }

    @Test
    void wrongTypesAndInvalidEnumsAreNamed() {
        Reply wrongType = postJson("{\"name\": \"x\", \"count\": \"many\"}");
        assertProblem(wrongType, 400, "INVALID_FIELD_VALUE");
        assertThat(field(wrongType)).isEqualTo("count");
        Reply fraction = postJson("{\"name\": \"x\", \"count\": 1.5}");
        assertThat(field(fraction)).isEqualTo("count");
        Reply badEnum = postJson("{\"name\": \"x\", \"count\": 1, \"role\": \"superuser\"}");
        assertProblem(badEnum, 400, "INVALID_FIELD_VALUE");
        assertThat(field(badEnum)).isEqualTo("role");
        assertThat(badEnum.body().path("errors").get(0).path("message").asText()).contains("viewer", "owner");
    }

    @Test
    void missingAndInvalidFieldsAreListed() {
        Reply reply = postJson("{\"name\": \"far too long a name\", \"inner\": [{\"label\": \"\"}]}");
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertThat(reply.body().findValuesAsText("path")).containsExactly("count", "inner[0].label", "name");
        assertProblem(postJson(""), 400, "VALIDATION_FAILED");
    }

    @Test
    void oversizeBody() {
        String big = "{\"name\": \"" + "x".repeat(3 * 1024 * 1024) + "\", \"count\": 1}";
        assertProblem(postJson(big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownRouteWrongMethodAndMediaType() {
        assertProblem(api.send(HttpRequest.GET("/api/v1/no-such-thing")), 404, "NOT_FOUND");
        assertProblem(api.send(HttpRequest.DELETE("/api/v1/errors/command")), 405, "METHOD_NOT_ALLOWED");
        assertProblem(api.send(HttpRequest.POST("/api/v1/errors/command", "name=x").contentType(MediaType.TEXT_PLAIN_TYPE)), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void preconditions() {
        assertProblem(api.send(HttpRequest.PUT("/api/v1/errors/versioned", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)), 428,
                "PRECONDITION_REQUIRED");
        assertProblem(api.send(HttpRequest.PUT("/api/v1/errors/versioned", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "W/\"2\"")), 412, "PRECONDITION_FAILED");
        assertThat(api.send(HttpRequest.PUT("/api/v1/errors/versioned", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "W/\"3\"")).status()).isEqualTo(200);
    }

    @Test
    void queryParameters() {
        assertProblem(api.send(HttpRequest.GET("/api/v1/errors/paged?limit=abc")), 400, "INVALID_PARAMETER");
        Reply outOfRange = api.send(HttpRequest.GET("/api/v1/errors/paged?limit=500"));
        assertProblem(outOfRange, 400, "VALIDATION_FAILED");
        assertThat(field(outOfRange)).isEqualTo("limit");
    }

    @Test
    void unexpectedErrorsAreLoggedWithTheRequestIdAndAnsweredWithoutInternals() {
        Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedErrorHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Reply reply = api.send(HttpRequest.GET("/api/v1/errors/boom").header("X-Request-Id", "req-boom-12345"));
            assertProblem(reply, 500, "INTERNAL_ERROR");
            assertThat(reply.body().toString()).doesNotContain("db-internal", "SELECT");
            assertThat(reply.body().path("requestId").asText()).isEqualTo("req-boom-12345");
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains("req-boom-12345");
                assertThat(event.getThrowableProxy().getMessage()).contains("db-internal");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }
}
