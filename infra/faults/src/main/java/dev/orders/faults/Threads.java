package dev.orders.faults;

/** Named platform threads for the load that runs beside a scenario's faults. */
final class Threads {

    private Threads() {
    }

    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
