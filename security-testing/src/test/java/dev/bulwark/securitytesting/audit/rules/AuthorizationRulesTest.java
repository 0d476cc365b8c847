package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API1 and API5: objects addressed by id, functions that change state. */
class AuthorizationRulesTest {

    private static final String OPEN_USERS = HEADER + """
            paths:
              /users/{userId}:
                parameters:
                  - {name: userId, in: path, required: true, schema: {type: integer, format: int64}}
                get:
                  responses: {'200': {description: ok}}
                delete:
                  responses: {'204': {description: deleted}}
              /status:
                get:
                  responses: {'200': {description: ok}}
            """;

    private static final String SECURED_USERS = HEADER + """
            security: [{oauth: [users]}]
            paths:
              /users/{userId}:
                parameters:
                  - {name: userId, in: path, required: true, schema: {type: string, format: uuid}}
                get:
                  responses: {'200': {description: ok}}
                delete:
                  responses: {'204': {description: deleted}}
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows:
                    clientCredentials: {tokenUrl: 'https://id.example.com/token', scopes: {users: users}}
            """;

    @Nested
    class UnprotectedObjectId {

        @Test
        void readIsHighAndDeleteIsCritical() {
            List<Finding> findings = run(new UnprotectedObjectIdRule(), OPEN_USERS);

            assertThat(findings)
                    .extracting(f -> f.location().toString(), Finding::severity)
                    .containsExactly(
                            tuple("/paths/~1users~1{userId}/get", Severity.HIGH),
                            tuple("/paths/~1users~1{userId}/delete", Severity.CRITICAL));
            assertThat(findings).allSatisfy(f -> {
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API1);
                assertThat(f.message()).contains("'userId' (path)");
            });
        }

