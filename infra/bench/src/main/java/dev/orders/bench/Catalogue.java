package dev.orders.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's products: seeds them over the API as the operator and reads the catalogue back page by page. */
final class Catalogue {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 200;

    private Catalogue() {
    }

    static List<String> skus(String prefix, int count) {
        List<String> skus = new ArrayList<>(count);
        int digits = Math.max(5, Integer.toString(count).length());
        for (int i = 1; i <= count; i++) {
            skus.add(prefix + String.format(Locale.ROOT, "%0" + digits + "d", i));
        }
        return skus;
    }

    /**
     * Creates every SKU (409 = it exists already, fine), waits until the catalogue shows all of them, and tops up
     * any whose available stock fell below half the initial stock in earlier runs.
     */
    static Map<String, Object> seed(HttpApi api, TokenSession operator, List<String> skus, String prefix,
                                    int initialStock, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong created = new AtomicLong();
        AtomicLong existing = new AtomicLong();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Flux.fromIterable(skus)
                .flatMap(sku -> api.postJson("/api/v1/products", productJson(sku, initialStock), operator, Map.of())
                        .doOnNext(response -> {
                            if (response.status() == 201) {
                                created.incrementAndGet();
                            } else if (response.status() == 409) {
                                existing.incrementAndGet();
                            } else {
                                failures.add(sku + ": HTTP " + response.status() + " " + abbreviate(response.body()));
                            }
                        })
                        .onErrorResume(e -> !(e instanceof AccessRefused), e -> {
                            failures.add(sku + ": " + e);
                            return reactor.core.publisher.Mono.empty();
                        }), 16)
                .blockLast(timeout);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not seed " + failures.size() + " products, e.g. " + failures.get(0));
        }
        // Orders are priced from the catalogue projection, so wait until it shows every product.
        List<Product> listed = List.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            listed = list(api, operator, prefix, prefix);
            if (listed.size() >= skus.size()) {
                break;
            }
            Thread.sleep(250);
        }
        if (listed.size() < skus.size()) {
            throw new IllegalStateException("the catalogue shows " + listed.size() + " of " + skus.size()
                    + " seeded products after " + timeout.toSeconds() + " s");
        }
        AtomicLong restocked = new AtomicLong();
        Flux.fromIterable(listed)
                .filter(product -> product.available() < initialStock / 2)
                .flatMap(product -> api.postJson("/api/v1/products/" + product.sku() + "/restock",
                                "{\"quantity\":" + Math.min(1_000_000, initialStock - product.available()) + "}",
                                operator, Map.of())
                        .doOnNext(response -> {
                            if (response.status() / 100 == 2) {
                                restocked.incrementAndGet();
                            }
                        }), 16)
                .blockLast(timeout);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("skus", skus.size());
        figures.put("created", created.get());
        figures.put("existing", existing.get());
        figures.put("restocked", restocked.get());
        figures.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        return figures;
    }

    /**
     * Every product after {@code afterCursor} (null: from the start) whose SKU starts with {@code prefix}
     * (null: all), following nextCursor.
     */
    static List<Product> list(HttpApi api, TokenSession reader, String afterCursor, String prefix) {
        List<Product> products = new ArrayList<>();
        String cursor = afterCursor;
        while (true) {
            String path = "/api/v1/products?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpApi.Response response = api.get(path, reader).block(Duration.ofSeconds(30));
            if (response == null || response.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered "
                        + (response == null ? "nothing" : response.status() + " " + abbreviate(response.body())));
            }
            JsonNode page = JSON.readTree(response.body());
            boolean beyondPrefix = false;
            for (JsonNode item : page.path("items")) {
                String sku = item.path("sku").asString();
                if (prefix != null && !sku.startsWith(prefix)) {
                    beyondPrefix = true;
                    break;
                }
                products.add(new Product(sku, item.path("onHand").asLong(), item.path("reserved").asLong(),
                        item.path("available").asLong()));
            }
            JsonNode next = page.get("nextCursor");
            if (beyondPrefix || next == null || next.isNull() || next.asString().isEmpty()) {
                return products;
            }
            cursor = next.asString();
        }
    }

    static String productJson(String sku, int initialStock) {
        long price = 100 + Math.floorMod(sku.hashCode(), 9_900);
        return "{\"sku\":\"" + sku + "\",\"name\":\"Benchmark item " + sku + "\",\"priceCents\":" + price
                + ",\"currency\":\"EUR\",\"initialStock\":" + initialStock + "}";
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    /** A catalogue row as the API shows it. */
    record Product(String sku, long onHand, long reserved, long available) {
    }
}
