package dev.orders.app;

import java.util.List;
import java.util.UUID;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The board as a user sees it, for the browser tests: what to click, and what to read back. */
final class BoardPage {

    private final Browser browser;
    private final String base;

    BoardPage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    String base() {
        return base;
    }

    /** Opens a view ({@code shop}, {@code ops}) and waits until its streams are live. */
    void open(String view) {
        browser.open(base + "#" + view);
        awaitConnection("open");
    }

    void awaitConnection(String state) {
        browser.awaitAttribute("#connection", "data-state", state);
    }

    String connectionState() {
        return browser.find("#connection").getDomAttribute("data-state");
    }

    /**
     * Logs in through the page's form and opens {@code view}. The tab's stored tokens are dropped first, so every
     * call starts at the login view.
     */
    void logIn(String email, String password, String view) {
        showLoginForm(view);
        browser.find("#login-email").sendKeys(email);
        browser.find("#login-password").sendKeys(password);
        browser.find("#login-submit").click();
        awaitConnection("open");
    }

    /** Creates a customer account through the page's form, which then logs in with it. */
    void register(String email, String password) {
        showLoginForm("shop");
        browser.find("#login-email").sendKeys(email);
        browser.find("#login-password").sendKeys(password);
        browser.find("#register-submit").click();
        awaitConnection("open");
    }

    void showLoginForm(String view) {
        browser.open(base + "#" + view);
        browser.script("sessionStorage.clear(); location.reload();");
        browser.await("the login form", d -> browser.findAll("#login-email").stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Logs in as the operator account the application created at start. */
    void logInAsOperator() {
        logIn(IntegrationTest.OPS_EMAIL, IntegrationTest.OPS_PASSWORD, "ops");
    }

    /** Logs in as a customer registered through the API; answers its session (its id is the customer id). */
    Sessions.Session logInAsNewCustomer(Sessions sessions, String name) {
        Sessions.Session customer = sessions.newCustomer(name);
        logIn(customer.email(), customer.password(), "shop");
        return customer;
    }

    /** Orders {@code quantity} of {@code sku} with a test card and answers the id of the order the page watches. */
    UUID placeOrder(String sku, int quantity, String card) {
        WebElement amount = browser.await("catalogue row of " + sku, d -> browser.findAll(
                "input[data-sku='" + sku + "']").stream().findFirst().orElse(null));
        amount.clear();
        amount.sendKeys(Integer.toString(quantity));
        new Select(browser.find("#payment-token")).selectByValue(card);
        browser.find("#place-order").click();
        String orderId = browser.await("the placed order being watched",
                d -> browser.find("#watched-order").getDomAttribute("data-order-id"));
        return UUID.fromString(orderId);
    }

    void awaitOutcome(String status) {
        browser.awaitAttribute("#outcome", "data-status", status);
    }

    String outcome() {
        return browser.find("#outcome").getText();
    }

    /** The updates the watched order's stream delivered, as [SSE id, status]. */
    List<String[]> updates() {
        return browser.findAll("#event-log li").stream()
                .map(li -> new String[] {li.getDomAttribute("data-id"), li.getDomAttribute("data-status")})
                .toList();
    }

    /** Waits for the order's card in the column of {@code status}. */
    WebElement awaitCard(UUID orderId, String status) {
        return browser.await("card of " + orderId + " in " + status, d -> browser.findAll(
                ".column[data-status='" + status + "'] " + card(orderId)).stream().findFirst().orElse(null));
    }

    List<WebElement> cards(UUID orderId) {
        return browser.findAll(card(orderId));
    }

    static String card(UUID orderId) {
        return "li.card[data-order-id='" + orderId + "']";
    }
}
