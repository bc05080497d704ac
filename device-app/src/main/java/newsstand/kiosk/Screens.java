package newsstand.kiosk;

import java.util.ArrayList;
import java.util.List;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.ShelfTitle;

/**
 * The kiosk's own screens, in Chinese and English, set by our typesetter at the panel's size: the home screen of
 * titles, waiting for the first issue, closed, a fault with its code, an issue's index, and the banners over a
 * page's footer (offline, an issue older than expected). The README's
 * technician section says what each means.
 */
public final class Screens {
    private Screens() {}

    /** Waiting for the first issue; receiving, when a download is under way, names it and its percent. */
    public static Page waiting(IssueRenderer r, PanelModel model, List<String> identity, String receiving) {
        List<String> lines = new ArrayList<>(List.of("Waiting for the first issue", "新的一期到达后自动显示"));
        if (receiving != null) lines.add("正在接收 Receiving " + receiving);
        lines.addAll(identity);
        return r.notice("等待第一期报纸", lines, model);
    }

    /**
     * The setup screen: the configuration cannot be used, what is wrong with it (the first few problems), where it
     * is, and who the kiosk is as far as it says.
     */
    public static Page setup(IssueRenderer r, PanelModel model, String device, String fleet, String config, List<String> problems) {
        List<String> lines = new ArrayList<>(List.of("Setup needed: the configuration cannot be used",
                "设备 device " + device + " · 组 fleet " + fleet, "配置文件 configuration: " + config));
        int shown = Math.min(problems.size(), 4);
        lines.addAll(problems.subList(0, shown));
        if (problems.size() > shown) lines.add("… " + (problems.size() - shown) + " more");
        lines.add("检查 Check: sudo newsstand doctor --config " + config);
        return r.notice("需要设置 · Setup", lines, model);
    }

    public static Page closed(IssueRenderer r, PanelModel model, OpeningHours hours) {
        return r.notice("报亭休息中", List.of("Closed", "开放时间 " + hours + "　Open " + hours,
                "按任意键阅读今日报纸 · Press any button to read today's paper"), model);
    }

    public static Page fault(IssueRenderer r, PanelModel model, String code, String what, List<String> identity) {
        List<String> lines = new ArrayList<>(List.of("The newspaper cannot be shown now", "故障代码 " + code + " · Fault " + code, what));
        lines.addAll(identity);
        return r.notice("暂时无法显示报纸", lines, model);
    }

    /** An issue's index: each section with its first page (1-based) and its headlines, the one under the cursor marked. */
    public static Page index(IssueRenderer r, PanelModel model, Issue issue, List<String> sections, List<Integer> firstPages, int cursor) {
        List<ShelfTitle> entries = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String name = sections.get(i);
            List<String> headlines = issue.sections().stream().filter(s -> s.title().equals(name)).findFirst()
                    .map(s -> s.articles().stream().map(newsstand.issue.Article::headline).toList()).orElse(List.of());
            entries.add(new ShelfTitle(name, "第" + firstPages.get(i) + "版", headlines));
        }
        return r.shelf("本期目录 · " + issue.title() + "　" + ShelfTitle.dateLine(issue.date()), entries, cursor,
                "◀ ▶ 选择版面　主页键打开　长按主页键返回 · Previous / Next to choose, Home to open, hold Home to go back", model);
    }

    /** The home screen: the titles, each with its date and lead headlines, the one under the cursor marked. */
    public static Page home(IssueRenderer r, PanelModel model, List<ShelfTitle> titles, int cursor) {
        return r.shelf("今日报纸 · Today's papers", titles, cursor,
                "◀ ▶ 选择报纸　主页键打开 · Previous / Next to choose, Home to open", model);
    }

    /** The banner over a page's footer when the issue is older than its publication's rhythm. */
    public static Page stale(IssueRenderer r, PanelModel model, String date) {
        return r.banner("本刊最新一期为 " + date + "，新一期尚未收到 · The newest issue received; a newer one has not arrived", model);
    }

    /** The banner over a page's footer, offline since a time of day (HH:MM). */
    public static Page offline(IssueRenderer r, PanelModel model, String since) {
        return r.banner("离线 " + since + " 起　显示最后收到的一期 · Offline since " + since + ", showing the last issue received", model);
    }
}
