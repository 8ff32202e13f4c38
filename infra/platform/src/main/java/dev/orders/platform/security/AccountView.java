package dev.orders.platform.security;

import java.util.List;

/** An account as the API shows it: never its password. */
public record AccountView(String id, String email, List<String> roles) {
}
