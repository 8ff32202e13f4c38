package dev.orders.app.export;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Lets tests in other packages run the command without {@code System.exit}. */
public final class EventExportCommandAccess {

    private EventExportCommandAccess() {
    }

    public static int run(String... args) {
        return new EventExportCommand(System.out, new PrintStream(System.err, true, StandardCharsets.UTF_8), false)
                .execute(args);
    }
}
