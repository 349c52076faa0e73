package io.imageguard.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.imageguard.ingest.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal against a loopback server. Only 127.0.0.1 is allowed by the policy and only
 * 127.0.0.1 may ever be connected to: a connect hook fails the test on any other address, so even a
 * broken fetcher never sends traffic anywhere else. Names are mapped by an injected resolver to
 * 127.0.0.1 (allowed) or 127.0.0.2 (loopback, but not allowed).
 */
class SafeImageFetcherTest {

    private static final InetAddress ALLOWED = loopback(1);
    private static final InetAddress NOT_ALLOWED = loopback(2);

    private static final Map<String, List<InetAddress>> NAMES =
            Map.of(
                    "images.test", List.of(ALLOWED),
                    "cdn.images.test", List.of(ALLOWED),
                    "evil.test", List.of(NOT_ALLOWED),
                    "mixed.test", List.of(ALLOWED, NOT_ALLOWED));

    private static final HostResolver TEST_RESOLVER =
            host -> {
                List<InetAddress> addresses = NAMES.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                return addresses;
            };

    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<InetSocketAddress> connects = new CopyOnWriteArrayList<>();
    private final List<SafeImageFetcher> fetchers = new CopyOnWriteArrayList<>();

    /** Released at teardown so handlers that never answer end. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    private ExecutorService serverThreads;
    private HttpServer server;
    private SafeImageFetcher fetcher;

    @BeforeEach
    void startServer() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(ALLOWED, 0), 0);
        server.setExecutor(serverThreads);
        server.createContext(
                "/",
                exchange -> {
                    HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
                    if (handler == null) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    try {
                        handler.handle(exchange);
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
        fetcher = fetcher(policy().build());
    }

    @AfterEach
    void stopServer() throws IOException {
        testOver.countDown();
        for (SafeImageFetcher f : fetchers) {
            f.close();
        }
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private ImageFetchPolicy.Builder policy() {
        return ImageFetchPolicy.builder()
                .allowedCidrs(List.of(Cidr.parse("127.0.0.1/32")))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .totalTimeout(Duration.ofSeconds(20))
                .retries(0)
                .retryBackoff(Duration.ofMillis(10));
    }

    /** A fetcher whose sockets fail the test on any address but 127.0.0.1. */
    private SafeImageFetcher fetcher(ImageFetchPolicy policy) {
        SafeImageFetcher created =
                new SafeImageFetcher(
                        policy,
                        TEST_RESOLVER,
                        address -> {
                            connects.add(address);
                            if (!address.getAddress().equals(ALLOWED)) {
                                throw new AssertionError("connect attempted to " + address);
                            }
                        });
        fetchers.add(created);
        return created;
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    private String url(String path) {
        return url("127.0.0.1", path);
    }

    private void serve(String path, String contentType, byte[] body) {
        routes.put(
                path,
                exchange -> {
                    if (contentType != null) {
                        exchange.getResponseHeaders().set("Content-Type", contentType);
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                });
    }

    private void redirect(String path, String location) {
        routes.put(
                path,
                exchange -> {
                    exchange.getResponseHeaders().set("Location", location);
                    exchange.sendResponseHeaders(302, -1);
                });
    }

    private RefusalReason refusal(String url) {
        return refusal(fetcher, url);
    }

    private static RefusalReason refusal(SafeImageFetcher fetcher, String url) {
        try {
            fetcher.fetch(url);
        } catch (ImageRefusedException e) {
            return e.reason();
        }
        throw new AssertionError("fetched although it should have been refused: " + url);
    }

    // ---- successful fetches ------------------------------------------------------------

    @Test
    void fetchesJpegWithFormatAndHeaderDimensions() throws Exception {
        byte[] jpeg = TestImages.jpeg(40, 30);
        serve("/photo.jpg", "image/jpeg", jpeg);

        FetchedImage image = fetcher.fetch(url("/photo.jpg"));

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.bytes()).isEqualTo(jpeg);
        assertThat(image.width()).isEqualTo(40);
        assertThat(image.height()).isEqualTo(30);
        assertThat(image.finalUrl()).isEqualTo(url("/photo.jpg"));
    }

    @Test
    void fetchesPngThroughResolvedHostName() throws Exception {
        byte[] png = TestImages.png(17, 9);
        serve("/p.png", "image/png", png);

        FetchedImage image = fetcher.fetch(url("images.test", "/p.png"));

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.bytes()).isEqualTo(png);
        assertThat(image.width()).isEqualTo(17);
        assertThat(image.height()).isEqualTo(9);
        assertThat(connects).isNotEmpty().allMatch(a -> a.getAddress().equals(ALLOWED));
    }

