package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The board across a network outage: the browser reaches the app through a relay that the test cuts. While it is
 * cut the page shows "reconnecting" and the order moves on; once restored, the page resumes with Last-Event-ID and
 * shows every transition it missed, once.
 */
class BoardReconnectBrowserIT extends IntegrationTest {

    private static Browser browser;
    private TcpProxy proxy;
    private BoardPage page;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void relay() {
        browser.open("about:blank");
        proxy = TcpProxy.start(port);
        page = new BoardPage(browser, "http://localhost:" + proxy.port() + "/");
    }

    @AfterEach
    void closeRelay() {
        browser.open("about:blank");
        proxy.close();
    }

    @Test
    void watchedOrderResumesAfterAnOutageWithoutLosingOrRepeatingATransition() {
        String sku = OrdersClient.unique("RECONNECT");
        orders.createProduct(sku, 990, 4);
        page.logInAsNewCustomer(new Sessions(port), "patient");
        UUID orderId = page.placeOrder(sku, 1, "tok_approve");
        page.awaitOutcome("CONFIRMED");
        List<String[]> beforeOutage = page.updates();
        String lastSeen = beforeOutage.get(beforeOutage.size() - 1)[0];

        proxy.cut();
        page.awaitConnection("reconnecting");
        browser.screenshot("shop-reconnecting");
        // Both steps happen while the page cannot hear: a fresh stream would show only the last of them.
        orders.step(orderId, "ship", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "SHIPPED");
        orders.step(orderId, "deliver", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "DELIVERED");
        assertThat(page.connectionState()).isEqualTo("reconnecting");
        int before = proxy.requestHeads().size();
        proxy.restore();

        page.awaitOutcome("DELIVERED");
        List<String[]> all = page.updates();
        assertThat(all.subList(0, beforeOutage.size())).containsExactlyElementsOf(beforeOutage);
        assertThat(all.subList(beforeOutage.size(), all.size()))
                .containsExactly(new String[] {"3", "SHIPPED"}, new String[] {"4", "DELIVERED"});
        assertThat(lastSeen).isEqualTo("2");
        assertThat(proxy.requestHeads().subList(before, proxy.requestHeads().size()))
                .anySatisfy(head -> assertThat(head)
                        .startsWith("GET /api/v1/orders/" + orderId + "/updates ")
                        .containsIgnoringCase("\r\nLast-Event-ID: " + lastSeen + "\r\n")
                        .containsIgnoringCase("\r\nAuthorization: Bearer "));
        page.awaitConnection("open");
        assertThat(browser.find("#timeline li[data-status='DELIVERED']").getDomAttribute("data-state"))
                .isEqualTo("done");
    }

    @Test
    void operatorBoardResumesTheAllOrdersStreamFromWhereItStopped() {
        String sku = OrdersClient.unique("RECONNECT");
        orders.createProduct(sku, 990, 4);
        page.logInAsOperator();
        UUID shipped = orders.place(OrdersClient.unique("first"), "outage-1", Map.of(sku, 1), "tok_approve");
        page.awaitCard(shipped, "CONFIRMED");

        proxy.cut();
        page.awaitConnection("reconnecting");
        browser.screenshot("ops-reconnecting");
        orders.step(shipped, "ship", HttpStatus.ACCEPTED);
        orders.awaitStatus(shipped, "SHIPPED");
        UUID declined = orders.place(OrdersClient.unique("second"), "outage-2", Map.of(sku, 1), "tok_decline");
        orders.awaitStatus(declined, "REJECTED");
        int before = proxy.requestHeads().size();
        proxy.restore();

        page.awaitCard(shipped, "SHIPPED");
        page.awaitCard(declined, "REJECTED");
        browser.awaitText("#rejections li[data-order-id='" + declined + "']", "payment declined");
        assertThat(page.cards(shipped)).hasSize(1);
        assertThat(page.cards(declined)).hasSize(1);
        List<String> after = proxy.requestHeads().subList(before, proxy.requestHeads().size());
        assertThat(after).anySatisfy(head -> assertThat(head).startsWith("GET /api/v1/orders/updates ")
                .containsPattern("(?i)\r\nLast-Event-ID: \\d+\r\n")
                .containsIgnoringCase("\r\nAuthorization: Bearer "));
        assertThat(after).as("resumed from the change log, not by reading the lists again")
                .noneSatisfy(head -> assertThat(head).startsWith("GET /api/v1/orders?"));
        page.awaitConnection("open");
    }
}
