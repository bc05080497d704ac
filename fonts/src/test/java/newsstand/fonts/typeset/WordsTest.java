package newsstand.fonts.typeset;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jieba's word list and its most probable segmentation, on the Qingdao daily's headlines. */
class WordsTest {
    static List<String> words(String text) {
        int[] cps = text.codePoints().toArray();
        boolean[] starts = Words.get().starts(cps);
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= cps.length; i++) {
            if (starts[i]) {
                out.add(new String(cps, from, i - from));
                from = i;
            }
        }
        return out;
    }

    @Test
    void headlinesAreSegmentedIntoTheirWords() {
        assertEquals(List.of("首批", "交通", "领域", "国家", "人工智能", "应用", "中试", "基地", "建设"), words("首批交通领域国家人工智能应用中试基地建设"));
        List<String> quarter = words("青岛入选国家一刻钟便民生活圈全域推进先行区试点");
        for (String w : List.of("青岛", "入选", "国家", "一刻钟", "便民", "生活圈", "全域", "推进", "试点")) assertTrue(quarter.contains(w), w + " in " + quarter);
        assertEquals(List.of("134", "个", "“", "一刻钟", "便民", "生活圈", "”", "建成"), words("134个“一刻钟便民生活圈”建成"));
        assertEquals(List.of("气温", "21℃", "至", "28℃"), words("气温21℃至28℃"));
    }

    @Test
    void theListHoldsJiebasWordsAndNotPhrases() {
        Words w = Words.get();
        assertEquals(337_394, w.size());
        for (String word : List.of("人工智能", "生活圈", "全域", "集装箱", "马拉松", "吞吐量")) {
            int[] cps = word.codePoints().toArray();
            assertTrue(w.contains(cps, 0, cps.length), word);
        }
        int[] phrase = "国家人工智能应用".codePoints().toArray();
        assertFalse(w.contains(phrase, 0, phrase.length));
    }
}
