package dev.tapdeck.capture.pcap;

/** No capture library could be loaded; the message says which files were tried and what to install. */
public final class LibpcapUnavailableException extends Exception {
    public LibpcapUnavailableException(String message) {
        super(message);
    }
}
