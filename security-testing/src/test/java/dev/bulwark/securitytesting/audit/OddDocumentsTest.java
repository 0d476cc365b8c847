package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.sarif.SarifWriter;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents the parser accepts but that leave holes in the model (missing responses, schemas
 * without types, dangling references…). The audit, threat model and SARIF writer must get through
 * them: a crash would leave the tenant with no report at all.
 */
class OddDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {}\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n",
            """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            servers: [{url: '{host}/v1'}, {}]
            security: [{}]
            paths:
              /a/{id}:
                post:
                  parameters:
                    - {name: id, in: path, required: true}
                    - {name: q, in: query, content: {application/json: {}}}
                    - {$ref: '#/components/parameters/Missing'}
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: array
                          items: {$ref: '#/components/schemas/Nope'}
                      text/plain: {}
                  callbacks:
                    cb:
                      '{$request.body#/u}': {}
                  responses:
                    '200': {$ref: '#/components/responses/Missing'}
                    default: {description: err}
            components:
              securitySchemes:
                odd: {type: http}
                oauth: {type: oauth2, flows: {}}
              schemas:
                Self:
                  type: object
                  properties:
                    self: {$ref: '#/components/schemas/Self'}
                    any: {}
                    map: {additionalProperties: {}}
            """,
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            webhooks:
              created:
                post:
                  responses: {'200': {description: ok}}
            components:
              schemas:
                N:
                  type: [string, 'null']
                  additionalProperties: false
            """,
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /x:
                put:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            a: true
                            b: {type: [integer, 'null'], exclusiveMinimum: 0}
                          additionalProperties: {type: string}
                  responses: {'204': {description: ok}}
            """})
    void auditThreatModelAndSarifCompleteOnOddDocuments(String yaml) throws Exception {
        ApiDocument document = new OpenApiLoader().parse(yaml, "odd.yaml");

        AuditReport report = ApiAuditor.withDefaultRules().audit(document);
        ThreatModeler.model(document);
        StringWriter sarif = new StringWriter();
        new SarifWriter().write(report, "odd.yaml", sarif);

        assertThat(report.score().value()).isBetween(0, 100);
        assertThat(sarif.toString()).contains("\"version\" : \"2.1.0\"");
    }
}
