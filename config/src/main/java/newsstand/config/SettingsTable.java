package newsstand.config;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The table of settings in config/README.md, made from the declarations in {@link Setting} (SettingsTableTest keeps
 * the README's copy in step). Print it with
 * {@code java -cp config/target/classes newsstand.config.SettingsTable}.
 */
public final class SettingsTable {
    private SettingsTable() {}

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    /** The table as Markdown, one row a setting in the order they are declared. */
    public static String markdown() {
        String head = "| Key | Type | Default | Range | Unit | Set from afar | Description |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n";
        return head + Stream.of(Setting.values()).map(SettingsTable::row).collect(Collectors.joining());
    }

    private static String row(Setting s) {
        return Stream.of("`" + s.key() + "`", s.type().toString(), defaultValue(s), s.range(), s.unit(), s.remote() ? "yes" : "",
                s.description()).map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String defaultValue(Setting s) {
        if (s.required()) return "required";
        if (s.fromHat()) return "the HAT's: " + s.hatDefault();
        return s.defaultValue().isEmpty() ? "empty" : "`" + s.defaultValue() + "`";
    }
}
