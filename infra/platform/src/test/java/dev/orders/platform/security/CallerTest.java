package dev.orders.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.api.error.ForbiddenException;
import dev.orders.api.error.NotFoundException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final Caller alice = new Caller("alice", Set.of(Role.CUSTOMER));
    private final Caller analyst = new Caller("ann", Set.of(Role.ANALYST));
    private final Caller ops = new Caller("otto", Set.of(Role.OPS));

    @Test
    void customerActsOnlyForThemselves() {
        assertThat(alice.actingCustomer(null)).isEqualTo("alice");
        assertThat(alice.actingCustomer("alice")).isEqualTo("alice");
        assertThatThrownBy(() -> alice.actingCustomer("bob")).isInstanceOf(ForbiddenException.class);
        // Staff writing for a customer is refused just the same: the customer always comes from the token.
        assertThatThrownBy(() -> ops.actingCustomer("bob")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void readsCoverOwnDataForCustomersAndAnyoneForStaff() {
        assertThat(alice.readScope(null)).contains("alice");
        assertThatThrownBy(() -> alice.readScope("bob")).isInstanceOf(ForbiddenException.class);
        assertThat(analyst.readScope(null)).isEqualTo(Optional.empty());
        assertThat(analyst.readScope("bob")).contains("bob");
        assertThat(ops.readScope(" ")).isEmpty();
    }

    @Test
    void someoneElsesResourceDoesNotExistForACustomer() {
        alice.requireReadable("alice", "order", 1);
        ops.requireReadable("bob", "order", 1);
        analyst.requireReadable("bob", "order", 1);
        assertThatThrownBy(() -> alice.requireReadable("bob", "order", 1))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("order 1 does not exist");
    }

    @Test
    void rolesParseWithOrWithoutPrefixAndIgnoreUnknownOnes() {
        assertThat(Role.parse("ops")).contains(Role.OPS);
        assertThat(Role.parse("ROLE_ANALYST")).contains(Role.ANALYST);
        assertThat(Role.parse("SCOPE_OPS")).isEmpty();
        assertThat(Role.parse("wizard")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }
}
