/*
 * pcap_loop.c - the floor for reading a capture file: libpcap's pcap_next_ex in a loop,
 * counting packets and captured bytes and doing nothing else with them. bench/run times
 * it next to Tapdeck, tshark and tcpdump; no reader of the same file can be much faster.
 *
 * Build: gcc -O2 -o pcap_loop pcap_loop.c -lpcap
 * Usage: pcap_loop CAPTURE_FILE   (pcap or pcapng, as far as the local libpcap reads them)
 * Prints "packets N bytes B" (B = sum of captured lengths). Exit status: 0 after a clean end
 * of file, 1 on a read error (the counts so far are still printed), 64 usage, 66 cannot open.
 */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CAPTURE_FILE\n", argv[0]);
        return 64;
    }
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *pcap = pcap_open_offline(argv[1], errbuf);
    if (pcap == NULL) {
        fprintf(stderr, "pcap_loop: %s\n", errbuf);
        return 66;
    }

    struct pcap_pkthdr *header;
    const u_char *data;
    unsigned long long packets = 0, bytes = 0;
    int status;
    while ((status = pcap_next_ex(pcap, &header, &data)) == 1) {
        packets++;
        bytes += header->caplen;
    }

    printf("packets %llu bytes %llu\n", packets, bytes);
    if (status == PCAP_ERROR) {
        /* -1: a damaged or cut-short record; -2 (PCAP_ERROR_BREAK) is the clean end of file. */
        fprintf(stderr, "pcap_loop: %s: %s\n", argv[1], pcap_geterr(pcap));
        pcap_close(pcap);
        return 1;
    }
    pcap_close(pcap);
    return 0;
}
