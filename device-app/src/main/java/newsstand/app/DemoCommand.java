package newsstand.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.SimulatedPanel;
import newsstand.issue.Issue;
import newsstand.issue.Notice;
import newsstand.kiosk.Screens;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Imports the bundled sample issue into a fresh SQLite store, activates it and renders every page "
                + "through the simulated panel, as DIR/page-001.png, page-002.png, ... (or with --traced through the panel's real driver), and the kiosk's own screens into DIR/screens (home, waiting, index, closed, fault, fault-no-key and waiting-offline with their QR codes, a page with the offline banner, one with the banner of an issue older than expected, a page with a station notice's band, an urgent notice)"})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Folder for the pages (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin Options.PanelOption panel;

    @Option(names = "--traced", description = "Show the pages through the panel model's real driver (UC8179 or IT8951) "
            + "against recording wires and a simulated controller, instead of the simulated panel; the traffic goes to "
            + "DIR/panel-trace.txt.")
    boolean traced;

    /** The kiosk's own screens for the issue, as a reader and a technician see them, each a PNG in the folder. */
    private void screens(Issue issue, PageRenderer.PhotoSource photos, Path folder) throws Exception {
        Files.createDirectories(folder);
        PanelModel model = panel.model;
        IssueRenderer r = IssueRenderer.open(issue.language());
        List<Page> pages = r.compose(issue, model);
        List<String> sections = new ArrayList<>();
        List<Integer> firstPages = new ArrayList<>();
        for (Page p : pages) {
            if (sections.isEmpty() || !sections.get(sections.size() - 1).equals(p.section())) {
                sections.add(p.section());
                firstPages.add(p.number());
            }
        }
        PageRenderer renderer = r.renderer(photos, model);
        Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
        try {
            newsstand.kiosk.Help help = newsstand.kiosk.Help.of("kiosk-001");
            show(folder, "waiting.png", Screens.waiting(r, model, help, "haibin-daily-2025-09-10 40%", null), renderer, fb);
            // The home screen with a second title: the sample under the evening paper's name, led by its last stories.
            List<newsstand.issue.Article> all = issue.articles();
            newsstand.layout.ShelfTitle evening = new newsstand.layout.ShelfTitle("海滨晚报", newsstand.layout.ShelfTitle.dateLine(issue.date()),
                    all.subList(Math.max(0, all.size() - 5), all.size()).stream().map(newsstand.issue.Article::headline).toList());
            show(folder, "home.png", Screens.home(r, model, List.of(newsstand.layout.ShelfTitle.of(issue), evening), 1), renderer, fb);
            show(folder, "index.png", Screens.index(r, model, issue, sections, firstPages, Math.min(1, sections.size() - 1)), renderer, fb);
            show(folder, "closed.png", Screens.closed(r, model, OpeningHours.parse("06:00-23:30", java.time.ZoneId.systemDefault())), renderer, fb);
            show(folder, "fault.png", Screens.fault(r, model, help, "F2", "the stored issues cannot be shown (" + issue.id() + ")"), renderer, fb);
            // Two fault screens a technician meets at a new kiosk: no trusted key (F5), and no issue with no connection (W2).
            show(folder, "fault-no-key.png", Screens.fault(r, model, help, "F5", "no trusted key can be used: /etc/newsstand/operator.pub: not an"
                    + " Ed25519 public key (allowed: an operator.pub written by newsstand keygen)"), renderer, fb);
            show(folder, "waiting-offline.png", Screens.waiting(r, model, help, null, "08:12"), renderer, fb);
            renderer.draw(pages.get(0), fb);
            renderer.drawOver(Screens.offline(r, model, "08:12", pages.get(0)), fb);
            try (SimulatedPanel p = new SimulatedPanel(model, folder, "offline.png")) {
                p.refresh(fb, Region.of(fb), RefreshMode.FULL);
            }
            renderer.draw(pages.get(1), fb);
            renderer.drawOver(Screens.stale(r, model, newsstand.layout.ShelfTitle.dateLine(issue.date()), pages.get(1)), fb);
            try (SimulatedPanel p = new SimulatedPanel(model, folder, "stale.png")) {
                p.refresh(fb, Region.of(fb), RefreshMode.FULL);
            }
            notices(issue, r, pages, renderer, fb, folder);
        } finally {
            renderer.close();
        }
    }

    /**
     * The station notices as a reader meets them: a warning's band across a page (with one more notice in force), and
     * an urgent notice over the whole screen. Their times are fixed (the issue's day, in Beijing time), so that the
     * pictures are the same at every run.
     */
    private void notices(Issue issue, IssueRenderer r, List<Page> pages, PageRenderer renderer, Framebuffer fb, Path folder) throws IOException {
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        java.time.Instant issued = issue.date().atTime(7, 30).atZone(zone).toInstant();
        java.time.Instant evening = issue.date().atTime(22, 0).atZone(zone).toInstant();
        Notice warning = new Notice("demo-warning", Notice.Level.WARNING, "2号线临时调整",
                "今日18:00起海滨站至中山路站暂停运营，请换乘5路、12路公交。Line 2: no trains Haibin–Zhongshan Rd from 18:00; take bus 5 or 12.",
                evening, issued);
        Notice info = new Notice("demo-info", Notice.Level.INFO, "", "本站B出口电梯维修至周五。The lift at exit B is under repair until Friday.",
                evening, issued.minusSeconds(3600));
        Notice urgent = new Notice("demo-urgent", Notice.Level.URGENT, "暴雨红色预警",
                "气象台发布暴雨红色预警。车站出入口可能临时关闭，请听从工作人员指引，远离海边。"
                        + "Red rainstorm alert: station entrances may close at short notice. Follow the staff's instructions and keep away from the seafront.",
                issue.date().atTime(20, 0).atZone(zone).toInstant(), issued.plusSeconds(600));
        renderer.draw(pages.get(1), fb);
        renderer.drawOver(Screens.band(r, panel.model, List.of(warning, info)), fb);
        try (SimulatedPanel p = new SimulatedPanel(panel.model, folder, "notice-band.png")) {
            p.refresh(fb, Region.of(fb), RefreshMode.FULL);
        }
        show(folder, "notice-urgent.png", Screens.urgent(r, panel.model, List.of(urgent, warning, info), zone, issue.date()), renderer, fb);
    }

    private void show(Path folder, String name, Page screen, PageRenderer renderer, Framebuffer fb) throws IOException {
        renderer.draw(screen, fb);
        try (SimulatedPanel p = new SimulatedPanel(panel.model, folder, name)) {
            p.refresh(fb, Region.of(fb), RefreshMode.FULL);
        }
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Outputs.prepare(out);
        Path db = out.resolve("demo.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
        try (IssueStore store = IssueStore.open(db)) {
            String id = SampleIssue.activate(store);
            PageRenderer.PhotoSource photos = file -> {
                try {
                    return store.image(id, file);
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
            };
            if (!traced) screens(store.issue(id), photos, out.resolve("screens"));
            Outputs.render(store.issue(id), photos, panel.model, out, start, spec.commandLine().getOut(), traced);
            return 0;
        }
    }
}
