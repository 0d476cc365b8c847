package dev.bulwark.dataplane.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseChecksTest {
    private static final String USER = "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
            + "\"name\":{\"type\":\"string\"},\"password\":{\"type\":\"string\",\"writeOnly\":true},"
            + "\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},"
            + "\"tags\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
            + "\"extra\":{\"type\":\"object\"},"
            + "\"friends\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Friend\"}}}}";
    private static final CompiledOperation GET_USER = compile(List.of(
            new OperationContract.Response("200", List.of(new OperationContract.Media("application/json", USER))),
            new OperationContract.Response("4XX", List.of(new OperationContract.Media("application/problem+json",
                    "{\"type\":\"object\",\"required\":[\"title\"]}"))),
            new OperationContract.Response("default", List.of())));

    private static CompiledOperation compile(List<OperationContract.Response> responses) {
        OperationEntry operation = new OperationEntry("getUser", "GET", "/users/{id}", List.of(), List.of(),
                new OperationContract(List.of(), null, responses));
        ApiEntry api = new ApiEntry("a", "t", "a", null, "/a", List.of("http://127.0.0.1:1"), List.of(operation), List.of(), null, null,
                "{\"Friend\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}}");
        return new OperationCompiler(new SchemaEngine()).compile(api, OperationCompiler.Definitions.of(api), operation, false, false, true);
    }

    private static ResponseChecks.Outcome check(int status, String contentType, String body, boolean filter) {
        return ResponseChecks.check(GET_USER, status, contentType, body.getBytes(StandardCharsets.UTF_8), filter);
    }

    @Test
    void undeclaredPropertiesAreRemovedAtAnyDepthWhereTheSchemaNamesItsProperties() {
        ResponseChecks.Outcome outcome = check(200, "application/json", "{\"id\":1,\"name\":\"ada\",\"passwordHash\":\"$2a$...\","
                + "\"address\":{\"city\":\"London\",\"gps\":\"51.5,0.1\"},\"tags\":{\"any\":\"kept\"},\"extra\":{\"free\":1},"
                + "\"friends\":[{\"id\":2,\"email\":\"x@example.com\"}]}", true);

        assertThat(outcome.removed()).containsExactlyInAnyOrder("response/passwordHash", "response/address/gps", "response/friends/0/email");
        assertThat(outcome.violations()).isEmpty();
        assertThat(new String(outcome.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1,\"name\":\"ada\",\"address\":{\"city\":\"London\"},"
                + "\"tags\":{\"any\":\"kept\"},\"extra\":{\"free\":1},\"friends\":[{\"id\":2}]}");
    }

    @Test
    void violationsAreNamedAndWriteOnlyPropertiesRefused() {
        ResponseChecks.Outcome outcome = check(200, "application/json", "{\"name\":5,\"password\":\"hunter2\",\"ssn\":\"x\"}", false);
        assertThat(outcome.body()).as("not filtering: nothing to send instead").isNull();
        assertThat(outcome.removed()).as("undeclared, whatever the mode").containsExactly("response/ssn");
        assertThat(outcome.violations()).containsExactlyInAnyOrder(new ContractViolation("response/id", "is required"),
                new ContractViolation("response/name", "must be a string"),
                new ContractViolation("response/password", "is write-only and cannot be returned"));
        assertThat(check(200, "application/json", "{\"id\":1}", false).clean()).isTrue();
    }

    @Test
    void statusAndMediaTypeMustBeDeclared() {
        assertThat(check(404, "application/problem+json", "{}", false).violations())
                .containsExactly(new ContractViolation("response/title", "is required"));
        assertThat(check(409, "text/html", "<html>", false).violations())
                .containsExactly(new ContractViolation("response", "has a media type the operation does not declare"));
        assertThat(check(500, "text/html", "<html>", false).clean()).as("default declares no content: anything").isTrue();
        assertThat(check(200, "text/html", "<html>", false).violations())
                .containsExactly(new ContractViolation("response", "has a media type the operation does not declare"));
        CompiledOperation only200 = compile(List.of(new OperationContract.Response("200", List.of())));
        assertThat(ResponseChecks.check(only200, 201, "application/json", new byte[0], false).violations())
                .containsExactly(new ContractViolation("response", "has a status the operation does not declare"));
    }

    @Test
    void errorBodiesThatLeakInternalsAreRecognisedAndOrdinaryOnesAreNot() {
        for (String leak : List.of(
                "java.lang.IllegalStateException: boom\n\tat com.example.Orders.get(Orders.java:42)\n",
                "{\"error\":\"Internal\",\"stackTrace\":[\"a\"]}",
                "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>",
                "ERROR: syntax error at or near \"'\" at character 42",
                "SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax",
                "ORA-00933: SQL command not properly ended",
                "TypeError: x is undefined\n    at Object.<anonymous> (/srv/app.js:3:9)",
                "panic: runtime error: index out of range\n\ngoroutine 1 [running]:")) {
            assertThat(ErrorBodies.leaksInternals(leak.getBytes(StandardCharsets.UTF_8))).as(leak).isTrue();
        }
        for (String benign : List.of("{\"title\":\"Not found\",\"detail\":\"No order 42\"}", "Service unavailable, try again later",
                "{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired\"}", "")) {
            assertThat(ErrorBodies.leaksInternals(benign.getBytes(StandardCharsets.UTF_8))).as(benign).isFalse();
        }
    }
}
