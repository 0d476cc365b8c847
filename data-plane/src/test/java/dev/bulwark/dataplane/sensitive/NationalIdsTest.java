package dev.bulwark.dataplane.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.SensitiveDataKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The country-specific national ids: each found in its written forms when its check holds, and not
 * when one character of it is wrong; off unless listed. The valid numbers are specimens or were
 * computed for this test with the published algorithms; none belongs to anyone.
 */
class NationalIdsTest {
    private static final SensitiveDataScanner ALL = new SensitiveDataScanner(EnumSet.allOf(SensitiveDataKind.class), 4);

    private static SensitiveDataScanner.Result find(SensitiveDataScanner scanner, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scanner.scan(bytes, bytes.length, false, false, false);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            uk-nino        => NI number AB 12 34 56 C on file
            uk-nino        => AB123456C
            fr-nir         => NIR 1 84 12 76 451 089 46
            fr-nir         => 269054958815780
            fr-nir         => 185122A00100189
            de-tax-id      => Steuer-ID 86095742719
            de-tax-id      => 47 036 892 816
            de-tax-id      => 65929970489
            es-dni         => DNI 12345678Z
            es-dni         => 12345678-Z
            es-dni         => NIE X1234567L
            es-dni         => Y7654321G
            it-fiscal-code => CF RSSMRA85T10A562S
            it-fiscal-code => MRTMTT91D08F205J
            nl-bsn         => BSN 111222333
            nl-bsn         => 1234.56.782
            br-cpf         => CPF 529.982.247-25
            br-cpf         => 11144477735
            in-aadhaar     => Aadhaar 2345 6789 0128
            in-aadhaar     => 499112345671
            """)
    void validNumbersAreFound(String kind, String text) {
        SensitiveDataScanner.Result result = find(ALL, text);

        assertThat(result.count()).as(text).isEqualTo(1);
        assertThat(result.first().ruleId()).isEqualTo("sensitive-" + kind);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            uk-nino, suffix past D              => AB 12 34 56 E
            uk-nino, unallocated prefix         => GB123456A
            uk-nino, D never leads              => DA123456A
            fr-nir, key off by one              => 1 84 12 76 451 089 47
            fr-nir, sex digit 5                 => 584127645108946
            de-tax-id, check digit wrong        => 86095742718
            de-tax-id, no repeated digit        => 12345678903
            de-tax-id, leading zero             => 06095742719
            es-dni, wrong letter                => 12345678A
            es-dni, NIE wrong letter            => X1234567A
            it-fiscal-code, check letter wrong  => RSSMRA85T10A562T
            it-fiscal-code, no such month       => RSSMRA85F10A562S
            nl-bsn, 11-test fails               => 123456789
            br-cpf, second check digit wrong    => 529.982.247-26
            br-cpf, one digit repeated          => 111.111.111-11
            br-cpf, misplaced separators        => 5299.82.247-25
            in-aadhaar, Verhoeff fails          => 2345 6789 0127
            in-aadhaar, leads with 1            => 1234 5678 9012
            in-aadhaar, part of a longer number => 2345678901281
            """)
    void wrongNumbersPass(String what, String text) {
        assertThat(find(ALL, text).count()).as(what).isZero();
    }

    @Test
    void countryIdsAreOffUnlessListed() {
        SensitiveDataScanner defaults = new SensitiveDataScanner(EnumSet.copyOf(SensitiveDataKind.DEFAULTS), 4);
        SensitiveDataScanner dniOnly = new SensitiveDataScanner(EnumSet.of(SensitiveDataKind.ES_DNI), 4);
        String text = "12345678Z RSSMRA85T10A562S 529.982.247-25 111222333";

        assertThat(find(defaults, text).count()).isZero();
        assertThat(find(dniOnly, text).count()).isEqualTo(1);
        assertThat(find(dniOnly, text).first().kind()).isEqualTo(SensitiveDataKind.ES_DNI);
    }

    @Test
    void aFoundIdIsMaskedButForItsLastCharacters() {
        byte[] bytes = "{\"nir\":\"1 84 12 76 451 089 46\",\"cf\":\"RSSMRA85T10A562S\"}".getBytes(StandardCharsets.UTF_8);

        ALL.scan(bytes, bytes.length, true, true, false);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"nir\":\"* ** ** ** *** *89 46\",\"cf\":\"************562S\"}");
    }
}
