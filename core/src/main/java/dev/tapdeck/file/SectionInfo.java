package dev.tapdeck.file;

/**
 * What a pcapng Section Header Block says about the capture (draft-ietf-opsawg-pcapng §4.1):
 * {@code shb_hardware}, {@code shb_os} and {@code shb_userappl}. A null or empty value is
 * left out of the file.
 *
 * @param hardware    the machine that captured, e.g. "x86_64"
 * @param os          its operating system, e.g. "Linux 6.8.0"
 * @param application the program that wrote the file, e.g. "Tapdeck 0.1.0"
 */
public record SectionInfo(String hardware, String os, String application) {
    /** A section header without options. */
    public static final SectionInfo NONE = new SectionInfo(null, null, null);
}
