package dev.orders.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostileRequestsTest {

    @Test
    void coversEveryEndpointWithAtLeastTheRequestedNumberOfRequests() {
        List<HostileRequests.Request> requests = new HostileRequests(1, "MUG", "00000000-0000-0000-0000-000000000001")
                .generate(1_000);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(1_000);
        Set<String> families = requests.stream().map(r -> r.method() + " " + r.path().split("\\?")[0]
                .replaceAll("/api/v1/([a-z-]+)(/[a-z-]+)?.*", "$1$2")).collect(Collectors.toSet());
        assertThat(families).contains("POST orders", "GET orders", "POST products", "GET products",
                "POST auth/register", "POST auth/login", "POST auth/refresh", "GET auth/me", "GET events",
                "PUT notifications/contacts", "GET notifications", "DELETE admin/dead-letters",
                "POST admin/projections", "PUT admin/accounts");
        assertThat(requests).anySatisfy(r -> assertThat(r.headers()).containsKey("Last-Event-ID"));
        assertThat(requests).anySatisfy(r -> assertThat(r.body()).hasSizeGreaterThan(64 * 1024));
    }

    @Test
    void orderBodiesWithTheRealSkuNeverCarryAValidQuantityUnlessTheyNameAnotherCustomer() {
        List<HostileRequests.Request> requests = new HostileRequests(7, "MUG", "x").generate(2_000);
        assertThat(requests.stream().filter(r -> r.body() != null)
                .map(r -> new String(r.body(), StandardCharsets.UTF_8))
                .filter(body -> body.contains("\"sku\":\"MUG\"") && !body.contains("\"customerId\":\"someone-else\"")))
                .isNotEmpty()
                .noneMatch(body -> body.matches(".*\"sku\":\"MUG\",\"quantity\":[1-9][0-9]{0,5}[,}].*"));
    }

    @Test
    void tokensAreExpiredForgedOrUnsigned() {
        String expired = HostileRequests.token(HostileRequests.TokenKind.EXPIRED, "c", "o", "someone");
        String claims = new String(Base64.getUrlDecoder().decode(expired.split("\\.")[1]), StandardCharsets.UTF_8);
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertThat(exp).isLessThan(System.currentTimeMillis() / 1000);
        String none = HostileRequests.token(HostileRequests.TokenKind.ALG_NONE, "c", "o", "someone");
        assertThat(new String(Base64.getUrlDecoder().decode(none.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"alg\":\"none\"");
        assertThat(none).endsWith(".");
        assertThat(HostileRequests.token(HostileRequests.TokenKind.FORGED, "c", "o", "someone").split("\\."))
                .hasSize(3);
    }
}
