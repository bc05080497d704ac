package newsstand.console;

/** One kiosk: its screenshots, events and remote commands (to be built). */
final class Kiosks {
    private final Console console;

    Kiosks(Console console) {
        this.console = console;
    }

    void routes(Routes r) {}
}
