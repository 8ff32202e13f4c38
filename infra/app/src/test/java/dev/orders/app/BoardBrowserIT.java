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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live board in a real headless Chromium against the whole application: a shopper places orders and watches
 * them over SSE, an operator ships and delivers, all with keyboard and at phone width. Screenshots of every view go
 * to {@code target/screenshots}.
 */
class BoardBrowserIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Browser browser;
    private String base;
    private BoardPage page;
    private Sessions sessions;

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
    void freshPage() {
        base = "http://localhost:" + port + "/";
        page = new BoardPage(browser, base);
        sessions = new Sessions(port);
        browser.resize(1280, 900);
        // A new document per test: no stream or state of the previous test survives.
        browser.open("about:blank");
        browser.consoleErrors();
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    @Test
    void shopperWatchesAnOrderReachConfirmedLiveThenCancelsIt() {
        String sku = OrdersClient.unique("BOARD");
        orders.createProduct(sku, 1299, 5);
        page.logInAsNewCustomer(sessions, "shopper");
        WebElement watchPanel = browser.find("#timeline").findElement(By.xpath(".."));
        Map<?, ?> before = rect(watchPanel);

        UUID orderId = page.placeOrder(sku, 2, "tok_approve");

        page.awaitOutcome("CONFIRMED");
        assertStrictlyAdvancing(page.updates(), "CONFIRMED");
        assertThat(browser.find("#timeline li[data-status='CONFIRMED']").getDomAttribute("data-state")).isEqualTo("done");
        browser.awaitAttribute("#my-orders li[data-order-id='" + orderId + "']", "data-status", "CONFIRMED");
        assertThat(rect(watchPanel)).as("the watched order's panel keeps its size as updates arrive").isEqualTo(before);
        orders.awaitStock(sku, 5, 2);
        browser.screenshot("shop-confirmed");

        browser.find("#cancel-order").click();

        page.awaitOutcome("CANCELLED");
        assertThat(browser.find("#timeline li[data-status='END']").getText()).contains("Cancelled");
        assertThat(browser.find("#cancel-order").isEnabled()).isFalse();
        assertThat(page.updates()).extracting(update -> update[1]).endsWith("CONFIRMED", "CANCELLED");
        orders.awaitStock(sku, 5, 0);
    }

    @Test
    void declinedOrderEndsRejectedWithItsReasonForShopperAndOperator() {
        String sku = OrdersClient.unique("BOARD");
        orders.createProduct(sku, 800, 3);
        page.register(OrdersClient.unique("decliner") + "@example.com", "a long enough password");
        assertThat(browser.find("#account-roles").getText()).isEqualTo("customer");
        assertThat(browser.find("#nav-ops-item").getDomAttribute("hidden")).as("no operations for customers").isNotNull();

        UUID orderId = page.placeOrder(sku, 1, "tok_decline");

        page.awaitOutcome("REJECTED");
        assertThat(page.outcome()).contains("Rejected").contains("payment declined");
        assertThat(browser.find("#timeline li[data-status='END']").getDomAttribute("data-state")).isEqualTo("failed");
        assertThat(browser.find("#timeline li[data-status='DELIVERED']").getDomAttribute("data-state"))
                .isEqualTo("skipped");
        assertStrictlyAdvancing(page.updates(), "REJECTED");
        browser.screenshot("shop-rejected");

        browser.find("#logout").click();
        browser.await("the login form after logging out", d -> browser.find("#login-email").isDisplayed());
        browser.screenshot("login");
        page.logInAsOperator();

        page.awaitCard(orderId, "REJECTED");
        assertThat(browser.awaitText("#rejections li[data-order-id='" + orderId + "']", "payment declined")
                .getDomAttribute("data-reason")).isEqualTo("PAYMENT_DECLINED");
        browser.awaitText("#stock-rows tr[data-sku='" + sku + "']", sku);
        orders.awaitStock(sku, 3, 0);
        browser.screenshot("ops");
    }

    @Test
    void operatorShipsAndDeliversWithTheKeyboardWhileCardsMoveLive() {
        String sku = OrdersClient.unique("BOARD");
        orders.createProduct(sku, 450, 6);
        page.logInAsOperator();
        Object stockPanelTop = rect(browser.find(".ops-grid")).get("top");

        UUID orderId = orders.place(OrdersClient.unique("buyer"), "board-ops", Map.of(sku, 2), "tok_approve");

        String card = BoardPage.card(orderId);
        String shipButton = ".column[data-status='CONFIRMED'] " + card + " button[data-action='ship']";
        browser.await("a confirmed card with a ship button", d -> !browser.findAll(shipButton).isEmpty());
        browser.awaitText("#stock-rows tr[data-sku='" + sku + "']", "6 2 4");
        assertThat(rect(browser.find(".ops-grid")).get("top")).as("new cards do not push the page down")
                .isEqualTo(stockPanelTop);

        browser.pressEnter("Enter on the ship button", shipButton);

        browser.await("the card in Shipped with focus on its deliver button, pressed", d -> {
            WebElement focused = d.switchTo().activeElement();
            if (!"deliver".equals(focused.getDomAttribute("data-action"))
                    || browser.findAll(".column[data-status='SHIPPED'] " + card).isEmpty()) {
                return false;
            }
            focused.sendKeys(Keys.ENTER);
            return true;
        });

        browser.await("the card in Delivered", d -> !browser.findAll(
                ".column[data-status='DELIVERED'] " + card).isEmpty());
        assertThat(browser.findAll(card)).as("one card per order").hasSize(1);
        orders.awaitStock(sku, 4, 0);
        browser.awaitText("#stock-rows tr[data-sku='" + sku + "']", "4 0 4");
        assertThat(orders.awaitStatus(orderId, "DELIVERED")).containsEntry("status", "DELIVERED");
    }

    @Test
    void keyboardLogsInAndReachesBothViewsAndPhoneWidthNeedsNoSidewaysScrolling() {
        Sessions.Session account = sessions.newCustomer("both");
        http.put().uri("/api/v1/admin/accounts/{id}/roles", account.id())
                .bodyValue(Map.of("roles", List.of("CUSTOMER", "OPS"))).exchange().expectStatus().isOk();
        page.showLoginForm("shop");

        assertThat(active().getDomAttribute("id")).as("the login form takes the focus").isEqualTo("login-email");
        active().sendKeys(account.email(), Keys.TAB);
        active().sendKeys(account.password(), Keys.ENTER);
        page.awaitConnection("open");
        assertThat(active().getDomAttribute("id")).as("after the login, focus is on the view").isEqualTo("main");

        active().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(active().getDomAttribute("id")).isEqualTo("logout");
        active().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(active().getDomAttribute("id")).isEqualTo("nav-ops");
        active().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(active().getDomAttribute("id")).isEqualTo("nav-shop");
        active().sendKeys(Keys.TAB);
        active().sendKeys(Keys.ENTER);

        browser.await("the operations view", d -> browser.find("#view-ops").getDomAttribute("hidden") == null
                && browser.find("#view-shop").getDomAttribute("hidden") != null);
        assertThat(browser.find("#nav-ops").getDomAttribute("aria-current")).isEqualTo("page");
        assertThat(active().getDomAttribute("id")).as("focus moves to the new view").isEqualTo("main");

        // A reload keeps the login (this tab's storage); the first Tab reaches the skip link, which keeps the view.
        browser.driver().navigate().refresh();
        page.awaitConnection("open");
        browser.find("body").sendKeys(Keys.TAB);
        assertThat(active().getText()).isEqualTo("Skip to content");
        active().sendKeys(Keys.ENTER);
        assertThat(active().getDomAttribute("id")).isEqualTo("main");
        assertThat(browser.find("#view-ops").getDomAttribute("hidden")).isNull();

        browser.resize(390, 844);
        for (String view : List.of("ops", "shop")) {
            page.open(view);
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("sideways overflow of %s at phone width", view).isLessThanOrEqualTo(0);
            if (view.equals("shop")) {
                Number catalogue = (Number) browser.script("const c = document.querySelector('.catalogue-scroll');"
                        + "return c.scrollWidth - c.clientWidth");
                assertThat(catalogue.intValue()).as("the catalogue fits a phone").isLessThanOrEqualTo(0);
            }
            browser.screenshot(view + "-phone");
        }
        browser.resize(1280, 900);
        page.open("shop");
        browser.screenshot("shop");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedWithoutLoggingOut() {
        Sessions.Session customer = page.logInAsNewCustomer(sessions, "refresher");
        String stored = (String) browser.script("return sessionStorage.getItem('orders.board.tokens')");

        // What an expired token looks like to the server: it no longer verifies.
        browser.script("const t = JSON.parse(sessionStorage.getItem('orders.board.tokens'));"
                + "t.accessToken = t.accessToken.slice(0, -4) + 'AAAA';"
                + "sessionStorage.setItem('orders.board.tokens', JSON.stringify(t)); location.reload();");

        page.awaitConnection("open");
        assertThat(browser.find("#account-email").getText()).isEqualTo(customer.email());
        String refreshed = (String) browser.script("return sessionStorage.getItem('orders.board.tokens')");
        assertThat(json(refreshed).get("refreshToken")).as("a refresh token is used once")
                .isNotEqualTo(json(stored).get("refreshToken"));
        assertThat(json(refreshed).get("accessToken")).isNotEqualTo(json(stored).get("accessToken"));
        assertThat(browser.consoleErrors()).as("the one refused request, before the refresh")
                .singleElement().asString().contains("/api/v1/auth/me").contains("401");
        sessions.as(new Sessions.Session(customer.id(), customer.email(), customer.password(),
                        (String) json(refreshed).get("accessToken"), null))
                .get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
    }

    @Test
    void everythingThePageLoadsComesFromTheAppItself() {
        page.logInAsOperator();

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".concat(performance.getEntriesByType('navigation').map(e => e.name))");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base));
        assertThat(loaded).anySatisfy(url -> assertThat(url).endsWith("/board/app.js"));
        assertThat(browser.find("meta[http-equiv='Content-Security-Policy']").getDomAttribute("content"))
                .contains("default-src 'self'");
    }

    @Test
    void streamReaderParsesEventsSplitAnywhereAndResumesWithLastEventId() {
        browser.open(base);

        Object parsed = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/board/sse.js').then(({ SseParser }) => {
                  const events = [], comments = [], retries = [];
                  const parser = new SseParser({ onEvent: e => events.push(e), onComment: c => comments.push(c),
                    onRetry: r => retries.push(r) });
                  const text = '\\ufeff: heartbeat\\r\\nid: 1\\r\\nevent: PLACED\\r\\ndata: {"a":\\r\\ndata: 1}\\r\\n\\r\\n'
                    + 'id:2\\nevent:ready\\n\\nretry: 2500\\ndata:x\\r\\rdata: \\u00fcn\\u00ef\\n\\nid: 3\\ndata\\n\\n'
                    + 'retry: soon\\nunknown: field\\ndata: last\\n\\n';
                  for (const c of text) parser.push(c);
                  done(JSON.stringify({ events, comments, retries }));
                }).catch(e => done('failed: ' + e));
                """);
        assertThat(parsed).isEqualTo("{\"events\":["
                + "{\"id\":\"1\",\"type\":\"PLACED\",\"data\":\"{\\\"a\\\":\\n1}\"},"
                + "{\"id\":\"2\",\"type\":\"ready\",\"data\":null},"
                + "{\"id\":\"2\",\"type\":\"message\",\"data\":\"x\"},"
                + "{\"id\":\"2\",\"type\":\"message\",\"data\":\"ün\u00ef\"},"
                + "{\"id\":\"3\",\"type\":\"message\",\"data\":\"\"},"
                + "{\"id\":\"3\",\"type\":\"message\",\"data\":\"last\"}],"
                + "\"comments\":[\"heartbeat\"],\"retries\":[2500]}");

        // A stream whose bytes split inside a character, then break off: the reader decodes across chunks, shows
        // "reconnecting", and resumes with the last id it delivered; the server's 204 ends it for good.
        Object resumed = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/board/sse.js').then(({ EventStream }) => {
                  const bytes = new TextEncoder().encode('id: 7\\ndata: caf\\u00e9\\n\\n: heartbeat\\n\\n');
                  const calls = [], events = [], states = [];
                  const fetchImpl = async (url, init) => {
                    calls.push(init.headers['Last-Event-ID'] || null);
                    if (calls.length > 1) return new Response(null, { status: 204 });
                    const chunks = [bytes.slice(0, 16), bytes.slice(16)];
                    const body = new ReadableStream({ pull(controller) {
                      if (chunks.length > 0) controller.enqueue(chunks.shift());
                      else controller.error(new TypeError('network error'));
                    } });
                    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
                  };
                  new EventStream({ url: '/x', fetchImpl, retryMs: 10, onEvent: e => events.push(e.data),
                    onState: s => { states.push(s); if (s === 'closed') done(JSON.stringify({ calls, events, states })); }
                  }).start();
                });
                """);
        assertThat(resumed).isEqualTo("{\"calls\":[null,\"7\"],\"events\":[\"café\"],"
                + "\"states\":[\"connecting\",\"open\",\"reconnecting\",\"closed\"]}");
    }

    /** Ids rise one by one from wherever the stream started, statuses follow the flow, and it ends at {@code last}. */
    private static void assertStrictlyAdvancing(List<String[]> updates, String last) {
        List<String> flow = List.of("PLACED", "STOCK_RESERVED", "CONFIRMED", "REJECTED");
        assertThat(updates).isNotEmpty();
        assertThat(updates.get(updates.size() - 1)[1]).isEqualTo(last);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(Long.parseLong(updates.get(i)[0])).isEqualTo(Long.parseLong(updates.get(i - 1)[0]) + 1);
            assertThat(flow.indexOf(updates.get(i)[1])).isGreaterThan(flow.indexOf(updates.get(i - 1)[1]));
        }
    }

    private static Map<?, ?> json(String text) {
        return JSON.readValue(text, Map.class);
    }

    private WebElement active() {
        return browser.driver().switchTo().activeElement();
    }

    private Map<?, ?> rect(WebElement element) {
        return (Map<?, ?>) browser.script("const r = arguments[0].getBoundingClientRect();"
                + "return { top: r.top, height: r.height, width: r.width };", element);
    }
}
