package newsstand.display.trace;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import newsstand.config.PanelController;
import newsstand.config.PanelModel;
import newsstand.display.PanelIo;
import newsstand.display.it8951.It8951;
import newsstand.display.uc8179.Uc8179;

/**
 * Recording wires with a simulated controller behind them: the traffic a driver sends, one event per line, in the
 * format of {@code newsstand panel trace} (see the README), and the answers a real controller would give (an
 * IT8951's device info for the model, its registers). A virtual clock: pauses cost no time. A frame longer than
 * the SPI buffer fails, as spidev does.
 */
public final class TraceIo implements PanelIo {
    private final PanelController chip;
    private final PanelModel model;
    private final int maxTransfer;
    private final List<String> events = new ArrayList<>();
    private long clock;
    private boolean busyForever;
    private boolean silent;
    private boolean data;
    private boolean resetLow;
    private boolean polling;
    private int largestFrame;
    private boolean checked;
    private boolean waitDeferred;
    private int framesWithoutWait;

    // UC8179: the bytes after the last command, merged across frames.
    private int command = -1;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    // IT8951: the simulated controller.
    private int itCommand = -1;
    private boolean loadArgsSeen;
    private MessageDigest pixels;
    private long pixelBytes;
    private int lastRegister;
    private int[] lastWrite = new int[0];
    private final Map<Integer, Integer> registers = new HashMap<>();
    private int vcom = 1500;

    public TraceIo(PanelModel model, int maxTransfer) {
        this.chip = model.controller();
        this.model = model;
        this.maxTransfer = maxTransfer;
    }

    /** An IT8951 that answers nothing (all zeros), as one with SPI miswired or unpowered does. */
    public TraceIo silent() {
        silent = true;
        return this;
    }

    /** A controller whose ready line never goes high: for timeout tests. */
    public TraceIo busyForever() {
        busyForever = true;
        return this;
    }

    /** The events so far, flushing merged data. */
    public List<String> events() {
        flush();
        return List.copyOf(events);
    }

    public int largestFrame() {
        return largestFrame;
    }

    public int vcom() {
        return vcom;
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) {
        if (length > maxTransfer) {
            throw new IllegalStateException("SPI frame of " + length + " bytes is larger than the spidev buffer of " + maxTransfer);
        }
        largestFrame = Math.max(largestFrame, length);
        polling = false;
        if (!checked) framesWithoutWait++;
        checked = false;
        if (chip == PanelController.UC8179) uc8179(tx, length);
        else it8951(tx, rx, length);
    }

    private void uc8179(byte[] tx, int length) {
        if (!data) {
            flush();
            command = tx[0] & 0xFF;
            events.add(String.format("CMD 0x%02X", command));
        } else {
            pending.write(tx, 0, length);
        }
    }

    private void it8951(byte[] tx, byte[] rx, int length) {
        int preamble = (tx[0] & 0xFF) << 8 | (tx[1] & 0xFF);
        switch (preamble) {
            case 0x6000 -> {
                int c = word(tx, 2);
                flush();
                if (waitDeferred) events.add("WAIT HRDY");
                waitDeferred = false;
                itCommand = c;
                loadArgsSeen = false;
                events.add(String.format("CMD 0x%04X", c));
            }
            case 0x0000 -> {
                if (itCommand == It8951.LD_IMG_AREA && loadArgsSeen) {
                    waitDeferred = false;
                    if (pixels == null) pixels = sha256();
                    pixels.update(tx, 2, length - 2);
                    pixelBytes += length - 2;
                    return;
                }
                int[] words = new int[(length - 2) / 2];
                StringBuilder s = new StringBuilder("WRITE");
                for (int i = 0; i < words.length; i++) {
                    words[i] = word(tx, 2 + 2 * i);
                    if (i < 16) s.append(String.format(" %04X", words[i]));
                }
                events.add(s.toString());
                lastWrite = words;
                if (itCommand == It8951.LD_IMG_AREA) loadArgsSeen = true;
                if (itCommand == It8951.REG_WR && words.length >= 2) registers.put(words[0], words[1]);
                if (itCommand == It8951.REG_RD && words.length >= 1) lastRegister = words[0];
                if (itCommand == It8951.VCOM && words.length >= 2 && words[0] == 1) vcom = words[1];
            }
            case 0x1000 -> {
                int n = (length - 4) / 2;
                events.add("READ " + n);
                int[] answer = answer(n);
                for (int i = 0; i < n && rx != null; i++) {
                    rx[4 + 2 * i] = (byte) (answer[i] >> 8);
                    rx[5 + 2 * i] = (byte) answer[i];
                }
            }
            default -> events.add(String.format("FRAME %d preamble=%04X (not an IT8951 frame)", length, preamble));
        }
    }

