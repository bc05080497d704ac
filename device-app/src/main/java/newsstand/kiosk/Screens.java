package newsstand.kiosk;

import java.util.ArrayList;
import java.util.List;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import java.time.LocalDate;
import java.time.ZoneId;
import newsstand.issue.Issue;
import newsstand.issue.Notice;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.ShelfTitle;

/**
 * The kiosk's own screens, in Chinese and English, set by our typesetter at the panel's size: the home screen of
 * titles, waiting for the first issue, closed, a fault with its code, an issue's index, and the banners over a
 * page's footer (offline, an issue older than expected). The screens a passer-by sees say what a reader can do;
 * what a technician needs stands in small print at the foot, without the names of the fleet's infrastructure. The
 * README's technician section says what each means.
 */
public final class Screens {
    private Screens() {}

    /**
     * Waiting for the first issue (W1): that the paper comes by itself and when to come back, the percent received
     * while a download is under way; offline for a while (offlineSince, HH:MM, or null), that it cannot come now
     * (W2). In small print the device and the issue coming, for the technician (never the broker: the screen faces
     * the street). receiving: the issue and its percent ("ID 40%"), or null.
     */
    public static Page waiting(IssueRenderer r, PanelModel model, Help help, String receiving, String offlineSince) {
        if (offlineSince != null) {
            return helpScreen(r, model, help, "W2", "暂时无法接收报纸", List.of("This newsstand cannot receive the newspaper right now",
                    "请稍后再来 · Please come back later"), "offline since " + offlineSince + " and no issue received yet",
                    "Next: check the network (cable, Wi-Fi or mobile data), then run sudo newsstand doctor");
        }
        List<String> lines = new ArrayList<>(List.of("The newspaper is on its way", "报纸到达后自动显示，请稍后再来",
                "It appears here by itself: please come back a little later"));
        String what = "no issue has arrived yet";
        if (receiving != null) {
            int cut = receiving.lastIndexOf(' ');
            lines.add("已接收 " + receiving.substring(cut + 1) + " · " + receiving.substring(cut + 1) + " received");
            what = "正在接收 receiving " + receiving.substring(0, Math.max(0, cut));
        }
        return helpScreen(r, model, help, "W1", "报纸即将送达", lines, what,
                "Next: sudo newsstand doctor; publish an issue to this kiosk if none was");
    }

    /**
     * The setup screen (S1): the configuration cannot be used; for passers-by, that the kiosk is being set up; for
     * the technician, where the configuration is and its first problem (without its value, which may name the
     * broker) and how many more.
     */
    public static Page setup(IssueRenderer r, PanelModel model, Help help, String config, List<String> problems) {
        String first = problems.isEmpty() ? "" : ": " + withoutAllowed(problems.get(0).replaceAll("= '[^']*'", "= …"))
                + (problems.size() > 1 ? "; " + (problems.size() - 1) + " more" : "");
        return helpScreen(r, model, help, "S1", "需要设置 · Setup", List.of("本报亭正在设置，请稍后再来",
                "This newsstand is being set up: please come back later"), config + " cannot be used" + first,
                "Next: fix it; sudo newsstand doctor --config " + config + "; sudo systemctl restart newsstand");
    }

    /**
     * A screen because something is wrong or missing: the heading and lines for passers-by, big; in small print at
     * the foot the code and the device, what is wrong in one line and the next step, and a QR code of
     * kiosk.help.url for the code (README, "What the panel says").
     */
    private static Page helpScreen(IssueRenderer r, PanelModel model, Help help, String code, String heading, List<String> lines,
                                   String what, String next) {
        return r.notice(heading, lines, List.of("代码 " + code + " · code " + code + " · 设备 device " + help.device(), withoutAllowed(what), next),
                help.url(code), model);
    }

    /** A problem without what is allowed (" (allowed: ...)"): that is the next step's, and its page's, to say. */
    private static String withoutAllowed(String problem) {
        int allowed = problem.indexOf(" (allowed: ");
        return allowed < 0 ? problem : problem.substring(0, allowed);
    }

    public static Page closed(IssueRenderer r, PanelModel model, OpeningHours hours) {
        return r.notice("报亭休息中", List.of("Closed", "开放时间 " + hours + "　Open " + hours,
                "按任意键阅读今日报纸 · Press any button to read today's paper"), model);
    }

    /**
     * A fault: that the paper cannot be shown now and what a reader can do instead; in small print the fault's code,
     * what it is and the next step, and the device, for the technician (README, "What the panel says").
     */
    public static Page fault(IssueRenderer r, PanelModel model, Help help, String code, String what) {
        return helpScreen(r, model, help, code, "暂时无法显示报纸", List.of("The newspaper cannot be shown right now", "请稍后再来，或到附近报亭阅读今日报纸",
                "Please come back later, or read today's paper at a newsstand nearby"), what, NEXT.getOrDefault(code, TECHNICIAN));
    }

