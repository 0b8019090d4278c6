package dev.tapdeck.file;

import java.io.IOException;

/**
 * A capture file that cannot be read further: damaged, cut short or not a capture at all.
 * Names where the damage is, so that a user can find it with a hex editor; every packet
 * before it has already been delivered.
 */
public final class CaptureFileException extends IOException {
    private final long byteOffset;
    private final long recordNumber;

    /**
     * @param byteOffset   offset in the file of the record (or header) that is damaged
     * @param recordNumber 1-based number of the damaged packet record, 0 for the file header
     */
    public CaptureFileException(String problem, long byteOffset, long recordNumber) {
        super(problem + " (record " + recordNumber + " at byte offset " + byteOffset + ")");
        this.byteOffset = byteOffset;
        this.recordNumber = recordNumber;
    }

    public long byteOffset() { return byteOffset; }
    public long recordNumber() { return recordNumber; }
}
