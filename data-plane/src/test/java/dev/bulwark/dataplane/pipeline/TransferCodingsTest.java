package dev.bulwark.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransferCodingsTest {
    @Test
    void codingsEndingWithOneChunkedAreWrittenCanonically() {
        assertThat(TransferCodings.canonical(List.of("chunked"))).isEqualTo("chunked");
        assertThat(TransferCodings.canonical(List.of("Chunked"))).isEqualTo("chunked");
        assertThat(TransferCodings.canonical(List.of("gzip, chunked"))).isEqualTo("gzip, chunked");
        assertThat(TransferCodings.canonical(List.of("gzip , deflate , \tidentity\t, compress\t, chunked")))
                .isEqualTo("gzip, deflate, compress, chunked");
        assertThat(TransferCodings.canonical(List.of("gzip", "deflate", "identity", "compress", "chunked")))
                .isEqualTo("gzip, deflate, compress, chunked");
        assertThat(TransferCodings.canonical(List.of("gzip   ;   ", "deflate\t\t;\t\t", "\t\t\t\tchunked;custom_param;\t\t\t\t")))
                .isEqualTo("gzip, deflate, chunked");
        assertThat(TransferCodings.canonical(List.of("gzip, , chunked"))).as("empty list elements").isEqualTo("gzip, chunked");
    }

    @Test
    void anythingElseIsRefused() {
        for (List<String> values : List.of(List.of("gzip"), List.of("chunked, gzip"), List.of("chunked, chunked"),
                List.of("chunked", "chunked"), List.of("xchunked"), List.of("chunked\u0001"), List.of("chunked\u00a0"),
                List.of("\u0001chunked"), List.of(""), List.of(" "), List.of("chu nked"), List.of("gzip;a=\u0001, chunked"),
                List.of("chunked x"))) {
            assertThatThrownBy(() -> TransferCodings.canonical(values)).as(values.toString()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void contentLengthIsDigitsOnly() {
        assertThat(TransferCodings.contentLength("010")).isEqualTo(10);
        assertThat(TransferCodings.contentLength("0")).isZero();
        for (String bad : List.of("", "-1", "+1", "1 1", "1,1", "1.0", "0x10", "1000000000000000000", "\u0661")) {
            assertThat(TransferCodings.contentLength(bad)).as(bad).isEqualTo(-1);
        }
    }
}
