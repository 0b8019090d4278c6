package dev.tapdeck.cli;

import dev.tapdeck.explain.Explainer;
import dev.tapdeck.serve.AccessGuard;
import dev.tapdeck.serve.CaptureFileStore;
import dev.tapdeck.serve.ServerConfig;
import dev.tapdeck.serve.ServerOption;
import dev.tapdeck.serve.TapdeckServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tapdeck serve}: the REST API, the live WebSocket stream and (later) the browser UI,
 * over live capture or the replay of a file. Its settings come from flags, then {@code
 * TAPDECK_*} variables, then {@code --config FILE}, then the defaults (see
 * tapdeck.conf.example); every setting has a flag of its own, made from {@link ServerOption}.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        modelTransformer = ServeCommand.ServerFlags.class,
        description = {"Serve the REST API (/api), the live packet stream (WebSocket /api/stream) and the UI.",
                "Listens on 127.0.0.1 unless --bind says otherwise; any other address needs --token.",
                "Settings: flags, then TAPDECK_* environment variables, then --config FILE, then the defaults."},
        footer = {"", "Examples:",
                "  tapdeck serve                                 # http://127.0.0.1:7070/",
                "  tapdeck serve -i eth0 -f \"tcp port 443\"",
                "  tapdeck serve --replay capture.pcapng --speed 10 --loop",
                "  tapdeck serve --bind 0.0.0.0 --token generate --origins http://localhost:5173",
                "", "Exit status: 0 stopped by Ctrl-C or SIGTERM; 2 bad settings or a replay file that cannot be read."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file: key = value lines (see tapdeck.conf.example).")
    Path configFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay this capture file as soon as the server is up.")
    Path replay;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Replay speed: 1 recorded timing, N times faster, below 1 slower, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--loop", description = "Start the replay over when it reaches the end of the file.")
    boolean loop;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return serve(spec, configFile, replay, speed, loop, null);
    }

    /**
     * Runs a server until the process is told to stop. {@code banner}, when given, is printed
     * under the URL (the demo says what it is showing).
     */
    static int serve(CommandSpec spec, Path configFile, Path replay, double speed, boolean loop, String banner) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = ServerConfig.load(ServerFlags.given(spec), System.getenv(), configFile);
        } catch (ServerConfig.InvalidConfigException e) {
            e.problems().forEach(problem -> err.println("tapdeck serve: " + problem));
            return 2;
        }
        String generatedToken = null;
        if (config.text(ServerOption.TOKEN).equals(AccessGuard.GENERATE)) {
            generatedToken = AccessGuard.newToken();
            config = config.with(ServerOption.TOKEN, generatedToken);
        }
        TapdeckServer server;
        try {
            server = new TapdeckServer(config, Explainer.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            err.println("tapdeck serve: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tapdeck-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            if (replay != null) {
                CaptureFileStore.StoredFile file = server.files().register(replay);
                server.sources().startReplay(server.files().path(file.id()), speed, loop);
            }
            int port = server.start();
            String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
            out.println("Tapdeck is serving on http://" + host + ":" + port + "/  (Ctrl-C stops)");
            if (generatedToken != null) {
                out.println("Access token (shown once): " + generatedToken);
                out.println("Open http://" + host + ":" + port + "/login?token=" + generatedToken + " in the browser.");
            }
            if (banner != null) {
                out.println(banner);
            }
            out.flush();
            stopped.await();
            return 0;
        } catch (IOException e) {
            err.println("tapdeck serve: cannot replay " + replay + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            err.println("tapdeck serve: " + e.getMessage());
            return 2;
        } finally {
            if (stopped.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(shutdown);
                server.close();
            }
        }
    }

    /** Adds one flag per {@link ServerOption} to a command: {@code --port}, {@code --history-packets}, ... */
    static final class ServerFlags implements CommandLine.IModelTransformer {
        /** Short names for the two flags tshark users type most. */
        private static final Map<ServerOption, String> SHORT = Map.of(ServerOption.INTERFACE, "-i", ServerOption.FILTER, "-f");

        @Override
        public CommandSpec transform(CommandSpec command) {
            for (ServerOption option : ServerOption.values()) {
                String[] names = SHORT.containsKey(option)
                        ? new String[] {SHORT.get(option), "--" + option.key()} : new String[] {"--" + option.key()};
                String fallback = option.defaultValue().isEmpty() ? "" : " (default: " + option.defaultValue() + ")";
                command.addOption(OptionSpec.builder(names)
                        .paramLabel(option.key().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
                        .type(String.class)
                        .description(option.description() + fallback + "; env " + option.environmentName() + ".")
                        .build());
            }
            return command;
        }

        /** The server options given on this command line: only those, so the environment and file can fill the rest. */
        static Map<ServerOption, String> given(CommandSpec command) {
            Map<ServerOption, String> flags = new EnumMap<>(ServerOption.class);
            CommandLine.ParseResult parsed = command.commandLine().getParseResult();
            for (ServerOption option : ServerOption.values()) {
                if (parsed.hasMatchedOption("--" + option.key())) {
                    flags.put(option, parsed.matchedOptionValue("--" + option.key(), ""));
                }
            }
            return flags;
        }
    }
}
