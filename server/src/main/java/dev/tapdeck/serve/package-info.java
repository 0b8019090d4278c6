/**
 * The server: REST under {@code /api}, the live WebSocket stream at {@code /api/stream}, over
 * one packet pipeline fed by live capture or by replay of a file.
 */
package dev.tapdeck.serve;
