package newsstand.config;

/** How the kiosk reaches its panel: a simulated panel writing PNGs, or the real one through Pi4J. */
public enum PanelDriver {
    SIMULATED("simulated"),
    PI4J("pi4j");

    private final String id;

    PanelDriver(String id) { this.id = id; }

    public String id() { return id; }

    @Override
    public String toString() { return id; }
}
