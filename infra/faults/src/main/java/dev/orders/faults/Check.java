package dev.orders.faults;

import java.util.ArrayList;
import java.util.List;

/** One promise checked over a state: how many things it looked at, how many broke it, and a few examples. */
final class Check {

    private static final int EXAMPLES = 5;

    private final String name;
    private int checked;
    private int violations;
    private final List<String> examples = new ArrayList<>();

    Check(String name) {
        this.name = name;
    }

    /** Counts one thing looked at; {@code ok} false is a violation, described by {@code what}. */
    void expect(boolean ok, String what) {
        checked++;
        if (!ok) {
            violations++;
            if (examples.size() < EXAMPLES) {
                examples.add(what);
            }
        }
    }

    String name() {
        return name;
    }

    int checked() {
        return checked;
    }

    int violations() {
        return violations;
    }

    List<String> examples() {
        return examples;
    }

    @Override
    public String toString() {
        return name + ": " + violations + " of " + checked + (examples.isEmpty() ? "" : " " + examples);
    }
}
