package dev.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProductPageTest {

    private static List<ProductView> products(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> ProductView.of("SKU-" + i, "Product " + i, 100, "EUR", 5, 2))
                .toList();
    }

    @Test
    void fullPageWithAnExtraRowPointsToTheNextPage() {
        ProductPage page = ProductPage.of(products(3), 2);

        assertThat(page.items()).extracting(ProductView::sku).containsExactly("SKU-1", "SKU-2");
        assertThat(page.nextCursor()).isEqualTo("SKU-2");
    }

    @Test
    void exactlyFullLastPageHasNoNextCursor() {
        ProductPage page = ProductPage.of(products(2), 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void emptyCatalogueIsAnEmptyLastPage() {
        ProductPage page = ProductPage.of(List.of(), 50);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void availableIsWhatIsOnHandButNotReserved() {
        assertThat(ProductView.of("A", "A", 1, "EUR", 10, 4).available()).isEqualTo(6);
    }
}
