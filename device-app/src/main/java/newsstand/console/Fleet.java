package newsstand.console;

/** The fleet as its kiosks report themselves, live (to be built). */
final class Fleet implements AutoCloseable {
    private final Console console;

    Fleet(Console console) {
        this.console = console;
    }

    void routes(Routes r) {}

    /** Starts following the fleet's statuses. */
    void start() {}

    @Override
    public void close() {}
}
