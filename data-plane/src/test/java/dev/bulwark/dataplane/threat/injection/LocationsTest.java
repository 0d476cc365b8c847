package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every input of a request is found, and named by where it was. */
class LocationsTest {
    private static final String XSS = "<script>alert(1)</script>";

    private static String head(String path, String query, Map.Entry<String, String> header) {
        Detection detection = Inspect.DEFAULT.inspectHead(path, query, header == null ? List.of() : List.of(header), TypeHints.NONE);
        return detection == null ? null : detection.location();
    }

    @Test
    void headInputs() {
        assertThat(head("/a/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, null)).isEqualTo("path");
        assertThat(head("/", "a=1&q=%3Cscript%3E", null)).isEqualTo("query.q");
        assertThat(head("/", "%3Cscript%3E=1", null)).isEqualTo("query.<script>");
        assertThat(head("/", null, Map.entry("User-Agent", XSS))).isEqualTo("header.user-agent");
        assertThat(head("/", null, Map.entry("Cookie", "theme=dark; session=" + XSS))).isEqualTo("cookie.session");
        assertThat(head("/", null, Map.entry("X-File-Name", "shell.php"))).isEqualTo("header.x-file-name");
    }

    @Test
    void framingHeadersAreNotInspected() {
        assertThat(head("/", null, Map.entry("Host", XSS))).isNull();
        assertThat(head("/", null, Map.entry("Accept-Encoding", "gzip;q=1.0, identity; q=0.5, *;q=0"))).isNull();
        assertThat(head("/", null, Map.entry("Accept-Encoding", "gzip; " + XSS))).isEqualTo("header.accept-encoding");
    }

    @Test
    void jsonKeysAndStringsByPointer() {
        assertThat(Inspect.body("application/json", "{\"items\":[{},{},{},{\"name\":\"" + XSS.replace("/", "\\/") + "\"}]}").location())
                .isEqualTo("body/items/3/name");
        assertThat(Inspect.body("application/json", "{\"a/b~c\":{\"__proto__\":1}}").location()).isEqualTo("body/a~1b~0c/__proto__");
        assertThat(Inspect.body("application/vnd.api+json", "[\"x\", \"\\u003cscript\\u003e\"]").location()).isEqualTo("body/1");
        assertThat(Inspect.body("application/json", "{\"n\": 12, \"ok\": true, \"nothing\": null}")).isNull();
    }

    @Test
    void malformedJsonIsInspectedAsText() {
        assertThat(Inspect.body("application/json", "{\"a\" \"" + XSS + "\"}").location()).isEqualTo("body");
    }

    @Test
    void jsonSentAsPlainTextIsStillWalked() {
        assertThat(Inspect.body("text/plain", "{\"q\": \"" + XSS.replace("/", "\\/") + "\"}").location()).isEqualTo("body/q");
    }

    @Test
    void formFields() {
        assertThat(Inspect.body("application/x-www-form-urlencoded", "a=1&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E").location())
                .isEqualTo("form.comment");
    }

    @Test
    void multipartFieldsFileNamesAndStructuredParts() {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":\"" + "${jndi:ldap://x/a}"
                + "\"}\r\n--xyz--\r\n";
        assertThat(Inspect.body("multipart/form-data; boundary=xyz", body).location()).isEqualTo("multipart.meta/k");

        String upload = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"avatar.phtml\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0089PNG...\r\n--xyz--\r\n";
        assertThat(Inspect.body("multipart/form-data; boundary=\"xyz\"", upload).location()).isEqualTo("multipart.file.filename");

        String field = "--xyz\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n" + XSS + "\r\n--xyz--\r\n";
        assertThat(Inspect.body("multipart/form-data; boundary=xyz", field).location()).isEqualTo("multipart.comment");
    }

    @Test
    void xmlTextAttributesAndDoctype() {
        assertThat(Inspect.body("application/xml", "<order><note lang=\"en\">&lt;script&gt;alert(1)&lt;/script&gt;</note></order>")
                .location()).isEqualTo("body/order/note");
        assertThat(Inspect.body("text/xml", "<a><b href=\"javascript:alert(1)\"/></a>").location()).isEqualTo("body/a/b/@href");
        assertThat(Inspect.body("application/soap+xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<r>&x;</r>").ruleId()).isEqualTo("xxe-external-entity");
        assertThat(Inspect.body("application/xml", "<?xml version=\"1.0\"?><order id=\"7\"><item>Cat tree</item></order>")).isNull();
    }

    @Test
    void serialisedJavaObjectsAreFoundInBinaryBodies() {
        byte[] stream = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72};

        Detection detection = Inspect.DEFAULT.inspectBody("application/octet-stream", stream, stream.length, TypeHints.NONE);

        assertThat(detection.ruleId()).isEqualTo("java-serialized-object");
        assertThat(Inspect.DEFAULT.inspectBody("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 4, TypeHints.NONE)).isNull();
    }

    @Test
    void secretsNeverAppearInExcerpts() {
        Detection auth = Inspect.header("Authorization", "Basic ${jndi:ldap://x/a}");
        Detection cookie = Inspect.header("Cookie", "sid=${jndi:ldap://x/a}");
        Detection plain = Inspect.header("User-Agent", "${jndi:ldap://x/a}");

        assertThat(auth.excerpt()).isNull();
        assertThat(cookie.excerpt()).isNull();
        assertThat(plain.excerpt()).isEqualTo("${jndi:ldap://x/a}");
    }
}