    @Test
    void bytesDecideWhenContentTypeIsNotAnImageType() throws Exception {
        serve("/blob", "application/octet-stream", TestImages.png(5, 5));

        assertThat(fetcher.fetch(url("/blob")).format()).isEqualTo(ImageFormat.PNG);
    }

    // ---- hostile bodies ----------------------------------------------------------------

    @Test
    void refusesPngHeaderClaimingTenGigapixelsBeforeReadingItsBody() throws Exception {
        byte[] bomb = TestImages.pngHeader(100_000, 100_000);
        // The header, then an endless body: only a refusal from the header can end this early.
        EndlessBody body = new EndlessBody("image/png", bomb);
        routes.put("/bomb.png", body);

        assertThat(refusal(url("/bomb.png"))).isEqualTo(RefusalReason.TOO_MANY_PIXELS);
        body.assertClientHungUpEarly();
    }

    @Test
    void refusesJpegFrameHeaderClaimingFourGigapixels() throws Exception {
        byte[] jpeg = TestImages.jpeg(8, 8);
        // Patch the start-of-frame segment (FF C0, length, precision) to 65535 x 65535.
        int sof = indexOfMarker(jpeg, 0xC0);
        for (int i = sof + 5; i < sof + 9; i++) {
            jpeg[i] = (byte) 0xFF;
        }
        EndlessBody body = new EndlessBody("image/jpeg", Arrays.copyOf(jpeg, sof + 19));
        routes.put("/bomb.jpg", body);

        assertThat(refusal(url("/bomb.jpg"))).isEqualTo(RefusalReason.TOO_MANY_PIXELS);
        body.assertClientHungUpEarly();
    }

    @Test
    void refusesGarbageBytes() {
        byte[] garbage = new byte[4096];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = 'x';
        serve("/photo", null, garbage);

        assertThat(refusal(url("/photo"))).isEqualTo(RefusalReason.NOT_AN_IMAGE);
    }

    @Test
    void refusesHtmlServedAsImage() {
        serve(
                "/a.jpg",
                "image/jpeg",
                "<html>login</html>".repeat(10).getBytes(StandardCharsets.US_ASCII));

        assertThat(refusal(url("/a.jpg"))).isEqualTo(RefusalReason.NOT_AN_IMAGE);
    }

    @Test
    void refusesBodyOverTheLimitWhileReadingWithoutContentLength() throws Exception {
        EndlessBody body = new EndlessBody("image/png", TestImages.png(8, 8));
        routes.put("/big.png", body);
        SafeImageFetcher small = fetcher(policy().maxBytes(64 * 1024).build());

        assertThat(refusal(small, url("/big.png"))).isEqualTo(RefusalReason.TOO_LARGE);
        body.assertClientHungUpEarly();
    }

    @Test
    void refusesDeclaredContentLengthOverTheLimitWithoutReading() throws Exception {
        routes.put(
                "/big.jpg",
                exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                    exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
                    exchange.getResponseBody().write(TestImages.jpeg(8, 8));
                });
        SafeImageFetcher small = fetcher(policy().maxBytes(64 * 1024).build());

