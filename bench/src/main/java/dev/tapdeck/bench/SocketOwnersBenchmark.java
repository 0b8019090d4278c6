package dev.tapdeck.bench;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.process.SocketOwners;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lookup latency of socket attribution (Linux; the sockets are this JVM's, on loopback):
 * {@link #knownSocket} a flow whose socket the table already holds (hash probes only),
 * {@link #newSocket} the first packet of a connection opened after the table was taken, so
 * the lookup asks netlink for the socket by its ends and walks /proc for its inode's owner
 * (this process, started long before: the walk's worst case, as a new program's socket is
 * found among the processes started since the last walk first), and {@link #table} taking a
 * whole table (what the background thread does every 100 ms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SocketOwnersBenchmark {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private SocketOwners owners;
    private ServerSocket server;
    private int serverPort;
    private Socket known;
    private int knownPort;
    private Socket fresh;
    private int freshPort;

    @Setup
    public void openSockets() throws IOException {
        // No look-back and no tables taken for misses: every new socket is asked of the OS.
        owners = SocketOwners.forThisMachine(new SocketOwners.Settings(Duration.ofMillis(100), Duration.ZERO, Duration.ofDays(1)));
        server = new ServerSocket(0, 1024, LOOPBACK);
        serverPort = server.getLocalPort();
        known = new Socket(LOOPBACK, serverPort);
        knownPort = known.getLocalPort();
        server.accept();
        owners.refresh();
        if (lookUp(knownPort).isEmpty()) {
            throw new IllegalStateException("this JVM's own connection has no owner: run as root, on Linux ("
                    + owners.method() + ")");
        }
    }

    @Setup(Level.Invocation)
    public void connect() throws IOException {
        fresh = new Socket(LOOPBACK, serverPort);
        freshPort = fresh.getLocalPort();
    }

    @TearDown(Level.Invocation)
    public void disconnect() throws IOException {
        server.accept().close();
        fresh.close();
    }

    @TearDown
    public void close() throws IOException {
        known.close();
        server.close();
    }

    /** What a flow's first packet gives: the initiator's port, to the server's. */
    private Optional<ProcessInfo> lookUp(int clientPort) {
        return owners.ownerOf(6, LOOPBACK, clientPort, LOOPBACK, serverPort);
    }

    @Benchmark
    public Optional<ProcessInfo> knownSocket() {
        return lookUp(knownPort);
    }

    @Benchmark
    public Optional<ProcessInfo> newSocket() {
        return lookUp(freshPort);
    }

    @Benchmark
    public SocketOwners.Counters table() {
        owners.refresh();
        return owners.counters();
    }
}
