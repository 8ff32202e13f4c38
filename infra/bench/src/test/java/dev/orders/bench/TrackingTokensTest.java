package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {

    @Test
    void gapAwareTokenAsAxonStoresIt() {
        assertThat(TrackingTokens.index("{\"index\":1234,\"gaps\":[1200,1201]}".getBytes(StandardCharsets.UTF_8)))
                .hasValue(1234);
    }

    @Test
    void replayTokenCountsByWhereItIsNow() {
        String replay = "{\"tokenAtReset\":{\"index\":900,\"gaps\":[]},\"currentToken\":{\"index\":17,\"gaps\":[]},"
                + "\"resetContext\":null}";
        assertThat(TrackingTokens.index(replay)).hasValue(17);
    }

    @Test
    void otherWrappersByTheFirstIndexInside() {
        assertThat(TrackingTokens.index("{\"wrapped\":{\"token\":{\"index\":5}}}")).hasValue(5);
    }

    @Test
    void nothingToReadIsEmpty() {
        assertThat(TrackingTokens.index((byte[]) null)).isEmpty();
        assertThat(TrackingTokens.index("")).isEmpty();
        assertThat(TrackingTokens.index("not json")).isEmpty();
        assertThat(TrackingTokens.index("{\"gaps\":[]}")).isEmpty();
    }
}
