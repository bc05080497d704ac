package newsstand.layout;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import newsstand.config.PanelModel;

/**
 * Where every line and photo of an issue went, as JSON (`newsstand render --layout`): the panel, then each page with
 * its number, section, lines (kind, article, paragraph, box, type size, direction (ltr, or ttb for a vertical line,
 * with the runs of it turned sideways), the text exactly as set, and the most space justification opened between
 * two of its characters) and photos (box and file). Tests assert on it; operators diff
 * two of them.
 */
public final class LayoutDump {
    private LayoutDump() {}

    public static String json(List<Page> pages, PanelModel model) {
        JsonObject root = new JsonObject();
        JsonObject panel = new JsonObject();
        panel.addProperty("model", model.id());
        panel.addProperty("width", model.width());
        panel.addProperty("height", model.height());
        panel.addProperty("greys", model.greyLevels());
        root.add("panel", panel);
        JsonArray all = new JsonArray();
        for (Page p : pages) {
            JsonObject page = new JsonObject();
            page.addProperty("number", p.number());
            page.addProperty("section", p.section());
            JsonArray lines = new JsonArray();
            JsonArray photos = new JsonArray();
            for (Page.Op op : p.ops) {
                if (op instanceof Page.Text t) {
                    JsonObject l = new JsonObject();
                    l.addProperty("kind", t.kind());
                    l.addProperty("article", t.articleId());
                    if (t.paragraph() >= 0) l.addProperty("paragraph", t.paragraph());
                    else l.add("paragraph", null);
                    box(l, op);
                    l.addProperty("px", t.px());
                    l.addProperty("vertical", t.vertical());
                    l.addProperty("direction", t.vertical() ? "ttb" : "ltr");
                    if (t.vertical()) l.add("sideways", sideways(t.line()));
                    l.addProperty("text", t.line().text());
                    l.addProperty("gap", Math.round(t.line().gap() * 100) / 100.0);
                    lines.add(l);
                } else if (op instanceof Page.Picture pic) {
                    JsonObject o = new JsonObject();
                    box(o, op);
                    o.addProperty("file", pic.photo().file());
                    photos.add(o);
                }
            }
            page.add("lines", lines);
            page.add("photos", photos);
            all.add(page);
        }
        root.add("pages", all);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** The runs of a vertical line turned a quarter clockwise (Latin, numbers), in order. */
    private static JsonArray sideways(newsstand.fonts.typeset.SetLine line) {
        JsonArray runs = new JsonArray();
        int[] cps = line.text().codePoints().toArray();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= cps.length; i++) {
            boolean turned = i < cps.length && i < line.sideways().length && line.sideways()[i];
            if (turned) {
                run.appendCodePoint(cps[i]);
            } else if (run.length() > 0) {
                runs.add(run.toString());
                run.setLength(0);
            }
        }
        return runs;
    }

    private static void box(JsonObject o, Page.Op op) {
        o.addProperty("x", op.x());
        o.addProperty("y", op.y());
        o.addProperty("width", op.width());
        o.addProperty("height", op.height());
    }
}