    /** The small print's next step where the fault has none of its own: where a technician finds the rest. */
    private static final String TECHNICIAN = "技术人员 For the technician: sudo newsstand doctor";

    /** The technician's next step for each fault (README, "What the panel says"). */
    private static final java.util.Map<String, String> NEXT = java.util.Map.of(
            "F2", "Next: publish the issue again; sudo newsstand doctor checks the store",
            "F3", "Next: check the SD card and storage.path, then sudo newsstand doctor",
            "F4", "Next: sudo newsstand doctor; the kiosk's log (journalctl -u newsstand) says more",
            "F5", "Next: copy operator.pub from newsstand keygen to the trust.keys path; sudo newsstand doctor",
            "F6", "Next: free room on the SD card or raise storage.quota-mb; the issue comes by itself then",
            "F7", "Next: connect the network (the time comes with it), or sudo timedatectl set-time 'YYYY-MM-DD HH:MM'");

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

    /**
     * The banner over a page's footer when the issue is older than its publication's rhythm, the page of the total
     * of the page under it kept in it.
     */
    public static Page stale(IssueRenderer r, PanelModel model, String date, Page under) {
        return r.banner(List.of("本刊最新一期为 " + date + "，新一期尚未收到 · The newest issue received; a newer one has not arrived",
                "本刊最新一期为 " + date + "，新一期尚未收到", "新一期尚未收到"), under, model);
    }

    /** The banner over a page's footer, offline since a time of day (HH:MM), the page under it kept in it. */
    public static Page offline(IssueRenderer r, PanelModel model, String since, Page under) {
        return r.banner(List.of("离线 " + since + " 起　显示最后收到的一期 · Offline since " + since + ", showing the last issue received",
                "离线 " + since + " 起　显示最后收到的一期 · Offline since " + since, "离线 " + since + " 起 · Offline"), under, model);
    }

    /** A notice's level in words, Chinese then English. */
    static String label(Notice.Level level) {
        return switch (level) {
            case URGENT -> "紧急通知 Urgent";
            case WARNING -> "注意 Warning";
            case INFO -> "通知 Notice";
        };
    }

    /**
     * The band across the top of every page and screen while notices are in force: the first of them (urgent, then
     * warning, then information; the newest first) and how many more there are; reversed for a warning or an urgent
     * notice, outlined for information.
     */
    public static Page band(IssueRenderer r, PanelModel model, List<Notice> notices) {
        Notice n = notices.get(0);
        return r.noticeBand(n.level() != Notice.Level.INFO, bandLabel(notices), n.title().isEmpty() ? n.text() : n.title() + "：" + n.text(), model);
    }

    /** A screen of the kiosk's own with the band in one line over it, the screen moved down to make room. */
    public static Page withBand(IssueRenderer r, PanelModel model, Page screen, List<Notice> notices) {
        Notice n = notices.get(0);
        return r.underNoticeBand(screen, n.level() != Notice.Level.INFO, bandLabel(notices), n.title().isEmpty() ? n.text() : n.title() + "：" + n.text(), model);
    }

    private static String bandLabel(List<Notice> notices) {
        int more = notices.size() - 1;
        return label(notices.get(0).level()) + (more > 0 ? "（另有" + more + "条 +" + more + " more）" : "");
    }

    /**
     * An urgent notice over the whole screen (the first of the notices, which is urgent): its title and text, until
     * when it stands (in the kiosk's zone), how many more there are, and that any press shows the newspaper.
     */
    public static Page urgent(IssueRenderer r, PanelModel model, List<Notice> notices, ZoneId zone, LocalDate today) {
        Notice n = notices.get(0);
        java.time.ZonedDateTime until = n.until().atZone(zone);
        String time = until.toLocalTime().withSecond(0).withNano(0).toString();
        String when = until.toLocalDate().equals(today) ? "至 " + time + " · Until " + time
                : "至 " + until.getMonthValue() + "月" + until.getDayOfMonth() + "日 " + time + " · Until "
                + until.getDayOfMonth() + " " + until.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + " " + time;
        List<String> foot = new ArrayList<>(List.of("按任意键阅读今日报纸 · Press any button to read today's paper"));
        int more = notices.size() - 1;
        foot.add(when + (more > 0 ? "　另有" + more + "条通知见页面顶部 · " + more + " more at the top of the pages" : ""));
        return r.urgentNotice("紧急通知 · Urgent notice", n.title(), n.text(), foot, model);
    }
}
