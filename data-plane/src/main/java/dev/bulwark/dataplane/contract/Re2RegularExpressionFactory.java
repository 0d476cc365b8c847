package dev.bulwark.dataplane.contract;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.bulwark.contracts.snapshot.EcmaPatterns;

/**
 * Schema {@code pattern}s, {@code patternProperties} and the {@code regex} format through RE2/J:
 * matching time is linear in the input whatever the pattern, so a tenant's {@code ^(a+)+$} is no
 * lever for an attacker. (networknt offers the JDK's engine, Joni and GraalJS, all of which
 * backtrack.) Patterns RE2 cannot express fail to compile; the control plane refuses them when the
 * document is imported, and the gateway confines one that slips through to its operation.
 */
final class Re2RegularExpressionFactory implements RegularExpressionFactory {
    static final Re2RegularExpressionFactory INSTANCE = new Re2RegularExpressionFactory();

    private Re2RegularExpressionFactory() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(EcmaPatterns.toRe2(regex));
        // JSON Schema patterns are not anchored: a match anywhere in the value counts.
        return value -> pattern.matcher(value).find();
    }
}
