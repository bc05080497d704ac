package newsstand.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the kiosk's engine.",
        subcommands = {BenchGlyphsCommand.class, BenchPageCommand.class, BenchSoakCommand.class, BenchStartupCommand.class, BenchFleetCommand.class, BenchConsoleCommand.class})
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (glyphs, page, soak, startup, fleet, console)");
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
