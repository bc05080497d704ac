package newsstand.kiosk;

import java.util.ArrayList;
import java.util.List;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;

/**
 * The kiosk's own screens, in Chinese and English, set by our typesetter at the panel's size: waiting for the first
 * issue, closed, a fault with its code, an issue's index, and the offline banner over a page's footer. The README's
 * technician section says what each means.
 */
public final class Screens {
    private Screens() {}

    public static Page waiting(IssueRenderer r, PanelModel model, List<String> identity) {
        List<String> lines = new ArrayList<>(List.of("Waiting for the first issue", "新的一期到达后自动显示"));
        lines.addAll(identity);
        return r.notice("等待第一期报纸", lines, model);
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

    /** An issue's index: each section with its first page (1-based), the one under the cursor marked. */
    public static Page index(IssueRenderer r, PanelModel model, String title, List<String> sections, List<Integer> firstPages, int cursor) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            lines.add((i == cursor ? "▶ " : "　") + sections.get(i) + "　第" + firstPages.get(i) + "版");
        }
        return r.notice("本期目录　" + title, lines, model);
    }

    /** The banner over a page's footer, offline since a time of day (HH:MM). */
    public static Page offline(IssueRenderer r, PanelModel model, String since) {
        return r.banner("离线 " + since + " 起　显示最后收到的一期 · Offline since " + since + ", showing the last issue received", model);
    }
}
