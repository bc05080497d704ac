package newsstand.delivery;

/**
 * How the kiosk answers one of the operator's commands it was handed (PROTOCOL.md, "Remote commands"): each answer
 * is an event with the command's id, kept in the outbox until the broker has it. Any thread; answer once.
 */
public interface CommandReply {
    /** Carried out: what the kiosk did, in words ("shows qingdao-daily page 3 of 8"). */
    void done(String result);

    /** Not carried out: why, naming what was wrong and what is allowed. */
    void failed(String reason);

    /** A screenshot: the PNG is published in chunks, then the command is done with the result. */
    void screenshot(byte[] png, String result);
}
