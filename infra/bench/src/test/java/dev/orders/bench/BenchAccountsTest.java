package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchAccountsTest {

    private static final Credentials OPERATOR = new Credentials("ops@example.com", "operator password 1");
    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private OrdersStub stub;
    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        stub = new OrdersStub();
        stub.account(OPERATOR.email(), OPERATOR.password(), "OPS");
        api = new HttpApi(stub.url(), 16, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        api.close();
        stub.close();
    }

    @Test
    void registersCustomersWithAddressesOfTheirOwnAtMostConcurrencyAtATime() {
        stub.registerMillis = 50;
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 3, CHECK_EVERY)) {
            List<TokenSession> customers = accounts.newCustomers("run1", "c", 12);

            assertThat(customers).hasSize(12);
            assertThat(customers).extracting(TokenSession::email).doesNotHaveDuplicates()
                    .allMatch(email -> email.startsWith("bench-run1-c") && email.endsWith("@example.com"));
            assertThat(customers).extracting(TokenSession::kind).containsOnly(TokenSession.Kind.CUSTOMER);
            // Each token belongs to the account registered for it: its id is the customer id of its orders.
            for (TokenSession customer : customers) {
                assertThat(stub.accountOf(customer.accessToken())).isEqualTo(customer.accountId());
            }
            assertThat(stub.mostRegistrationsInFlight.get()).isBetween(2, 3);
            assertThat(accounts.figures()).containsEntry("customersRegistered", 12L);
        }
    }

    @Test
    void customersOfTwoRunsNeverShareAnAddress() {
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, CHECK_EVERY)) {
            Set<String> first = accounts.newCustomers("runA", "c", 3).stream().map(TokenSession::email)
                    .collect(Collectors.toSet());
            Set<String> second = accounts.newCustomers("runB", "c", 3).stream().map(TokenSession::email)
                    .collect(Collectors.toSet());
            assertThat(first).doesNotContainAnyElementsOf(second);
        }
    }

    @Test
    void renewsTokensBeforeTheyExpireAndPresentsEachRefreshTokenOnce() throws Exception {
        stub.tokenSeconds = 1;
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, CHECK_EVERY)) {
            TokenSession customer = accounts.newCustomers("run2", "c", 1).get(0);
            String firstToken = customer.accessToken();
            // Three token lifetimes of orders: every one must be accepted.
            long end = System.nanoTime() + Duration.ofMillis(3200).toNanos();
            int placed = 0;
            while (System.nanoTime() < end) {
                HttpApi.Response response = api.postJson("/api/v1/orders", "{\"lines\":[]}", customer, Map.of())
                        .block(Duration.ofSeconds(5));
                assertThat(response.status()).isEqualTo(202);
                placed++;
                Thread.sleep(50);
            }
            assertThat(placed).isGreaterThan(20);
            assertThat(customer.accessToken()).isNotEqualTo(firstToken);
            assertThat(stub.expiredTokenUses.get()).isZero();
            assertThat(stub.refreshReplays.get()).isZero();
            // Operator and customer, each renewed about every two thirds of a second.
            assertThat(stub.refreshes.get()).isGreaterThanOrEqualTo(6);
            assertThat(accounts.figures()).containsEntry("reLogins", 0L);
            accounts.failIfRefused();
        }
    }

    @Test
    void logsInAgainWhenTheRefreshTokenIsRefused() throws Exception {
        stub.tokenSeconds = 1;
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, CHECK_EVERY)) {
            TokenSession customer = accounts.newCustomers("run3", "c", 1).get(0);
            int loginsBefore = stub.logins.get();
            stub.refreshAnswers401 = true;

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(stub.logins.get()).isGreaterThan(loginsBefore);
                assertThat((Long) accounts.figures().get("reLogins")).isPositive();
            });
            assertThat(stub.accountOf(customer.accessToken())).isEqualTo(customer.accountId());
            accounts.failIfRefused();
        }
    }

    @Test
    void registrationsOverTheRateLimitStopTheRunWithTheSettingsToRaise() {
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, CHECK_EVERY)) {
            stub.registerAnswers429 = true;
            assertThatThrownBy(() -> accounts.newCustomers("run4", "c", 5))
                    .isInstanceOf(AccessRefused.class)
                    .hasMessageContaining("answered 429 to POST /api/v1/auth/register")
                    .hasMessageContaining("ORDERS_RATE_LIMIT_WRITES_PER_SECOND=100000 ORDERS_RATE_LIMIT_WRITE_BURST="
                            + "100000 ORDERS_RATE_LIMIT_LOGINS_PER_MINUTE=100000 for a benchmark");
        }
    }

    @Test
    void aWrongOperatorPasswordNamesTheVariablesToSet() {
        Credentials wrong = new Credentials(OPERATOR.email(), "not the password");
        assertThatThrownBy(() -> BenchAccounts.open(api, wrong, 4, CHECK_EVERY))
                .isInstanceOf(AccessRefused.class)
                .hasMessageContaining("answered 401 to POST /api/v1/auth/login (Wrong e-mail or password)")
                .hasMessageContaining("ORDERS_BENCH_OPS_EMAIL and ORDERS_BENCH_OPS_PASSWORD")
                .hasMessageNotContaining("not the password");
    }

    @Test
    void anOperatorWithoutTheOpsRoleIsRefusedBeforeAnythingRuns() {
        stub.account("analyst@example.com", "analyst password", "ANALYST");
        assertThatThrownBy(() -> BenchAccounts.open(api, new Credentials("analyst@example.com", "analyst password"),
                4, CHECK_EVERY))
                .isInstanceOf(AccessRefused.class)
                .hasMessageContaining("ORDERS_BENCH_OPS_EMAIL=analyst@example.com has the roles [ANALYST], not OPS");
    }

    @Test
    void aRefusedOrderIsAnAccessRefusedAndAnAnonymousOneJustAnAnswer() {
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, CHECK_EVERY)) {
            TokenSession customer = accounts.newCustomers("run5", "c", 1).get(0);
            stub.ordersAnswer429 = true;
            assertThatThrownBy(() -> api.postJson("/api/v1/orders", "{}", customer, Map.of()).block())
                    .isInstanceOf(AccessRefused.class)
                    .hasMessageContaining("answered 429 to POST /api/v1/orders (Too many requests; retry after 1 s)")
                    .hasMessageContaining(AccessRefused.RAISE_LIMITS);
            assertThat(api.postJson("/api/v1/orders", "{}", null, Map.of()).block().status()).isEqualTo(429);
        }
    }
}
