package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.server.ServerWebInputException;

class OrderCursorTest {

    @Test
    void decodesWhatItEncodedToTheMicrosecond() {
        OrderCursor cursor = new OrderCursor(Instant.parse("2026-03-01T10:15:30.123456Z"), UUID.randomUUID());

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(OrderCursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void survivesTimesBeforeTheEpoch() {
        OrderCursor cursor = new OrderCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());

        assertThat(OrderCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 at all!", "djE6MTIzOmFiYw", "AAAA"})
    void rejectsGarbageAsABadRequest(String garbage) {
        assertThatThrownBy(() -> OrderCursor.decode(garbage))
                .isInstanceOf(ServerWebInputException.class)
                .hasMessageContaining("cursor is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2:1:00000000-0000-0000-0000-000000000001", "v1:abc:00000000-0000-0000-0000-000000000001",
            "v1:1:1-1-1-1-1", "v1:1", "v1:99999999999999999999:00000000-0000-0000-0000-000000000001"})
    void rejectsWellEncodedButMeaninglessCursors(String plain) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> OrderCursor.decode(encoded)).isInstanceOf(ServerWebInputException.class);
    }
}
