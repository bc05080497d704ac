package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import newsstand.display.Button;
import newsstand.display.Press;
import org.junit.jupiter.api.Test;

/** The display loop's two queues: the operator and the sync first, presses bounded. */
class InboxTest {
    static Event.Pressed press(int n) {
        return new Event.Pressed(new Press(n % 2 == 0 ? Button.NEXT : Button.PREVIOUS, n % 3 == 0));
    }

    @Test
    void aFloodOfPressesKeepsTheNewestAndNeverHoldsBackACommand() throws Exception {
        Inbox inbox = new Inbox();
        List<Event.Pressed> sent = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            sent.add(press(i));
            inbox.add(sent.get(i));
        }
        Event.Ping command = new Event.Ping(() -> {});
        inbox.add(command);
        inbox.add(new Event.Connection(true));
        assertEquals(command, inbox.poll(0), "the command first, though it came after 100,000 presses");
        assertInstanceOf(Event.Connection.class, inbox.poll(0));
        List<Event> left = new ArrayList<>();
        for (Event e; (e = inbox.poll(0)) != null; ) left.add(e);
        assertEquals(sent.subList(sent.size() - Inbox.PRESSES, sent.size()), left, "the newest presses, in order");
        assertNull(inbox.poll(10), "nothing more");
    }

    @Test
    void aWaitEndsWhenAnEventComes() throws Exception {
        Inbox inbox = new Inbox();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            inbox.add(new Event.Stop());
        });
        t.start();
        assertInstanceOf(Event.Stop.class, inbox.poll(Long.MAX_VALUE));
        t.join();
    }
}