        assertThat(refusal(small, url("/big.jpg"))).isEqualTo(RefusalReason.TOO_LARGE);
    }

    @Test
    void countsBytesEvenWhenContentLengthLiesSmall() throws Exception {
        // A hand-written response: a small Content-Length next to chunked framing that carries
        // far more. The framing wins in HTTP/1.1; the byte count must not trust the header.
        byte[] png = TestImages.png(8, 8);
        try (ServerSocket raw = new ServerSocket(0, 1, ALLOWED)) {
            Thread serverThread =
                    new Thread(
                            () -> {
                                try (Socket s = raw.accept()) {
                                    s.getInputStream().read(new byte[4096]);
                                    OutputStream out = s.getOutputStream();
                                    out.write(
                                            ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                                                            + "Content-Length: 1000\r\n"
                                                            + "Transfer-Encoding: chunked\r\n\r\n")
                                                    .getBytes(StandardCharsets.US_ASCII));
                                    writeChunk(out, png);
                                    byte[] filler = new byte[16 * 1024];
                                    for (int i = 0; i < 64; i++) {
                                        writeChunk(out, filler);
                                    }
                                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                                } catch (IOException expected) {
                                    // The fetcher hangs up once over the limit.
                                }
                            });
            serverThread.start();
            SafeImageFetcher small = fetcher(policy().maxBytes(64 * 1024).build());

            assertThat(refusal(small, "http://127.0.0.1:" + raw.getLocalPort() + "/x.png"))
                    .isEqualTo(RefusalReason.TOO_LARGE);
            serverThread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void refusesPngClaimingToBeJpegByContentType() {
        serve("/photo", "image/jpeg", TestImages.png(10, 10));

        assertThat(refusal(url("/photo"))).isEqualTo(RefusalReason.FORMAT_MISMATCH);
    }

    @Test
    void refusesPngClaimingToBeJpegByExtension() {
        serve("/photo.jpg", "application/octet-stream", TestImages.png(10, 10));

        assertThat(refusal(url("/photo.jpg"))).isEqualTo(RefusalReason.FORMAT_MISMATCH);
    }

    // ---- forbidden targets -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://images.test/a.jpg",
                "gopher://images.test/",
                "jar:file:/x.jar!/a.jpg",
                "file:///etc/passwd",
                "data:image/png;base64,iVBORw0KGgo="
            })
    void refusesSchemesNotAllowed(String url) {
        assertThat(refusal(url)).isIn(RefusalReason.SCHEME_NOT_ALLOWED, RefusalReason.BAD_URL);
        assertThat(connects).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not a url",
                "/relative/path.jpg",
                "http:///nohost.jpg",
                "http://user:secret@images.test/a.jpg",
                "http://2130706433/a.jpg",
                "http://127.1/a.jpg",
                "http://0x7f.0.0.1/a.jpg",
                "http://images.test:99999/a.jpg",
                "http://images.test:0/a.jpg",
                "http://exa mple.test/a.jpg",
                "http://ex_ample.test/a.jpg"
            })
    void refusesMalformedOrAmbiguousUrls(String url) {
        assertThat(refusal(url)).isEqualTo(RefusalReason.BAD_URL);
        assertThat(connects).isEmpty();
    }

    @Test
    void refusesHostOffTheAllowList() throws Exception {
        serve("/a.png", "image/png", TestImages.png(4, 4));
        SafeImageFetcher restricted =
                fetcher(
                        policy().allowedHosts(
                                        java.util.Set.of(".cdn.images.test", "cdn.images.test"))
                                .build());

        assertThat(refusal(restricted, url("images.test", "/a.png")))
                .isEqualTo(RefusalReason.FORBIDDEN_HOST);
        assertThat(restricted.fetch(url("cdn.images.test", "/a.png")).format())
                .isEqualTo(ImageFormat.PNG);
    }

    @Test
    void refusesLoopbackAddressOutsideTheAllowList() {
        serve("/a.png", "image/png", TestImages.png(4, 4));

        assertThat(refusal(url("127.0.0.2", "/a.png"))).isEqualTo(RefusalReason.FORBIDDEN_ADDRESS);
        assertThat(connects).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.test", "mixed.test"})
    void refusesHostNameResolvingToAForbiddenAddress(String host) {
        serve("/a.png", "image/png", TestImages.png(4, 4));

        assertThat(refusal(url(host, "/a.png"))).isEqualTo(RefusalReason.FORBIDDEN_ADDRESS);
        assertThat(connects).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "192.168.1.1",
                "172.16.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "[::1]",
                "[::]",
                "[fd00::1]",
                "[fe80::1]",
                "[::ffff:10.0.0.1]",
                "[::ffff:127.0.0.2]",
                "[64:ff9b::a00:1]"
            })
    void refusesPrivateAddressLiteralsWithoutConnecting(String host) {
        assertThat(refusal("http://" + host + ":9/a.jpg"))
                .isEqualTo(RefusalReason.FORBIDDEN_ADDRESS);
        assertThat(connects).isEmpty();
    }

    @Test
    void refusesHttpsServerWithUntrustedCertificate(@TempDir Path dir) throws Exception {
        // A self-signed certificate for images.test, made with the JDK's keytool.
        Path keystore = dir.resolve("server.p12");
        Process keytool =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-keyalg",
                                "EC",
                                "-alias",
                                "server",
                                "-dname",
                                "CN=images.test",
                                "-ext",
                                "SAN=dns:images.test",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-storepass",
                                "changeit",
                                "-keystore",
                                keystore.toString())
                        .redirectErrorStream(true)
                        .start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(ALLOWED, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger served = new AtomicInteger();
        https.createContext(
                "/",
                exchange -> {
                    served.incrementAndGet();
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
        https.start();
        try {
            String url = "https://images.test:" + https.getAddress().getPort() + "/a.png";

            assertThat(refusal(url)).isEqualTo(RefusalReason.UNREACHABLE);
            assertThat(served).hasValue(0);
            assertThat(connects).isNotEmpty().allMatch(a -> a.getAddress().equals(ALLOWED));
        } finally {
            https.stop(0);
        }
    }

    // ---- redirects ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1:9/a.png",
                "http://[::1]:9/a.png",
                "http://evil.test:9/a.png"
            })
    void refusesRedirectToAForbiddenAddress(String location) {
        redirect("/r", location);

        assertThat(refusal(url("/r"))).isEqualTo(RefusalReason.FORBIDDEN_ADDRESS);
        assertThat(connects).hasSize(1);
    }

    @Test
    void refusesRedirectToAFileEvenUnderTheRoots(@TempDir Path roots) throws Exception {
        Path inside = Files.write(roots.resolve("a.png"), TestImages.png(4, 4));
        redirect("/r", inside.toUri().toString());
        SafeImageFetcher withFiles = fetcher(policy().fileRoots(List.of(roots)).build());

        assertThat(refusal(withFiles, url("/r"))).isEqualTo(RefusalReason.SCHEME_NOT_ALLOWED);
    }

    @Test
    void followsThreeRedirectsAndRechecksEach() throws Exception {
        serve("/final.png", "image/png", TestImages.png(6, 6));
        redirect("/r3", "/final.png");
        redirect("/r2", url("images.test", "/r3"));
        redirect("/r1", "/r2");

        FetchedImage image = fetcher.fetch(url("/r1"));

        assertThat(image.finalUrl()).isEqualTo(url("images.test", "/final.png"));
        assertThat(image.width()).isEqualTo(6);
    }

    @Test
    void refusesTheFourthRedirect() {
        serve("/final.png", "image/png", TestImages.png(6, 6));
        redirect("/r4", "/final.png");
        redirect("/r3", "/r4");
        redirect("/r2", "/r3");
        redirect("/r1", "/r2");

        assertThat(refusal(url("/r1"))).isEqualTo(RefusalReason.TOO_MANY_REDIRECTS);
    }

    @Test
    void refusesARedirectLoop() {
        redirect("/loop", "/loop");

        assertThat(refusal(url("/loop"))).isEqualTo(RefusalReason.TOO_MANY_REDIRECTS);
    }

    // ---- time and retries --------------------------------------------------------------

    @Test
    void timesOutOnAServerThatNeverAnswersAndRetriesOnce() throws Exception {
        CountDownLatch requests = new CountDownLatch(2);
        AtomicInteger seen = new AtomicInteger();
        routes.put(
                "/slow.jpg",
                exchange -> {
                    seen.incrementAndGet();
                    requests.countDown();
                    try {
                        testOver.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        SafeImageFetcher impatient =
                fetcher(policy().readTimeout(Duration.ofMillis(300)).retries(1).build());

        assertThat(refusal(impatient, url("/slow.jpg"))).isEqualTo(RefusalReason.TIMEOUT);
        assertThat(requests.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasValue(2);
    }

    @Test
    void retriesServerErrorsThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        byte[] png = TestImages.png(3, 3);
        routes.put("/flaky.png", failingOnceWith(503, png, calls));
        SafeImageFetcher patient = fetcher(policy().retries(2).build());

        assertThat(patient.fetch(url("/flaky.png")).bytes()).isEqualTo(png);
        assertThat(calls).hasValue(2);
    }

    @Test
    void doesNotRetryClientErrors() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        routes.put(
                "/gone.png",
                exchange -> {
                    calls.incrementAndGet();
                    exchange.sendResponseHeaders(404, -1);
                });
        SafeImageFetcher patient = fetcher(policy().retries(2).build());

        assertThat(refusal(patient, url("/gone.png"))).isEqualTo(RefusalReason.HTTP_STATUS);
        assertThat(calls).hasValue(1);
    }

    @Test
    void asyncFetchRetriesOnTheGivenExecutor() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        byte[] jpeg = TestImages.jpeg(12, 8);
        routes.put("/flaky.jpg", failingOnceWith(502, jpeg, calls));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        SafeImageFetcher patient = fetcher(policy().retries(1).build());
        try {
            FetchedImage image =
                    patient.fetchAsync(url("/flaky.jpg"), pool).get(30, TimeUnit.SECONDS);
            CompletableFuture<FetchedImage> refused = patient.fetchAsync(url("/missing.jpg"), pool);

            assertThat(image.width()).isEqualTo(12);
            assertThat(calls).hasValue(2);
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            ImageRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RefusalReason.HTTP_STATUS));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- files -------------------------------------------------------------------------

    @Test
    void readsFileUnderARoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        byte[] png = TestImages.png(7, 5);
        Path file = Files.write(root.resolve("a.png"), png);
        SafeImageFetcher withFiles = fetcher(policy().fileRoots(List.of(root)).build());

        FetchedImage image = withFiles.fetch(file.toUri().toString());

        assertThat(image.bytes()).isEqualTo(png);
        assertThat(image.width()).isEqualTo(7);
    }

    @Test
    void refusesFilesOutsideTheRoots(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path other = Files.createDirectory(dir.resolve("other"));
        Path outside = Files.write(other.resolve("b.png"), TestImages.png(4, 4));
        Path link = Files.createSymbolicLink(root.resolve("link.png"), outside);
        SafeImageFetcher withFiles = fetcher(policy().fileRoots(List.of(root)).build());

        assertThat(refusal(withFiles, outside.toUri().toString()))
                .isEqualTo(RefusalReason.FILE_OUTSIDE_ROOTS);
        assertThat(refusal(withFiles, "file://" + root + "/../other/b.png"))
                .isEqualTo(RefusalReason.FILE_OUTSIDE_ROOTS);
        assertThat(refusal(withFiles, link.toUri().toString()))
                .isEqualTo(RefusalReason.FILE_OUTSIDE_ROOTS);
    }

    // ---- helpers -----------------------------------------------------------------------

    /** A body of {@code prefix}, then zeros until the client hangs up (or 800 MB). */
    private final class EndlessBody implements HttpHandler {
        private final String contentType;
        private final byte[] prefix;
        final AtomicLong written = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(1);

        EndlessBody(String contentType, byte[] prefix) {
            this.contentType = contentType;
            this.prefix = prefix;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            byte[] zeros = new byte[8192];
            try {
                body.write(prefix);
                for (int i = 0; i < 100_000 && testOver.getCount() > 0; i++) {
                    body.write(zeros);
                    body.flush();
                    written.addAndGet(zeros.length);
                }
            } catch (IOException hungUp) {
                // Expected: the fetcher stops reading and drops the connection.
            } finally {
                finished.countDown();
            }
        }

        /** The fetcher hung up instead of draining: far less was sent than the 800 MB on offer. */
        void assertClientHungUpEarly() throws InterruptedException {
            assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(written.get()).isLessThan(32L * 1024 * 1024);
        }
    }

    /** Answers {@code status} to the first request and {@code body} to the later ones. */
    private static HttpHandler failingOnceWith(int status, byte[] body, AtomicInteger calls) {
        return exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
