package newsstand.desk;

import java.time.Instant;

/**
 * How an issue is released: its sequence (it must grow from issue to issue), when kiosks stop showing it, and when
 * they may start (null: at once).
 */
public record Release(long sequence, Instant expires, Instant activateAt) {}
