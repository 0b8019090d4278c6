package dev.tapdeck.serve;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's settings, each taken from the first place that has it: flags, then the
 * environment ({@code TAPDECK_*}), then the configuration file, then the default. Every bad
 * value is reported at once, each naming the option, the value and what is allowed.
 */
public final class ServerConfig {
    private final Map<ServerOption, String> values;

    private ServerConfig(Map<ServerOption, String> values) {
        this.values = values;
    }

    /** Every option at its default. */
    public static ServerConfig defaults() {
        try {
            return load(Map.of(), Map.of(), null);
        } catch (InvalidConfigException e) {
            throw new IllegalStateException("a default value is not allowed: " + e.getMessage(), e);
        }
    }

    /**
     * @param flags       option values given on the command line, by {@link ServerOption}
     * @param environment the process environment (only {@code TAPDECK_*} names are read)
     * @param file        a configuration file ({@code key = value} lines, {@code #} comments), or null
     * @throws InvalidConfigException naming every bad value, unknown key and unreadable file
     */
    public static ServerConfig load(Map<ServerOption, String> flags, Map<String, String> environment, Path file)
            throws InvalidConfigException {
        List<String> problems = new ArrayList<>();
        Properties fromFile = file == null ? new Properties() : readFile(file, problems);
        Map<ServerOption, String> values = new EnumMap<>(ServerOption.class);
        for (ServerOption option : ServerOption.values()) {
            String value;
            String source;
            if (flags.containsKey(option)) {
                value = flags.get(option);
                source = "--" + option.key();
            } else if (environment.containsKey(option.environmentName())) {
                value = environment.get(option.environmentName());
                source = option.environmentName();
            } else if (fromFile.containsKey(option.key())) {
                value = fromFile.getProperty(option.key());
                source = option.key() + " in " + file;
            } else {
                value = option.defaultValue();
                source = option.key();
            }
            value = value.strip();
            String problem = option.problem(value);
            if (problem != null) {
                problems.add(source + ": \"" + value + "\" is not allowed; expected " + problem);
            }
            values.put(option, value);
        }
        for (String key : fromFile.stringPropertyNames()) {
            if (Arrays.stream(ServerOption.values()).noneMatch(option -> option.key().equals(key))) {
                problems.add(file + ": unknown option \"" + key + "\"; the options are listed in tapdeck.conf.example");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ServerConfig(values);
    }

    private static Properties readFile(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return properties;
    }

    /** The same settings with {@code option} set to {@code value}, unchecked: for settings the server itself decides. */
    public ServerConfig with(ServerOption option, String value) {
        Map<ServerOption, String> copy = new EnumMap<>(values);
        copy.put(option, value);
        return new ServerConfig(copy);
    }

    public String text(ServerOption option) {
        return values.get(option);
    }

    public int integer(ServerOption option) {
        return Integer.parseInt(values.get(option));
    }

    public boolean flag(ServerOption option) {
        return Boolean.parseBoolean(values.get(option));
    }

    public int port() { return integer(ServerOption.PORT); }

    public String bind() { return text(ServerOption.BIND); }

    /** Listening on loopback only: the one case where no token is needed. */
    public boolean bindsLoopbackOnly() {
        try {
            return InetAddress.getByName(bind()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public List<String> origins() {
        return Arrays.stream(text(ServerOption.ORIGINS).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Thrown with every problem found, one per line. */
    public static final class InvalidConfigException extends Exception {
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() { return problems; }
    }
}
