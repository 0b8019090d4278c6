package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.tapdeck.analysis.Alert;
import dev.tapdeck.analysis.AnalysisSettings;
import dev.tapdeck.analysis.Analyzer;
import dev.tapdeck.analysis.Flow;
import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.CaptureStatus;
import dev.tapdeck.capture.pcap.CaptureInterface;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.explain.Explainer;
import dev.tapdeck.explain.OfflineExplainer;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapngWriter;
import dev.tapdeck.file.SectionInfo;
import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;
import dev.tapdeck.stream.StreamFacts;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongPredicate;

/**
 * {@code tapdeck serve}: REST under {@code /api}, the live stream at {@code /api/stream}, over
 * one {@link PacketPipeline} fed by live capture or replay. Every route is declared once, in
 * {@link #routes()}, which also makes the OpenAPI document.
 */
public final class TapdeckServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TapdeckServer.class);
    /** JSON request bodies are small; only uploads may be large. */
    private static final long JSON_BODY_LIMIT = 64 * 1024;
    private static final int PAGE_LIMIT = 10_000;

    /** One route: what the OpenAPI document says about it, and its handler. */
    record Route(HandlerType method, String path, String summary, io.javalin.http.Handler handler) {}

    private final ServerConfig config;
    private final AccessGuard guard;
    private final PacketHistory history;
    private final StreamHub hub;
    private final StreamStore streams;
    private final PacketPipeline pipeline;
    private final CaptureSources sources;
    private final CaptureFileStore files;
    private final StatusReport statusReport;
    private final Explainer explainer;
    /** An alert's pcapng holds the packets this long before and after it. */
    private static final long ALERT_MARGIN_NANOS = 5_000_000_000L;
    private final Javalin app;

    /** A server that explains packets with Tapdeck's own offline explainer. */
    public TapdeckServer(ServerConfig config) {
        this(config, new OfflineExplainer());
    }

    /**
     * @param explainer what {@code POST /api/ai/explain} asks: a model, or the offline explainer
     * @throws IllegalArgumentException when the settings are not safe to serve with (a bind
     *                                  beyond loopback without a token)
     */
    public TapdeckServer(ServerConfig config, Explainer explainer) {
        this.config = config;
        this.explainer = explainer;
        guard = AccessGuard.of(config);
        history = new PacketHistory(config.integer(ServerOption.HISTORY_PACKETS),
                (long) config.integer(ServerOption.HISTORY_MEGABYTES) << 20);
        statusReport = new StatusReport(this);
        streams = new StreamStore((long) config.integer(ServerOption.STREAMS_MEGABYTES) << 20, config.integer(ServerOption.STREAMS_KEPT));
        hub = new StreamHub(config, statusReport::streamJson, streams);
        pipeline = new PacketPipeline(history, hub, streams, analysisSettings(config));
        sources = new CaptureSources(config, pipeline);
        files = new CaptureFileStore((long) config.integer(ServerOption.UPLOAD_MEGABYTES) << 20);
        app = Javalin.create(javalin -> {
            javalin.jetty.host = config.bind();
            javalin.jetty.port = config.port();
            javalin.http.maxRequestSize = (long) config.integer(ServerOption.UPLOAD_MEGABYTES) << 20;
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.routes.before("/api/*", this::guard);
            javalin.routes.wsBeforeUpgrade("/api/stream", guard::check);
            javalin.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.detail()));
            javalin.routes.exception(FilterException.class, (e, ctx) -> ctx.status(400).json(DisplayFilters.error(e)));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error", e.getClass().getSimpleName() + ": " + e.getMessage());
            });
            javalin.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (ctx.path().startsWith("/api/") && (type == null || !type.contains("json"))) {
                    error(ctx, 404, "not found", "no such endpoint: " + ctx.method() + " " + ctx.path() + " (GET /api/openapi.json lists them)");
                }
            });
            for (Route route : routes()) {
                javalin.routes.addHttpHandler(route.method(), route.path(), route.handler());
            }
            javalin.routes.ws("/api/stream", ws -> {
                ws.onConnect(hub::join);
                ws.onMessage(ctx -> hub.receive(ctx, ctx.message()));
                ws.onClose(hub::leave);
                ws.onError(hub::leave);
            });
            javalin.routes.get("/login", this::login);
            // The browser UI, from the tapdeck-ui module: Vite names its assets by content, so
            // they may be cached for good; the page itself is checked again on every load.
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/tapdeck-ui/assets";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
            });
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/tapdeck-ui";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
        });
    }

    /** Starts listening; returns the port (the real one when the configuration said 0). */
    public int start() {
        app.start();
        hub.start();
        log.info("serving on http://{}:{}/", config.bind(), app.port());
        return app.port();
    }

    public int port() { return app.port(); }

    public CaptureSources sources() { return sources; }

    public CaptureFileStore files() { return files; }

    PacketHistory history() { return history; }

    StreamHub hub() { return hub; }

    StreamStore streams() { return streams; }

    @Override
    public void close() {
        sources.close();
        hub.close();
        app.stop();
        files.close();
        history.close();
    }

    List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/api/openapi.json", "This document", ctx -> ctx.json(OpenApi.document(routes()))),
                new Route(HandlerType.GET, "/api/interfaces", "Interfaces that can be captured on", this::interfaces),
                new Route(HandlerType.GET, "/api/capture/settings", "Current capture settings",
                        ctx -> ctx.json(sources.settings())),
                new Route(HandlerType.POST, "/api/capture/settings",
                        "Change interface, filter, snaplen or promiscuous mode; a running capture restarts on them", this::applySettings),
                new Route(HandlerType.POST, "/api/capture/start", "Start live capture with the current settings",
                        ctx -> ctx.json(statusReport.captureJson(sources.startCapture()))),
                new Route(HandlerType.POST, "/api/capture/stop", "Stop live capture; the final totals",
                        ctx -> ctx.json(statusReport.captureJson(sources.stopCapture()))),
                new Route(HandlerType.GET, "/api/capture/status", "Capture and replay status, with the capture checks and their fixes",
                        ctx -> ctx.json(statusReport.full())),
                new Route(HandlerType.GET, "/api/packets",
                        "Packet summaries from the history: the first limit=L (1000) after=N (a frame number), or the last L before=N;"
                                + " with filter=F only those the display filter passes. from..to are the frames searched; a bad filter is a 400"
                                + " {error, detail, filter, position, length}",
                        this::packets),
                new Route(HandlerType.GET, "/api/packets/{number}", "One packet decoded: its layer tree and bytes", this::packet),
                new Route(HandlerType.GET, "/api/streams/{number}",
                        "A TCP stream (tcp.stream N; proto=udp for udp.stream N) as reassembled: its client (the first packet's sender)"
                                + " and server with address, port, packets, bytes on the wire, payload bytes delivered, bytes missing,"
                                + " bytes kept and the frame that ended it; firstFrame, lastFrame, their times; emptied (its bytes were"
                                + " dropped to make room for newer streams) and truncated (it outgrew the room left); then its segments in"
                                + " delivery order, {n, direction client|server, kind data|gap|end, offset in that direction's bytes, length,"
                                + " frame, time (seconds since 1970)}: the first limit=L (1000) after=S (a segment number), from..to of"
                                + " segmentCount. 404 for a stream not among the capture's",
                        this::stream),
                new Route(HandlerType.GET, "/api/streams/{number}/payload",
                        "The bytes of a stream (proto=tcp|udp) as application/octet-stream: direction=client or direction=server for"
                                + " one side's, in order; without direction both sides' in the order they were delivered, as follow"
                                + " stream shows them. Gaps (bytes never captured) are left out: the segments of GET /api/streams/{number}"
                                + " say where they lie. 410 when the stream's bytes were dropped to make room",
                        this::streamPayload),
                new Route(HandlerType.GET, "/api/capture.pcapng", "The history, or frames from..to, as a pcapng file", this::download),
                new Route(HandlerType.GET, "/api/files", "Capture files that can be replayed", ctx -> ctx.json(files.list())),
                new Route(HandlerType.POST, "/api/files", "Upload a pcap or pcapng file (the raw body, or multipart field \"file\")",
                        this::upload),
                new Route(HandlerType.POST, "/api/replay", "Replay a file: {file, speed (0 = flat out, 1 = recorded timing), loop}",
                        this::replay),
                new Route(HandlerType.POST, "/api/replay/pause", "Pause the replay",
                        ctx -> ctx.json(statusReport.captureJson(sources.pauseReplay()))),
                new Route(HandlerType.POST, "/api/replay/resume", "Resume the replay",
                        ctx -> ctx.json(statusReport.captureJson(sources.resumeReplay()))),
                new Route(HandlerType.POST, "/api/replay/stop", "Stop the replay; the final totals",
                        ctx -> ctx.json(statusReport.captureJson(sources.stopReplay()))),
                new Route(HandlerType.GET, "/api/flows", "Flows held now, most first by sort=bytes|packets|last, from offset, at most limit (100);"
                        + " with filter=F only flows whose own fields the display filter passes (" + String.join(", ", FlowFields.names())
                        + ", the initiator as source; every other field is absent)",
                        this::flows),
                new Route(HandlerType.GET, "/api/processes", "Programs of a live capture's flows (or named by a recording's packet"
                        + " comments), most bytes first, at most limit (100): each {process {pid, name, cmdline, user, container}, flows,"
                        + " packets, bytes, bytesPerSecond, firstSeen, lastSeen}, with the flows attributed and left unattributed",
                        this::processes),
                new Route(HandlerType.GET, "/api/stats/protocols", "The protocol hierarchy (packets and bytes per protocol) and the top talkers",
                        ctx -> ctx.json(AnalysisJson.protocols(pipeline.analyzer(), 20))),
                new Route(HandlerType.GET, "/api/alerts", "The alerts of the current capture or replay, oldest first: each with its numbers, hosts, ports and packets",
                        ctx -> ctx.contentType("application/json").result(AnalysisJson.alerts(pipeline.analyzer().alerts()))),
                new Route(HandlerType.GET, "/api/alerts/{id}/pcapng", "The packets from 5 s before to 5 s after an alert, from the history, as a pcapng file",
                        this::alertDownload),
                new Route(HandlerType.GET, "/api/fields", "The fields display filters can name, each with its type, label, description"
                        + " and value names; prefix=P for those whose names start with P", this::fields),
                new Route(HandlerType.GET, "/api/filter/check", "Whether display filter filter=F compiles: {filter, fields} (the fields it reads),"
                        + " or a 400 {error, detail, filter, position, length}", this::checkFilter),
                new Route(HandlerType.POST, "/api/ai/explain",
                        "Explain a packet ({\"packet\": N}) or an alert ({\"alert\": ID}) in plain words, as markdown: {text, source}, source \"offline\" or the model",
                        this::explain));
    }

    private void guard(Context ctx) {
        guard.allowCrossOrigin(ctx);
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.status(HttpStatus.NO_CONTENT);
            ctx.skipRemainingHandlers();
            return;
        }
        guard.check(ctx);
        boolean upload = ctx.path().equals("/api/files") && ctx.method() == HandlerType.POST;
        if (!upload && ctx.contentLength() > JSON_BODY_LIMIT) {
            throw new ApiException(413, "request too large", "request bodies are limited to " + JSON_BODY_LIMIT / 1024 + " KiB");
        }
    }

    private void login(Context ctx) {
        String token = ctx.queryParam("token");
        if (!guard.needsToken()) {
            ctx.redirect("/");
        } else if (token != null && guard.accepts(token)) {
            ctx.header("Set-Cookie", AccessGuard.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect("/");
        } else {
            error(ctx, 401, "wrong token", "open /login?token=<token> with the token the server printed at start");
        }
    }

    private void interfaces(Context ctx) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CaptureInterface device : sources.interfaces()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", device.name());
            entry.put("description", device.description());
            entry.put("addresses", device.addresses());
            entry.put("up", device.up());
            entry.put("running", device.running());
            entry.put("loopback", device.loopback());
            entry.put("wireless", device.wireless());
            entry.put("linkType", device.linkType());
            list.add(entry);
        }
        ctx.json(list);
    }

    private void applySettings(Context ctx) {
        CaptureSources.Settings requested = body(ctx, CaptureSources.Settings.class);
        ctx.json(sources.apply(requested));
    }

    private void packets(Context ctx) throws FilterException {
        int limit = (int) Math.min(longParam(ctx, "limit", 1000), PAGE_LIMIT);
        if (limit < 1) {
            throw new ApiException(400, "bad limit", "limit must be 1 to " + PAGE_LIMIT);
        }
        PacketPages pages = new PacketPages(history, pipeline, DisplayFilters.compile(ctx.queryParam("filter")));
        String before = ctx.queryParam("before");
        if (before != null && ctx.queryParam("after") != null) {
            throw new ApiException(400, "bad page", "give after=N (the packets after frame N) or before=N (those before it), not both");
        }
        String page = before == null ? pages.after(longParam(ctx, "after", 0), limit) : pages.before(longParam(before, "before"), limit);
        ctx.contentType("application/json").result(page);
    }

    private void packet(Context ctx) {
        long number = longParam(ctx.pathParam("number"), "number");
        PacketRecord packet = new PacketRecord();
        if (!history.read(number, packet)) {
            throw new ApiException(404, "no such packet", "packet " + number + " is not in the history (it holds "
                    + (history.size() == 0 ? "none" : history.oldest() + " to " + history.newest()) + ")");
        }
        StringBuilder summary = new StringBuilder();
        StreamFacts facts = history.facts(number, new StreamFacts());
        ProcessInfo process = history.process(number);
        pipeline.appendSummary(number, packet, new PacketDecoder().decode(packet), history.flow(number), facts, process, summary,
                new StringBuilder());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frame.number", number);
        detail.put("summary", new RawValue(summary.toString())); // as streamed, digits and all
        detail.put("layers", PacketDetails.describe(number, packet, facts, process));
        detail.put("bytes", HexFormat.of().formatHex(packet.toByteArray()));
        ctx.json(detail);
    }

    private void stream(Context ctx) {
        boolean tcp = streamProtocol(ctx);
        int number = streamNumber(ctx);
        int limit = (int) Math.min(longParam(ctx, "limit", 1000), PAGE_LIMIT);
        long after = longParam(ctx, "after", 0);
        if (limit < 1 || after < 0) {
            throw new ApiException(400, "bad page", "after from 0 (a segment number), limit from 1 to " + PAGE_LIMIT);
        }
        String json = streams.json(tcp, number, after, limit);
        if (json == null) {
            throw noSuchStream(tcp, number);
        }
        ctx.contentType("application/json").result(json);
    }

    private void streamPayload(Context ctx) {
        boolean tcp = streamProtocol(ctx);
        int number = streamNumber(ctx);
        String direction = ctx.queryParam("direction");
        StreamStore.Direction side = switch (direction == null ? "" : direction) {
            case "" -> StreamStore.Direction.BOTH;
            case "client" -> StreamStore.Direction.CLIENT;
            case "server" -> StreamStore.Direction.SERVER;
            default -> throw new ApiException(400, "bad direction", "direction is client or server (or absent, for both), not \"" + direction + "\"");
        };
        StreamStore.Payload payload = streams.payload(tcp, number, side);
        if (payload == null) {
            throw noSuchStream(tcp, number);
        }
        if (payload.emptied()) {
            throw new ApiException(410, "stream bytes dropped", (tcp ? "tcp" : "udp") + ".stream " + number
                    + "'s bytes were dropped to make room for newer streams (--streams-megabytes sets the room)");
        }
        String name = (tcp ? "tcp" : "udp") + "-stream-" + number + (direction == null || direction.isEmpty() ? "" : "-" + direction) + ".bin";
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("X-Tapdeck-Truncated", Boolean.toString(payload.truncated()));
        ctx.result(payload.bytes());
    }

    private static boolean streamProtocol(Context ctx) {
        String proto = ctx.queryParam("proto");
        if (proto == null || proto.isEmpty() || proto.equals("tcp")) {
            return true;
        }
        if (proto.equals("udp")) {
            return false;
        }
        throw new ApiException(400, "bad proto", "proto is tcp or udp, not \"" + proto + "\"");
    }

    private static int streamNumber(Context ctx) {
        long number = longParam(ctx.pathParam("number"), "number");
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new ApiException(400, "bad number", "a stream index is from 0 to " + Integer.MAX_VALUE + ", not " + number);
        }
        return (int) number;
    }

    private ApiException noSuchStream(boolean tcp, int number) {
        String name = tcp ? "tcp.stream" : "udp.stream";
        return new ApiException(404, "no such stream", name + " " + number + " is not among the streams of the current capture or replay"
                + " (the packet summaries give each packet's " + name + ")");
    }

    private void download(Context ctx) throws IOException {
        long from = longParam(ctx, "from", history.oldest());
        long to = longParam(ctx, "to", history.newest());
        if (from > to && ctx.queryParam("from") != null && ctx.queryParam("to") != null) {
            throw new ApiException(400, "bad range", "from (" + from + ") is after to (" + to + ")");
        }
        writePcapng(ctx, "tapdeck-" + from + "-" + to + ".pcapng", from, to, number -> true);
    }

    /**
     * Writes the held packets numbered {@code from} to {@code to} whose numbers {@code wanted}
     * picks, as a pcapng download: each with its own comment, else its program's
     * ({@link ProcessComment}), so that the file keeps the programs a live capture found.
     */
    private void writePcapng(Context ctx, String fileName, long from, long to, LongPredicate wanted) throws IOException {
        ctx.contentType("application/vnd.tcpdump.pcapng");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
        PcapngWriter writer = new PcapngWriter(out, new SectionInfo(null, System.getProperty("os.name"), "Tapdeck"));
        PacketRecord packet = new PacketRecord();
        for (long number = Math.max(from, history.oldest()); number <= to && number <= history.newest(); number++) {
            // Only packets picked are copied out of the history.
            if (wanted.test(number) && history.read(number, packet)) {
                ProcessInfo process = history.process(number);
                writer.write(packet, packet.comment() != null || process == null ? packet.comment() : ProcessComment.format(process));
            }
        }
        writer.close();
    }

    /** The analysis settings the server's options give. */
    static AnalysisSettings analysisSettings(ServerConfig config) {
        AnalysisSettings defaults = AnalysisSettings.DEFAULTS;
        return defaults
                .withRateSpike(new AnalysisSettings.RateSpike(Duration.ofSeconds(config.integer(ServerOption.SPIKE_WINDOW)),
                        Double.parseDouble(config.text(ServerOption.SPIKE_THRESHOLD)), config.integer(ServerOption.SPIKE_MIN_SAMPLES),
                        defaults.rateSpike().minPackets()))
                .withSynFlood(new AnalysisSettings.SynFlood(defaults.synFlood().window(), config.integer(ServerOption.SYN_FLOOD)))
                .withPortScan(new AnalysisSettings.PortScan(defaults.portScan().window(),
                        config.integer(ServerOption.SCAN_PORTS), config.integer(ServerOption.SCAN_HOSTS)))
                .withCooldown(Duration.ofSeconds(config.integer(ServerOption.ALERT_COOLDOWN)))
                .withFlows(new AnalysisSettings.Flows(config.integer(ServerOption.MAX_FLOWS),
                        Duration.ofSeconds(config.integer(ServerOption.FLOW_IDLE))));
    }

    private void upload(Context ctx) throws IOException {
        CaptureFileStore.StoredFile stored;
        if (ctx.isMultipartFormData()) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new ApiException(400, "no file", "send the capture in the multipart field \"file\"");
            }
            stored = files.upload(file.filename(), file.content());
        } else {
            stored = files.upload(ctx.queryParam("name"), ctx.bodyInputStream());
        }
        ctx.status(HttpStatus.CREATED).json(stored);
    }

    /** What {@code POST /api/replay} takes. */
    record ReplayRequest(String file, Double speed, Boolean loop) {}

    record ExplainRequest(Long packet, Long alert) {}

    private void explain(Context ctx) {
        ExplainRequest request = body(ctx, ExplainRequest.class);
        if (request.alert() != null) {
            ctx.json(explainer.explainAlert(alert(request.alert()), history));
        } else if (request.packet() != null) {
            try {
                ctx.json(explainer.explainPacket(request.packet(), history));
            } catch (NoSuchElementException e) {
                throw new ApiException(404, "no such packet", e.getMessage());
            }
        } else {
            throw new ApiException(400, "nothing to explain", "name a packet by its number, {\"packet\": 12}, or an alert by its id, {\"alert\": 3}");
        }
    }

    private Alert alert(long id) {
        return pipeline.analyzer().alerts().stream().filter(alert -> alert.id() == id).findFirst()
                .orElseThrow(() -> new ApiException(404, "no such alert", "alert " + id + " is not among the current alerts (GET /api/alerts lists them)"));
    }

    private void flows(Context ctx) throws FilterException {
        String sort = ctx.queryParamAsClass("sort", String.class).getOrDefault("bytes");
        Flow.Order order = switch (sort) {
            case "bytes" -> Flow.Order.BYTES;
            case "packets" -> Flow.Order.PACKETS;
            case "last" -> Flow.Order.LAST_SEEN;
            default -> throw new ApiException(400, "bad sort", "sort by bytes, packets or last, not \"" + sort + "\"");
        };
        long offset = longParam(ctx, "offset", 0);
        long limit = longParam(ctx, "limit", 100);
        if (offset < 0 || offset > 10_000_000 || limit < 1 || limit > 10_000) {
            throw new ApiException(400, "bad page", "offset from 0, limit from 1 to 10000");
        }
        DisplayFilter filter = DisplayFilters.compile(ctx.queryParam("filter"));
        FlowFields fields = new FlowFields();
        ctx.json(AnalysisJson.flows(pipeline.analyzer(), order, (int) offset, (int) limit,
                filter == null ? null : flow -> filter.matches(fields.wrap(flow))));
    }

    private void processes(Context ctx) {
        long limit = longParam(ctx, "limit", 100);
        if (limit < 1 || limit > 10_000) {
            throw new ApiException(400, "bad page", "limit from 1 to 10000");
        }
        Analyzer analyzer = pipeline.analyzer();
        Analyzer.Summary summary = analyzer.summary();
        ctx.json(ProgramsJson.programs(analyzer.programs((int) limit), summary.attributedFlows(), summary.unattributedFlows()));
    }

    private void fields(Context ctx) {
        String prefix = ctx.queryParam("prefix");
        List<FieldDef> fields = prefix == null ? FieldRegistry.all() : FieldRegistry.withPrefix(prefix);
        ctx.json(fields.stream().map(DisplayFilters::field).toList());
    }

    private void checkFilter(Context ctx) throws FilterException {
        String text = ctx.queryParam("filter");
        DisplayFilter filter = DisplayFilters.compile(text);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("filter", text == null ? "" : text);
        answer.put("fields", filter == null ? List.of() : filter.fields().stream().map(FieldDef::name).toList());
        ctx.json(answer);
    }

    /** Packets from {@link #ALERT_MARGIN_NANOS} before an alert to as long after it, from the history. */
    private void alertDownload(Context ctx) throws IOException {
        Alert alert = alert(longParam(ctx.pathParam("id"), "id"));
        long at = alert.time().getEpochSecond() * 1_000_000_000L + alert.time().getNano();
        writePcapng(ctx, "tapdeck-alert-" + alert.id() + ".pcapng", history.oldest(), history.newest(), number -> {
            long time = history.timeNanos(number);
            return time >= at - ALERT_MARGIN_NANOS && time <= at + ALERT_MARGIN_NANOS;
        });
    }

    private void replay(Context ctx) {
        ReplayRequest request = body(ctx, ReplayRequest.class);
        if (request.file() == null) {
            throw new ApiException(400, "no file", "name the file to replay by its id: {\"file\": \"u1\"} (GET /api/files lists them)");
        }
        double speed = request.speed() == null ? 1 : request.speed();
        CaptureStatus status = sources.startReplay(files.path(request.file()), speed, Boolean.TRUE.equals(request.loop()));
        ctx.json(statusReport.captureJson(status));
    }

    private static <T> T body(Context ctx, Class<T> type) {
        try {
            return ctx.bodyAsClass(type);
        } catch (Exception e) { // Jackson's checked exceptions come through Kotlin unchecked
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ApiException(400, "bad request body", "expected JSON for " + type.getSimpleName() + ": "
                    + cause.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? fallback : longParam(value, name);
    }

    private static long longParam(String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad " + name, name + " must be a whole number, not \"" + value + "\"");
        }
    }

    static void error(Context ctx, int status, String error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        ctx.status(status).json(body);
    }
}
