package dev.orders.platform.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class RolesTest {

    @Test
    void runsEveryRoleWhenNoneIsNamed() {
        Roles roles = Roles.from(new MockEnvironment());

        assertThat(roles.isAll()).isTrue();
        assertThat(roles).hasToString("command,query,saga,inventory,notification");
    }

    @Test
    void readsACommaSeparatedListIgnoringCaseAndSpaces() {
        Roles roles = Roles.from(new MockEnvironment().withProperty("orders.roles", " Saga, inventory ,"));

        assertThat(roles.active()).containsExactlyInAnyOrder(InstanceRole.SAGA, InstanceRole.INVENTORY);
        assertThat(roles.runsAny(InstanceRole.COMMAND, InstanceRole.SAGA)).isTrue();
        assertThat(roles.runsAny(InstanceRole.COMMAND, InstanceRole.QUERY)).isFalse();
        assertThat(roles.isAll()).isFalse();
    }

    @Test
    void readsAYamlList() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("yaml",
                Map.of("orders.roles[0]", "query", "orders.roles[1]", "notification")));

        assertThat(Roles.from(environment).active())
                .containsExactlyInAnyOrder(InstanceRole.QUERY, InstanceRole.NOTIFICATION);
    }

    @Test
    void refusesAnUnknownRoleNamingTheKnownOnes() {
        assertThatThrownBy(() -> Roles.parse("command,billing"))
                .isInstanceOf(Roles.InvalidRolesException.class)
                .hasMessage("orders.roles (ORDERS_ROLES) names the unknown role 'billing'; known roles: "
                        + "command, query, saga, inventory, notification");
    }

    @Test
    void refusesAListWithoutARole() {
        assertThatThrownBy(() -> Roles.parse(" , "))
                .isInstanceOf(Roles.InvalidRolesException.class)
                .hasMessageContaining("names no role");
    }
}
