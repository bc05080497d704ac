package newsstand.console;

/** The day's issue: upload, explain, preview per panel model, publish, withdraw (to be built). */
final class Issues {
    private final Console console;

    Issues(Console console) {
        this.console = console;
    }

    void routes(Routes r) {}
}
