package newsstand.console;

/** The day's issue: upload, explain, preview per panel model, publish, withdraw (to be built). */
final class Issues {
    private final Console console;

    Issues(Console console) {
        this.console = console;
    }

    void routes(Routes r) {}

    /**
     * The console's own rendering of a page of an issue it knows (uploaded here) for a panel model, as a PNG file;
     * null when it does not know the issue, the model or the page.
     */
    java.nio.file.Path page(String issue, String model, int page) {
        return null;
    }
}