    /** What the simulated IT8951 answers to a read after the last command. */
    private int[] answer(int n) {
        int[] a = new int[n];
        if (silent) return a;
        if (itCommand == It8951.GET_DEV_INFO) {
            int[] info = new int[20];
            info[0] = model.width();
            info[1] = model.height();
            int address = 0x001236E0;
            info[2] = address & 0xFFFF;
            info[3] = address >>> 16;
            putString(info, 4, "SWv_0.1.1");
            putString(info, 12, model.lut());
            System.arraycopy(info, 0, a, 0, Math.min(n, 20));
        } else if (itCommand == It8951.REG_RD) {
            a[0] = lastRegister == It8951.LUTAFSR ? 0 : registers.getOrDefault(lastRegister, 0);
        } else if (itCommand == It8951.VCOM) {
            a[0] = vcom;
        }
        return a;
    }

    private static void putString(int[] words, int from, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length && i < 16; i++) words[from + i / 2] |= (b[i] & 0xFF) << (i % 2 == 0 ? 0 : 8);
    }

    private void flush() {
        if (chip == PanelController.UC8179 && pending.size() > 0) {
            byte[] b = pending.toByteArray();
            pending.reset();
            if (command == Uc8179.DTM1 || command == Uc8179.DTM2) {
                events.add("PIXELS " + b.length + " sha256=" + HexFormat.of().formatHex(sha256().digest(b)));
            } else {
                events.add("DATA " + b.length + " first=" + HexFormat.of().formatHex(b, 0, Math.min(16, b.length)).toUpperCase());
            }
        }
        if (chip == PanelController.IT8951 && pixels != null) {
            events.add("PIXELS " + pixelBytes + " sha256=" + HexFormat.of().formatHex(pixels.digest()));
            pixels = null;
            pixelBytes = 0;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    @Override
    public void dataCommand(boolean data) {
        this.data = data;
    }

    @Override
    public void reset(boolean high) {
        if (!high) {
            flush();
            resetLow = true;
        } else if (resetLow) {
            resetLow = false;
            events.add("RESET");
        }
    }

    @Override
    public boolean ready() {
        checked = true;
        // The waits between an image load's pixel frames belong to the merged PIXELS line.
        boolean loading = chip == PanelController.IT8951 && itCommand == It8951.LD_IMG_AREA && loadArgsSeen;
        if (loading) {
            waitDeferred = !busyForever; // shown only if a command follows rather than a pixel frame
        } else if (!polling) {
            flush();
            events.add("WAIT " + chip.readyLine());
        }
        polling = busyForever;
        return !busyForever;
    }

    /** IT8951 frames sent without a ready check since the frame before (the vendor checks HRDY before each). */
    public int framesWithoutWait() {
        return framesWithoutWait;
    }

    @Override
    public int maxTransfer() {
        return maxTransfer;
    }

    @Override
    public void pause(int millis) {
        clock += millis;
        if (resetLow || polling) return; // inside a reset pulse or a wait for the ready line
        flush();
        events.add("DELAY " + millis);
    }

    @Override
    public long millis() {
        return clock;
    }

    @Override
    public void close() {
        flush();
    }
}