        @Test
        void silentWhenCallerIsAuthenticated() {
            assertThat(run(new UnprotectedObjectIdRule(), SECURED_USERS)).isEmpty();
        }
    }

    @Nested
    class SequentialObjectId {

        @Test
        void integerIdIsReportedOnceAtItsSharedDeclaration() {
            List<Finding> findings = run(new SequentialObjectIdRule(), OPEN_USERS);

            // Both operations share the path-level parameter; the auditor's de-duplication relies on
            // the rule producing identical findings for it.
            assertThat(findings).hasSize(2)
                    .extracting(Finding::location, Finding::message, Finding::operations)
                    .containsExactly(
                            tuple(JsonPointer.parse("/paths/~1users~1{userId}/parameters/0"), findings.get(0).message(),
                                    List.of("GET /users/{userId}")),
                            tuple(JsonPointer.parse("/paths/~1users~1{userId}/parameters/0"), findings.get(0).message(),
                                    List.of("DELETE /users/{userId}")));
        }

        @Test
        void referencedParameterIsLocatedInComponents() {
            String viaRef = HEADER + """
                    paths:
                      /orders/{orderId}:
                        get:
                          parameters: [{$ref: '#/components/parameters/OrderId'}]
                          responses: {'200': {description: ok}}
                    components:
                      parameters:
                        OrderId: {name: orderId, in: path, required: true, schema: {type: integer}}
                    """;

            assertThat(locations(run(new SequentialObjectIdRule(), viaRef)))
                    .containsExactly("/components/parameters/OrderId");
        }

        @Test
        void silentForUuids() {
            assertThat(run(new SequentialObjectIdRule(), SECURED_USERS)).isEmpty();
        }
    }

    @Nested
    class WriteWithoutSecurity {

        @Test
        void firesOnAnonymousDeleteOnly() {
            assertThat(run(new WriteWithoutSecurityRule(), OPEN_USERS)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1users~1{userId}/delete");
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API5);
                assertThat(f.message()).startsWith("DELETE /users/{userId} changes state");
            });
        }

        @Test
        void silentWhenSecured() {
            assertThat(run(new WriteWithoutSecurityRule(), SECURED_USERS)).isEmpty();
        }

        @Test
        void silentWhenTheGatewayAuthenticatesEveryOperation() {
            assertThat(run(new WriteWithoutSecurityRule(), OPEN_USERS, "api-key")).isEmpty();
            assertThat(run(new WriteWithoutSecurityRule(), OPEN_USERS, "jwt")).isEmpty();
            assertThat(run(new WriteWithoutSecurityRule(), OPEN_USERS, "rate-limit")).hasSize(1);
        }

        @Test
        void logInAndSignUpAreAnonymousByDesign() {
            String flows = HEADER + """
                    paths:
                      /auth/login: {post: {responses: {'200': {description: ok}}}}
                      /users/register: {post: {responses: {'201': {description: ok}}}}
                      /oauth/token: {post: {responses: {'200': {description: ok}}}}
                      /users: {post: {responses: {'201': {description: ok}}}}
                    """;

            assertThat(locations(run(new WriteWithoutSecurityRule(), flows))).containsExactly("/paths/~1users/post");
        }
    }

    @Nested
    class ObjectReferencesInRealApis {

        private static final String GITHUB_LIKE = HEADER + """
                paths:
                  /repos/{owner}/{repo}/issues/{issue_number}:
                    get:
                      parameters:
                        - {name: owner, in: path, required: true, schema: {type: string}}
                        - {name: repo, in: path, required: true, schema: {type: string}}
                        - {name: issue_number, in: path, required: true, schema: {type: integer}}
                      responses: {'200': {description: ok}}
                  /customers/{customer}:
                    get:
                      parameters: [{name: customer, in: path, required: true, schema: {type: string, maxLength: 5000}}]
                      responses: {'200': {description: ok}}
                  /books/{book_title}/reviews:
                    get:
                      parameters:
                        - {name: book_title, in: path, required: true, schema: {type: string}}
                        - {name: reviewer_id, in: query, schema: {type: string}}
                        - {name: format, in: query, schema: {type: string, enum: [json, xml]}}
                        - {name: X-Request-ID, in: header, schema: {type: string}}
                      responses: {'200': {description: ok}}
                  /reports/{day}/{format}:
                    get:
                      parameters:
                        - {name: day, in: path, required: true, schema: {type: string, format: date}}
                        - {name: format, in: path, required: true, schema: {type: string, enum: [pdf, csv]}}
                      responses: {'200': {description: ok}}
                  /transfers:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                source_account: {type: string, format: uuid}
                                destinationAccountId: {type: string}
                                id: {type: string, readOnly: true}
                                amount: {type: number}
                      responses: {'201': {description: ok}}
                """;

        @Test
        void pathParametersByPositionQueryAndBodyByNameOrFormat() {
            assertThat(run(new UnprotectedObjectIdRule(), GITHUB_LIKE)).extracting(Finding::message).containsExactly(
                    "GET /repos/{owner}/{repo}/issues/{issue_number} addresses objects by 'owner' (path), 'repo' (path), "
                            + "'issue_number' (path) without authenticating the caller, so ownership cannot be checked.",
                    "GET /customers/{customer} addresses objects by 'customer' (path) without authenticating the "
                            + "caller, so ownership cannot be checked.",
                    "GET /books/{book_title}/reviews addresses objects by 'book_title' (path), 'reviewer_id' (query) "
                            + "without authenticating the caller, so ownership cannot be checked.",
                    "POST /transfers addresses objects by 'source_account' (body), 'destinationAccountId' (body) "
                            + "without authenticating the caller, so ownership cannot be checked.");
        }

        @Test
        void integerReferencesAreSequentialWhereverTheyAre() {
            assertThat(run(new SequentialObjectIdRule(), GITHUB_LIKE)).extracting(Finding::message)
                    .containsExactly("Object reference 'issue_number' (path) is an integer, so valid identifiers can "
                            + "be enumerated by counting.");
        }
    }
}
