package dev.orders.query;

/** The live event processor that keeps a read model current, as far as a rebuild needs to know it. */
interface LiveProcessor {

    /** What the processor has committed so far, as its token store says. */
    ProcessedPosition position();

    boolean isRunning();

    /** Stops the processor after its current batch and waits until it has stopped. */
    void pause();

    /** Starts the processor again from where it stopped. */
    void resume();
}
