package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TrafficSenderTest {
    private static final InetAddress IPV4_LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final int RECEIVE_TIMEOUT_MILLIS = 5000;

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "8.8.8.8", "0.0.0.0", "2001:db8::1", "::"})
    void refusesEveryDestinationThatIsNotLoopback(String address) throws IOException {
        InetSocketAddress destination = new InetSocketAddress(InetAddress.getByName(address), 9000);

        assertThatThrownBy(() -> settings(destination, 1000, OptionalLong.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(InetAddress.getByName(address).getHostAddress())
                .hasMessageContaining("not a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1"})
    void acceptsTheLoopbackRanges(String address) throws IOException {
        InetSocketAddress destination = new InetSocketAddress(InetAddress.getByName(address), 9000);

        assertThat(settings(destination, 1000, OptionalLong.empty()).destination()).isEqualTo(destination);
    }

    @Test
    void refusesSettingsThatCannotBeMet() {
        InetSocketAddress destination = new InetSocketAddress(IPV4_LOOPBACK, 9000);

        assertThatThrownBy(() -> settings(destination, 0, OptionalLong.empty())).hasMessageContaining("rate");
        assertThatThrownBy(() -> settings(destination, Double.NaN, OptionalLong.empty())).hasMessageContaining("rate");
        assertThatThrownBy(() -> settings(destination, Double.POSITIVE_INFINITY, OptionalLong.empty())).hasMessageContaining("rate");
        assertThatThrownBy(() -> new TrafficSender.Settings(destination, 1000, Duration.ZERO, OptionalLong.empty(), 1))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> settings(destination, 1000, OptionalLong.of(0))).hasMessageContaining("count");
        assertThatThrownBy(() -> settings(InetSocketAddress.createUnresolved("nowhere.invalid", 9000), 1000, OptionalLong.empty()))
                .hasMessageContaining("cannot resolve nowhere.invalid");
    }

    @Test
    void everyDatagramArrivesInOrderWithItsSequenceNumber() throws Exception {
        try (DatagramSocket receiver = receiverOn(IPV4_LOOPBACK)) {
            TrafficSender sender = new TrafficSender(settings(localAddressOf(receiver), 1000, OptionalLong.of(500)));
            Future<TrafficSender.Result> sending = background.submit(sender::run);

            List<byte[]> received = receive(receiver, 500);
            TrafficSender.Result result = sending.get();

            assertThat(received).extracting(TrafficSenderTest::sequenceNumber)
                    .containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
            assertThat(result.datagrams()).isEqualTo(500);
            assertThat(result.bytes()).isEqualTo(received.stream().mapToLong(payload -> payload.length).sum());
            // DNS-query-sized ones, mid-sized ones and full 1,200-byte ones.
            assertThat(received).extracting(payload -> payload.length)
                    .anySatisfy(length -> assertThat(length).isLessThan(100))
                    .anySatisfy(length -> assertThat(length).isBetween(100, 1199))
                    .anySatisfy(length -> assertThat(length).isEqualTo(1200))
                    .allSatisfy(length -> assertThat(length).isBetween(9, 1200));
        }
    }

    @Test
    void sendsOverIpv6ToTheIpv6Loopback() throws Exception {
        try (DatagramSocket receiver = receiverOn(InetAddress.getByName("::1"))) {
            InetSocketAddress destination = localAddressOf(receiver);
            TrafficSender sender = new TrafficSender(settings(destination, 1000, OptionalLong.of(100)));
            Future<TrafficSender.Result> sending = background.submit(sender::run);

            List<byte[]> received = receive(receiver, 100);
            TrafficSender.Result result = sending.get();

            assertThat(received).extracting(TrafficSenderTest::sequenceNumber)
                    .containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
            assertThat(result.connections()).as("TCP to its own server on [::1]").isPositive();
            assertThat(result.failedConnections()).isZero();
        }
    }

    @Test
    void onAFreePortItListensItselfAndClosesEverythingWhenStopped() throws Exception {
        InetSocketAddress destination = new InetSocketAddress(IPV4_LOOPBACK, freePort());
        TrafficSender sender = new TrafficSender(settings(destination, 1000, OptionalLong.empty()));
        Future<TrafficSender.Result> sending = background.submit(sender::run);

        String response = firstResponseFrom(destination);
        assertThatThrownBy(() -> new DatagramSocket(destination).close())
                .as("the sender's own UDP sink has the port")
                .isInstanceOf(BindException.class);
        Thread.sleep(100); // about a hundred datagrams' time, for the count below to be more than 0
        sender.stop();
        TrafficSender.Result result = sending.get();

        assertThat(response).startsWith("HTTP/1.1 404 Not Found\r\n").contains("\r\nConnection: close\r\n\r\n");
        assertThat(result.elapsed()).isLessThan(TEN_SECONDS);
        assertThat(result.datagrams()).isPositive();
        assertThat(result.connections()).isPositive();
        assertThat(result.failedConnections()).isZero();
        new DatagramSocket(destination).close();
        new ServerSocket(destination.getPort(), 1, destination.getAddress()).close();
    }

    @Test
    void asksAServerThatListensAlreadyForTheResourcesOfASite() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, IPV4_LOOPBACK)) {
            server.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            InetSocketAddress destination = new InetSocketAddress(IPV4_LOOPBACK, server.getLocalPort());
            // At 10 datagrams a second, one connection a second: the test stops the sender before a second.
            TrafficSender sender = new TrafficSender(settings(destination, 10, OptionalLong.empty()));
            Future<TrafficSender.Result> sending = background.submit(sender::run);

            String request;
            try (Socket connection = server.accept()) {
                connection.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
                request = readHead(connection.getInputStream());
                connection.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sender.stop();
            TrafficSender.Result result = sending.get();

            assertThat(request).matches("GET /\\S* HTTP/1\\.1\r\nHost: localhost:" + server.getLocalPort() + "\r\n(?s).*");
            assertThat(request).endsWith("Connection: close\r\n\r\n");
            assertThat(result.connections()).isEqualTo(1);
        }
    }

    @Test
    void keepsToTheRateInsteadOfSendingAllAtOnce() throws Exception {
        try (DatagramSocket receiver = receiverOn(IPV4_LOOPBACK)) {
            TrafficSender sender = new TrafficSender(settings(localAddressOf(receiver), 1000, OptionalLong.of(200)));
            long start = System.nanoTime();
            Future<TrafficSender.Result> sending = background.submit(sender::run);

            receive(receiver, 200);
            TrafficSender.Result result = sending.get();

            // The 200th datagram is due 199 ms after the first; the bounds are loose on purpose.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(150));
            assertThat(result.elapsed()).isBetween(Duration.ofMillis(150), TEN_SECONDS);
            assertThat(result.rate()).isBetween(100.0, 1400.0);
        }
    }

    @Test
    void stopsWhenTheDurationIsOver() throws Exception {
        try (DatagramSocket receiver = receiverOn(IPV4_LOOPBACK)) {
            TrafficSender.Result result = new TrafficSender(new TrafficSender.Settings(localAddressOf(receiver), 100,
                    Duration.ofMillis(300), OptionalLong.empty(), 1)).run();

            // At most the datagrams due at 0, 10, ..., 290 ms; fewer only if the machine is slow.
            assertThat(result.datagrams()).isBetween(10L, 30L);
            assertThat(result.elapsed()).isBetween(Duration.ofMillis(300), TEN_SECONDS);
        }
    }

    @Test
    void sendsInBatchesAtHighRates() throws Exception {
        try (DatagramSocket receiver = receiverOn(IPV4_LOOPBACK)) {
            TrafficSender.Result result = new TrafficSender(settings(localAddressOf(receiver), 1_000_000,
                    OptionalLong.of(20_000))).run();

            // 20 ms of traffic at the rate; one sleep per datagram would take a second or more.
            assertThat(result.datagrams()).isEqualTo(20_000);
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theSameSeedGivesTheSamePayloads() {
        DatagramPayloads first = new DatagramPayloads(5);
        DatagramPayloads again = new DatagramPayloads(5);
        DatagramPayloads other = new DatagramPayloads(6);
        boolean differs = false;
        for (long sequence = 0; sequence < 100; sequence++) {
            ByteBuffer expected = first.next(sequence);
            assertThat(again.next(sequence)).isEqualTo(expected);
            assertThat(expected.getLong(expected.position())).isEqualTo(sequence);
            differs |= !other.next(sequence).equals(expected);
        }
        assertThat(differs).as("another seed gives other payloads").isTrue();
    }

    @Test
    void tcpIsAGentleShareOfTheTraffic() {
        assertThat(TrafficSender.connectionsPerSecond(10)).isEqualTo(1);
        assertThat(TrafficSender.connectionsPerSecond(1000)).isEqualTo(10);
        assertThat(TrafficSender.connectionsPerSecond(1_000_000)).isEqualTo(50);
    }

    private static TrafficSender.Settings settings(InetSocketAddress destination, double rate, OptionalLong count) {
        return new TrafficSender.Settings(destination, rate, TEN_SECONDS, count, 1);
    }

    /** A socket on an ephemeral port, so that the sender finds the port taken and only sends. */
    private static DatagramSocket receiverOn(InetAddress address) throws IOException {
        DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(address, 0));
        receiver.setReceiveBufferSize(4 << 20);
        receiver.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        return receiver;
    }

    private static InetSocketAddress localAddressOf(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private static List<byte[]> receive(DatagramSocket receiver, int count) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        for (int i = 0; i < count; i++) {
            receiver.receive(packet);
            payloads.add(Arrays.copyOf(packet.getData(), packet.getLength()));
        }
        return payloads;
    }

    private static long sequenceNumber(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, IPV4_LOOPBACK)) {
            return probe.getLocalPort();
        }
    }

    /** Retries while the sender is still binding; a GET of a path it does not serve. */
    private static String firstResponseFrom(InetSocketAddress server) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(server, RECEIVE_TIMEOUT_MILLIS);
                socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
                socket.getOutputStream().write("GET /missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (ConnectException notYetListening) {
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the sender never listened on " + server);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 16 * 1024) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
