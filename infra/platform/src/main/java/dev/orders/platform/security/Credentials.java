package dev.orders.platform.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** E-mail and password, as sent to register and to log in. */
public record Credentials(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String password) {

    /** Never the password: request bodies end up in log lines when something fails. */
    @Override
    public String toString() {
        return "Credentials[email=" + email + "]";
    }
}
