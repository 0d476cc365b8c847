package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API4 and API6: limits on what one request or one client can consume. */
class ResourceConsumptionRulesTest {

    private static final String UNBOUNDED = HEADER + """
            paths:
              /search:
                get:
                  parameters:
                    - {name: q, in: query, schema: {type: string}}
                    - {name: limit, in: query, schema: {type: integer, minimum: 1}}
                    - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
                    - {name: since, in: query, schema: {type: string, format: date-time}}
                  responses: {'200': {description: ok}}
              /batches:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            items: {type: array, items: {type: string, maxLength: 64}}
                            id: {type: string, readOnly: true}
                  responses: {'202': {description: accepted}}
            """;

    private static final String BOUNDED = HEADER + """
            paths:
              /search:
                get:
                  parameters:
                    - {name: q, in: query, schema: {type: string, maxLength: 200}}
                    - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
                  responses: {'200': {description: ok}, '429': {description: slow down}}
              /batches:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            items: {type: array, maxItems: 500, items: {type: string, maxLength: 64}}
                  responses: {'202': {description: accepted}, '429': {description: slow down}}
            """;

    @Nested
    class UnboundedString {

        @Test
        void firesOnFreeTextButNotOnEnumsFormatsOrReadOnly() {
            assertThat(run(new UnboundedStringRule(), UNBOUNDED)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1search/get/parameters/0/schema");
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API4);
            });
        }

        @Test
        void silentWithMaxLength() {
            assertThat(run(new UnboundedStringRule(), BOUNDED)).isEmpty();
        }
    }

    @Nested
    class UnboundedArray {

        @Test
        void firesOnArrayWithoutMaxItems() {
            assertThat(run(new UnboundedArrayRule(), UNBOUNDED)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString(
                        "/paths/~1batches/post/requestBody/content/application~1json/schema/properties/items");
                assertThat(f.message()).contains("'items'");
            });
        }

        @Test
        void silentWithMaxItems() {
            assertThat(run(new UnboundedArrayRule(), BOUNDED)).isEmpty();
        }
    }

    @Nested
    class UnboundedNumber {

        @Test
        void firesWhenOnlyOneEndIsBounded() {
            assertThat(run(new UnboundedNumberRule(), UNBOUNDED)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1search/get/parameters/1/schema");
                assertThat(f.message()).endsWith("without maximum.");
            });
        }

        @Test
        void silentWithBothEnds() {
            assertThat(run(new UnboundedNumberRule(), BOUNDED)).isEmpty();
        }

        @Test
        void exclusiveBoundsOf31Count() {
            String exclusive = """
                    openapi: 3.1.0
                    info: {title: t, version: '1'}
                    paths:
                      /a:
                        get:
                          parameters:
                            - {name: ratio, in: query, schema: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}}
                          responses: {'200': {description: ok}}
                    """;

            assertThat(run(new UnboundedNumberRule(), exclusive)).isEmpty();
        }
    }

    @Nested
    class MissingRateLimit {

        @Test
        void firesPerOperationWithout429() {
            assertThat(locations(run(new MissingRateLimitRule(), UNBOUNDED)))
                    .containsExactly("/paths/~1search/get/responses", "/paths/~1batches/post/responses");
        }

        @Test
        void silentWhen429IsDeclared() {
            assertThat(run(new MissingRateLimitRule(), BOUNDED)).isEmpty();
        }
    }

    @Nested
    class UnthrottledBusinessFlow {

        private static final String FLOWS = HEADER + """
                paths:
                  /auth/sign-in:
                    post:
                      responses: {'200': {description: ok}}
                  /carts/{cartId}/checkout:
                    post:
                      operationId: checkoutCart
                      responses: {'200': {description: ok}}
                  /checkout-faq:
                    get:
                      responses: {'200': {description: ok}}
                  /notes:
                    post:
                      responses: {'201': {description: ok}}
                """;

        @Test
        void firesOnSensitiveWritesOnly() {
            assertThat(run(new UnthrottledBusinessFlowRule(), FLOWS))
                    .extracting(f -> f.location().toString())
                    .containsExactly("/paths/~1auth~1sign-in/post", "/paths/~1carts~1{cartId}~1checkout/post");
        }

        @Test
        void silentWhenThrottlingIsDeclared() {
            String throttled = FLOWS.replace("{'200': {description: ok}}",
                    "{'200': {description: ok}, '429': {description: too many}}");

            assertThat(run(new UnthrottledBusinessFlowRule(), throttled)).isEmpty();
        }
    }
}
