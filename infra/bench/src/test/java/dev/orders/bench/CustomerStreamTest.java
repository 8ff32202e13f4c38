package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerStreamTest {

    private static final Credentials OPERATOR = new Credentials("ops@example.com", "operator password 1");

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
    void subscribesWithTheCustomersTokenAndReconnectsWithTheTokenOfThatMoment() throws Exception {
        stub.tokenSeconds = 1;
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, Duration.ofMillis(50))) {
            TokenSession customer = accounts.newCustomers("run1", "c", 1).get(0);
            String firstToken = customer.accessToken();
            CountDownLatch ready = new CountDownLatch(1);
            CustomerStream stream = new CustomerStream(api, customer, event -> { }, ready::countDown,
                    new AtomicLong(), accounts::refuse);
            stream.start();
            try {
                assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
                // The stub ends each stream after 'ready'; reconnects go on while the token is renewed.
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    List<OrdersStub.Seen> seen = streams();
                    return seen.size() > 2
                            && !seen.get(seen.size() - 1).authorization().equals("Bearer " + firstToken);
                });
            } finally {
                stream.stop();
            }
            List<OrdersStub.Seen> streams = streams();
            assertThat(streams).hasSizeGreaterThan(2);
            // The customer comes from the token, not from a query parameter.
            assertThat(streams).allSatisfy(seen -> {
                assertThat(seen.uri()).isEqualTo(CustomerStream.PATH);
                assertThat(seen.accountId()).isEqualTo(customer.accountId());
            });
            assertThat(streams.get(0).authorization()).isEqualTo("Bearer " + firstToken);
            assertThat(streams.get(streams.size() - 1).authorization()).isNotEqualTo("Bearer " + firstToken);
            assertThat(streams.get(streams.size() - 1).lastEventId()).isEqualTo("7");
            assertThat(stub.expiredTokenUses.get()).isZero();
            accounts.failIfRefused();
        }
    }

    private List<OrdersStub.Seen> streams() {
        return stub.seen.stream().filter(seen -> seen.uri().startsWith(CustomerStream.PATH)).toList();
    }

    @Test
    void aRefusedStreamIsNotRetriedAndStopsTheRun() throws Exception {
        try (BenchAccounts accounts = BenchAccounts.open(api, OPERATOR, 4, Duration.ofMillis(50))) {
            TokenSession customer = accounts.newCustomers("run2", "c", 1).get(0);
            stub.streamAnswers401 = true;
            List<AccessRefused> refusals = new CopyOnWriteArrayList<>();
            CountDownLatch refused = new CountDownLatch(1);
            CustomerStream stream = new CustomerStream(api, customer, event -> { }, () -> { }, new AtomicLong(),
                    refusal -> {
                        refusals.add(refusal);
                        accounts.refuse(refusal);
                        refused.countDown();
                    });
            stream.start();
            try {
                assertThat(refused.await(5, TimeUnit.SECONDS)).isTrue();
                // Long enough for a retry to have happened if the stream retried a refusal (it must not).
                Thread.sleep(600);
            } finally {
                stream.stop();
            }
            assertThat(refusals).singleElement().satisfies(refusal -> assertThat(refusal)
                    .hasMessageContaining("answered 401 to GET /api/v1/orders/updates")
                    .hasMessageContaining("customer's access token was not accepted"));
            assertThat(stub.seen.stream().filter(seen -> seen.uri().startsWith(CustomerStream.PATH))).hasSize(1);
            assertThatThrownBy(accounts::failIfRefused).isSameAs(refusals.get(0));
        }
    }
}
