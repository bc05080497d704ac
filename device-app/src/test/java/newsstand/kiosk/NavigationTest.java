package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NavigationTest {
    final Navigation nav = new Navigation(List.of("要闻", "要闻", "经济", "经济", "经济", "城市"));

    @Test
    void aLongPressJumpsASection() {
        assertEquals(2, nav.nextSection(0));
        assertEquals(2, nav.nextSection(1));
        assertEquals(5, nav.nextSection(3));
        assertEquals(5, nav.nextSection(5), "the last section stays");
        assertEquals(2, nav.previousSection(4), "to the start of this section");
        assertEquals(0, nav.previousSection(2), "from a section's start, to the one before");
        assertEquals(0, nav.previousSection(0));
        assertEquals(1, nav.next(0));
        assertEquals(5, nav.next(5));
        assertEquals(0, nav.previous(0));
    }

    @Test
    void theIndexListsEachSectionOnceWithItsFirstPage() {
        assertEquals(List.of(new Navigation.Section("要闻", 0), new Navigation.Section("经济", 2), new Navigation.Section("城市", 5)), nav.index());
    }
}
