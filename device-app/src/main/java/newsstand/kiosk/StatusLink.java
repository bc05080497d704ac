package newsstand.kiosk;

import newsstand.delivery.DeviceSync;

/**
 * What the panel shows, told to the sync for the kiosk's status. The sync starts beside the display: what was shown
 * before it was up is handed over when it is. Called from the display thread and the sync's start.
 */
final class StatusLink {
    private DeviceSync sync;
    private Shown last;

    synchronized void shown(Shown s) {
        last = s;
        if (sync != null) sync.showing(s.json());
    }

    synchronized void connect(DeviceSync started) {
        sync = started;
        if (last != null) sync.showing(last.json());
    }
}
