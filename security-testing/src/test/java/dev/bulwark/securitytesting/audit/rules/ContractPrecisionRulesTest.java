package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The data-validation rules added for parity with Spectral's OWASP ruleset, and the error-response rules. */
class ContractPrecisionRulesTest {

    private static final String INPUTS = HEADER + """
            paths:
              /orders:
                post:
                  parameters:
                    - {name: q, in: query, schema: {type: string, maxLength: 50}}
                    - {name: day, in: query, schema: {type: string, format: date}}
                    - {name: sku, in: query, schema: {type: string, maxLength: 12, pattern: '^[A-Z0-9]+$'}}
                    - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
                    - {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
                    - {name: size, in: query, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Order'}
                      text/csv: {}
                  responses:
                    '201': {description: created}
            components:
              schemas:
                Order:
                  type: object
                  additionalProperties: false
                  properties:
                    note: {type: string, maxLength: 200}
                    quantity: {type: integer, minimum: 1, maximum: 10}
            """;

    @Nested
    class UnrestrictedString {

        @Test
        void stringsWithoutFormatPatternOrEnumAreNamedByParameterOrProperty() {
            assertThat(run(new UnrestrictedStringRule(), INPUTS)).extracting(Finding::message).containsExactlyInAnyOrder(
                    "Parameter 'q' is a string with no format, pattern or enum.",
                    "Input property 'note' is a string with no format, pattern or enum.");
        }

        @Test
        void countsAgainstDataValidation() {
            assertThat(new UnrestrictedStringRule().descriptor().part()).isEqualTo(ScorePart.DATA_VALIDATION);
        }
    }

    @Nested
    class IntegerFormat {

        @Test
        void integersWithoutAWidthAreReported() {
            assertThat(locations(run(new IntegerFormatRule(), INPUTS))).containsExactlyInAnyOrder(
                    "/paths/~1orders/post/parameters/4/schema",
                    "/components/schemas/Order/properties/quantity");
        }
    }

    @Nested
    class RequestWithoutSchema {

        @Test
        void aStructuredMediaTypeWithoutSchemaAcceptsAnything() {
            String body = INPUTS.replace("text/csv: {}", "application/xml: {}\n          application/octet-stream: {}");

            assertThat(locations(run(new RequestWithoutSchemaRule(), body)))
                    .containsExactly("/paths/~1orders/post/requestBody/content/application~1xml");
            assertThat(run(new RequestWithoutSchemaRule(), INPUTS)).isEmpty();
        }
    }

    @Nested
    class ErrorResponses {

        @Test
        void anOperationWithInputMustDeclare400Or422AndEveryOperationA500() {
            assertThat(run(new MissingErrorResponsesRule(), INPUTS)).singleElement()
                    .satisfies(f -> assertThat(f.message()).isEqualTo("POST /orders takes input but declares neither 400 nor 422."));
            assertThat(run(new MissingServerErrorResponseRule(), INPUTS)).hasSize(1);

            String declared = INPUTS.replace("'201': {description: created}",
                    "'201': {description: created}\n        '422': {description: invalid}\n        default: {description: error}");
            assertThat(run(new MissingErrorResponsesRule(), declared)).isEmpty();
            assertThat(run(new MissingServerErrorResponseRule(), declared)).isEmpty();
        }

        @Test
        void anOperationWithoutInputNeedsNoValidationError() {
            String noInput = HEADER + """
                    paths:
                      /health: {get: {responses: {'200': {description: ok}, '500': {description: down}}}}
                    """;

            assertThat(run(new MissingErrorResponsesRule(), noInput)).isEmpty();
            assertThat(run(new MissingServerErrorResponseRule(), noInput)).isEmpty();
        }
    }
}
