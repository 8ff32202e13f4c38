package dev.orders.platform.security;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The complete set of roles an account shall have. */
public record RoleGrant(@NotEmpty @Size(max = 3) List<String> roles) {
}
