package io.imageguard.ingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches an image from an {@code https}/{@code http} URL, or a {@code file} URL under the
 * configured roots, so that no hostile URL or response can reach an internal address, exhaust
 * memory or time, or pass off non-image bytes.
 *
 * <p>The contract, enforced on every attempt:
 *
 * <ul>
 *   <li>only the policy's schemes; no credentials in URLs; numeric hosts only as strict literals;
 *       the host on the allow-list if one is configured;
 *   <li>every address the host resolves to must be public ({@link AddressPolicy}), or the URL is
 *       refused; the connection goes to exactly those checked addresses (the HTTP client resolves
 *       through the check, and every socket re-checks the address it connects to), so DNS rebinding
 *       between check and connect is impossible;
 *   <li>no proxy, whatever the system properties say; no cookies, no content decompression;
 *   <li>redirects followed by hand, each target checked like the first URL, at most {@code
 *       maxRedirects};
 *   <li>the byte limit counted while reading (a declared Content-Length above it refuses early; a
 *       smaller or missing one is not trusted);
 *   <li>the format decided by magic bytes; a Content-Type or URL extension naming another format is
 *       a {@link RefusalReason#FORMAT_MISMATCH};
 *   <li>the header's width × height within the pixel limit, read without decoding;
 *   <li>transient failures (timeouts, 5xx, 429, broken connections) retried with exponential
 *       backoff and jitter, at most {@code retries} times; all else fails at once.
 * </ul>
 *
 * <p>Thread-safe: make one instance per task (e.g. in a Flink function's {@code open}) and {@link
 * #close()} it when done. {@link #fetch} blocks; {@link #fetchAsync} runs attempts on a caller's
 * executor and waits out backoffs without holding a thread.
 */
public final class SafeImageFetcher implements AutoCloseable {

    /** Bytes after which format, claims and (once the header is in) pixels are checked. */
    private static final int EARLY_CHECK_BYTES = 64;

    /** A lying Content-Length must not make us allocate its claim up front. */
    private static final int MAX_INITIAL_BUFFER = 1 << 20;

    private static final int DEFAULT_INITIAL_BUFFER = 64 * 1024;

    private final ImageFetchPolicy policy;
    private final AddressPolicy addresses;
    private final HostResolver resolver;
    private final Consumer<InetSocketAddress> beforeConnect;
    private final CloseableHttpClient client;

    public SafeImageFetcher(ImageFetchPolicy policy) {
        this(policy, HostResolver.SYSTEM);
    }

    public SafeImageFetcher(ImageFetchPolicy policy, HostResolver resolver) {
        this(policy, resolver, address -> {});
    }

    /**
     * @param beforeConnect called with every address right before a socket connects to it, after
     *     the address check; tests use it to fail instead of leaving loopback
     */
    SafeImageFetcher(
            ImageFetchPolicy policy,
            HostResolver resolver,
            Consumer<InetSocketAddress> beforeConnect) {
        this.policy = policy;
        this.addresses = new AddressPolicy(policy.allowedCidrs());
        this.resolver = resolver;
        this.beforeConnect = beforeConnect;
        this.client = buildClient(policy);
    }

    /**
     * Fetches and checks one image, retrying transient failures (blocking during backoff).
     *
     * @throws ImageRefusedException with the reason of the last attempt
     */
    public FetchedImage fetch(String url) throws ImageRefusedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return fetchOnce(url);
            } catch (ImageRefusedException e) {
                if (!e.isTransient() || attempt >= policy.retries()) {
                    throw e;
                }
                try {
                    Thread.sleep(backoffMillis(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Like {@link #fetch}, but each attempt runs on {@code executor} and retries are scheduled
     * after their backoff instead of sleeping. The future fails with an {@link
     * ImageRefusedException}, or a {@link RejectedExecutionException} if the executor refuses work.
     */
    public CompletableFuture<FetchedImage> fetchAsync(String url, Executor executor) {
        CompletableFuture<FetchedImage> result = new CompletableFuture<>();
        submit(executor, () -> attemptAsync(url, 0, executor, result), result);
        return result;
    }

    private void attemptAsync(
            String url, int attempt, Executor executor, CompletableFuture<FetchedImage> result) {
        try {
            result.complete(fetchOnce(url));
        } catch (ImageRefusedException e) {
            if (!e.isTransient() || attempt >= policy.retries()) {
                result.completeExceptionally(e);
                return;
            }
            Executor later =
                    CompletableFuture.delayedExecutor(
                            backoffMillis(attempt), TimeUnit.MILLISECONDS, executor);
            submit(later, () -> attemptAsync(url, attempt + 1, executor, result), result);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static void submit(
            Executor executor, Runnable task, CompletableFuture<FetchedImage> result) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    /** Full jitter in the upper half, so that a burst of failures does not retry in step. */
    private long backoffMillis(int attempt) {
        long ceiling = policy.backoffCeiling(attempt).toMillis();
        return ceiling <= 1
                ? ceiling
                : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private FetchedImage fetchOnce(String url) throws ImageRefusedException {
        long deadline = System.nanoTime() + policy.totalTimeout().toNanos();
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return readFile(uri, deadline);
        }
        return fetchHttp(uri, deadline);
    }

    private static URI parse(String url) throws ImageRefusedException {
        if (url == null || url.isBlank()) {
            throw new ImageRefusedException(RefusalReason.BAD_URL, "no URL");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ImageRefusedException(RefusalReason.BAD_URL, e.getMessage());
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new ImageRefusedException(
                    RefusalReason.BAD_URL, "not an absolute hierarchical URL: " + url);
        }
        return uri;
    }

    // ---- http(s) -------------------------------------------------------------------------

    private FetchedImage fetchHttp(URI first, long deadline) throws ImageRefusedException {
        URI current = first;
        for (int redirects = 0; ; redirects++) {
            checkNetworkTarget(current);
            HttpGet get = new HttpGet(current);
            // Any type: a CDN told "image/webp" would convert the original it should hand over.
            get.setHeader("Accept", "*/*");
            long waitNanos = Math.min(policy.readTimeout().toNanos(), remaining(deadline, current));
            get.setConfig(
                    RequestConfig.custom()
                            .setConnectionRequestTimeout(Timeout.ofNanoseconds(waitNanos))
                            .setResponseTimeout(Timeout.ofNanoseconds(waitNanos))
                            .build());
            boolean finished = false;
            ClassicHttpResponse response = null;
            try {
                response = execute(get, current);
                int code = response.getCode();
                if (isRedirect(code)) {
                    if (redirects >= policy.maxRedirects()) {
                        throw new ImageRefusedException(
                                RefusalReason.TOO_MANY_REDIRECTS,
                                "more than " + policy.maxRedirects() + " redirects from " + first);
                    }
                    current = redirectTarget(current, response);
                    continue;
                }
                if (code < 200 || code > 299) {
                    throw new ImageRefusedException(
                            RefusalReason.HTTP_STATUS,
                            "HTTP " + code + " from " + current,
                            code >= 500 || code == 429,
                            null);
                }
                HttpEntity entity = response.getEntity();
                if (entity == null) {
                    throw new ImageRefusedException(
                            RefusalReason.NOT_AN_IMAGE, "empty response from " + current);
                }
                long declared = entity.getContentLength();
                if (declared > policy.maxBytes()) {
                    throw tooLarge("declared Content-Length " + declared, current);
                }
                Header contentType = response.getFirstHeader("Content-Type");
                Claims claims =
                        new Claims(
                                contentType == null ? null : contentType.getValue(),
                                first,
                                current);
                // Not try-with-resources: closing the stream drains the body, so a refusal
                // must cancel the exchange first (finally below) and only then close.
                byte[] bytes = readLimited(entity.getContent(), declared, deadline, claims);
                finished = true;
                ImageHeader header = inspect(bytes, bytes.length, true, claims);
                return new FetchedImage(
                        bytes,
                        header.format(),
                        current.toString(),
                        header.width(),
                        header.height());
            } catch (IOException e) {
                throw refusalFor(e, current);
            } finally {
                if (!finished) {
                    // Closing normally would drain the rest of a possibly endless body.
                    get.cancel();
                }
                closeQuietly(response);
            }
        }
    }

    private ClassicHttpResponse execute(HttpGet get, URI uri)
            throws IOException, ImageRefusedException {
        try {
            return client.executeOpen(null, get, null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The client's own validation of a hostile URL must not escape as a crash.
            throw new ImageRefusedException(
                    RefusalReason.BAD_URL, "HTTP client refused " + uri + ": " + e.getMessage());
        }
    }

    private void checkNetworkTarget(URI uri) throws ImageRefusedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!policy.schemes().contains(scheme)) {
            throw new ImageRefusedException(
                    RefusalReason.SCHEME_NOT_ALLOWED,
                    "scheme '" + scheme + "' not in " + policy.schemes() + ": " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new ImageRefusedException(
                    RefusalReason.BAD_URL, "credentials in URL: " + uri.getHost());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ImageRefusedException(RefusalReason.BAD_URL, "no valid host in " + uri);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ImageRefusedException(RefusalReason.BAD_URL, "port out of range in " + uri);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (Cidr.IpLiterals.isAmbiguousNumeric(host)) {
            throw new ImageRefusedException(
                    RefusalReason.BAD_URL, "numeric host that is no strict IP literal: " + host);
        }
        if (!policy.allowedHosts().isEmpty() && !isAllowedHost(host)) {
            throw new ImageRefusedException(
                    RefusalReason.FORBIDDEN_HOST, host + " is not on the host allow-list");
        }
    }

    private boolean isAllowedHost(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String allowed : policy.allowedHosts()) {
            if (allowed.startsWith(".") ? h.endsWith(allowed) : h.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static URI redirectTarget(URI current, ClassicHttpResponse response)
            throws ImageRefusedException {
        Header location = response.getFirstHeader("Location");
        if (location == null || location.getValue().isBlank()) {
            throw new ImageRefusedException(
                    RefusalReason.HTTP_STATUS,
                    "HTTP " + response.getCode() + " without Location from " + current);
        }
        try {
            URI target = current.resolve(new URI(location.getValue().trim()));
            if (!target.isAbsolute() || target.isOpaque()) {
                throw new URISyntaxException(location.getValue(), "not absolute");
            }
            return target;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ImageRefusedException(
                    RefusalReason.BAD_URL, "unusable redirect Location from " + current);
        }
    }

    private static long remaining(long deadline, URI uri) throws ImageRefusedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ImageRefusedException(
                    RefusalReason.TIMEOUT, "total timeout reached at " + uri, true, null);
        }
        return left;
    }

    private ImageRefusedException refusalFor(IOException e, URI uri) {
        String what = e.getClass().getSimpleName() + " at " + uri.getHost() + ": " + e.getMessage();
        if (e instanceof ForbiddenAddressException) {
            return new ImageRefusedException(RefusalReason.FORBIDDEN_ADDRESS, e.getMessage());
        }
        if (e instanceof InterruptedIOException) {
            // Connect and read timeouts, and waiting too long for a pooled connection.
            return new ImageRefusedException(RefusalReason.TIMEOUT, what, true, e);
        }
        if (e instanceof UnknownHostException
                || e instanceof ConnectException
                || e instanceof SSLException) {
            return new ImageRefusedException(RefusalReason.UNREACHABLE, what, false, e);
        }
        boolean broken =
                e instanceof NoHttpResponseException
                        || e instanceof ConnectionClosedException
                        || e instanceof SocketException;
        return new ImageRefusedException(RefusalReason.UNREACHABLE, what, broken, e);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is discarded either way; nothing of the image depends on it.
        }
    }

    // ---- file --------------------------------------------------------------------------

    private FetchedImage readFile(URI uri, long deadline) throws ImageRefusedException {
        if (policy.fileRoots().isEmpty()) {
            throw new ImageRefusedException(
                    RefusalReason.SCHEME_NOT_ALLOWED,
                    "file URLs are off (no file roots configured)");
        }
        Path path;
        try {
            path = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ImageRefusedException(RefusalReason.BAD_URL, "unusable file URL: " + uri);
        }
        if (!isUnder(path, policy.fileRoots())) {
            throw new ImageRefusedException(
                    RefusalReason.FILE_OUTSIDE_ROOTS, path + " is outside " + policy.fileRoots());
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ImageRefusedException(RefusalReason.UNREACHABLE, "no such file: " + path);
        } catch (IOException e) {
            throw new ImageRefusedException(RefusalReason.UNREACHABLE, "cannot resolve " + path);
        }
        if (!isUnder(real, realRoots())) {
            throw new ImageRefusedException(
                    RefusalReason.FILE_OUTSIDE_ROOTS,
                    path + " links to " + real + ", outside the roots");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImageRefusedException(
                    RefusalReason.UNREACHABLE, "not a regular file: " + path);
        }
        Claims claims = new Claims(null, uri, uri);
        try {
            long size = Files.size(real);
            if (size > policy.maxBytes()) {
                throw tooLarge("file size " + size, uri);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                bytes = readLimited(in, size, deadline, claims);
            }
            ImageHeader header = inspect(bytes, bytes.length, true, claims);
            return new FetchedImage(
                    bytes,
                    header.format(),
                    real.toUri().toString(),
                    header.width(),
                    header.height());
        } catch (IOException e) {
            throw new ImageRefusedException(
                    RefusalReason.UNREACHABLE, "cannot read " + path + ": " + e.getMessage());
        }
    }

    private static boolean isUnder(Path path, List<Path> roots) {
        return roots.stream().anyMatch(path::startsWith);
    }

    /** Roots with their links resolved, so a root that is itself a link still matches. */
    private List<Path> realRoots() {
        List<Path> real = new ArrayList<>();
        for (Path root : policy.fileRoots()) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                // A root that does not exist contains nothing.
            }
        }
        return real;
    }

    // ---- body and checks ---------------------------------------------------------------

    /** What the transport said about the body, to compare with its magic bytes. */
    private record Claims(String contentType, URI requested, URI served) {}

    private byte[] readLimited(InputStream in, long declared, long deadline, Claims claims)
            throws IOException, ImageRefusedException {
        long max = policy.maxBytes();
        int initial =
                (int)
                        Math.min(
                                max,
                                declared > 0
                                        ? Math.min(declared, MAX_INITIAL_BUFFER)
                                        : DEFAULT_INITIAL_BUFFER);
        byte[] buffer = new byte[Math.max(initial, EARLY_CHECK_BYTES)];
        int length = 0;
        boolean headerSeen = false;
        while (true) {
            if (length == buffer.length) {
                if (length >= max) {
                    if (in.read() < 0) {
                        break;
                    }
                    throw tooLarge("more than " + max + " bytes sent", claims.served());
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, 2L * buffer.length));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
            if (!headerSeen && length >= EARLY_CHECK_BYTES) {
                // Refuse garbage and bombs before downloading up to the byte limit; a JPEG's
                // frame header may come after large metadata, so look again until it is seen.
                headerSeen = inspect(buffer, length, false, claims) != null;
            }
            remaining(deadline, claims.served());
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /**
     * Checks format, claims and header of {@code data[0..length)}. With {@code complete} false only
     * what the prefix already shows is refused, and null may be returned.
     */
    private ImageHeader inspect(byte[] data, int length, boolean complete, Claims claims)
            throws ImageRefusedException {
        Optional<ImageFormat> sniffed = ImageFormat.sniff(data, length);
        if (sniffed.isEmpty()) {
            throw new ImageRefusedException(
                    RefusalReason.NOT_AN_IMAGE,
                    "no JPEG/PNG/GIF/WebP/BMP signature, starts with " + hexPrefix(data, length));
        }
        ImageFormat format = sniffed.get();
        checkClaims(format, claims);
        Optional<ImageHeader> header = ImageHeader.read(data, length);
        if (header.isPresent() && header.get().pixels() > policy.maxPixels()) {
            ImageHeader h = header.get();
            throw new ImageRefusedException(
                    RefusalReason.TOO_MANY_PIXELS,
                    format
                            + " header claims "
                            + h.width()
                            + "x"
                            + h.height()
                            + " = "
                            + h.pixels()
                            + " pixels, limit "
                            + policy.maxPixels());
        }
        if (header.isEmpty() && complete) {
            throw new ImageRefusedException(
                    RefusalReason.NOT_AN_IMAGE, format + " signature but no readable dimensions");
        }
        return header.orElse(null);
    }

    private static void checkClaims(ImageFormat format, Claims claims)
            throws ImageRefusedException {
        String contentType = claims.contentType();
        if (contentType != null) {
            Optional<ImageFormat> declared = ImageFormat.fromMimeType(contentType);
            boolean imageType = contentType.trim().toLowerCase(Locale.ROOT).startsWith("image/");
            // Non-image types (octet-stream, text/plain) are common misconfigurations: bytes
            // decide.
            if (declared.map(d -> d != format).orElse(imageType)) {
                throw new ImageRefusedException(
                        RefusalReason.FORMAT_MISMATCH,
                        "Content-Type '" + contentType + "' but the bytes are " + format);
            }
        }
        Set<URI> urls = new LinkedHashSet<>(List.of(claims.requested(), claims.served()));
        for (URI url : urls) {
            Optional<ImageFormat> byExtension = extension(url).flatMap(ImageFormat::fromExtension);
            if (byExtension.isPresent() && byExtension.get() != format) {
                throw new ImageRefusedException(
                        RefusalReason.FORMAT_MISMATCH,
                        "URL ends in ." + extension(url).get() + " but the bytes are " + format);
            }
        }
    }

    private static Optional<String> extension(URI uri) {
        String path = uri.getPath();
        if (path == null) {
            return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1));
    }

    private static ImageRefusedException tooLarge(String what, URI uri) {
        return new ImageRefusedException(RefusalReason.TOO_LARGE, what + " at " + uri);
    }

    private static String hexPrefix(byte[] data, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, length); i++) {
            hex.append(String.format("%02x", data[i] & 0xFF));
        }
        return length == 0 ? "(empty)" : hex.toString();
    }

    // ---- HTTP client -------------------------------------------------------------------

    private CloseableHttpClient buildClient(ImageFetchPolicy policy) {
        // The operator is built by hand (an @Internal constructor of the pinned 5.6 release)
        // because the builder offers no way to supply the socket factory that guards connect().
        DefaultHttpClientConnectionOperator operator =
                new DefaultHttpClientConnectionOperator(
                        proxy -> new GuardedSocket(),
                        null,
                        new CheckingDnsResolver(),
                        RegistryBuilder.<TlsSocketStrategy>create()
                                .register("https", DefaultClientTlsStrategy.createDefault())
                                .build());
        PoolingHttpClientConnectionManager connections =
                new PoolingHttpClientConnectionManager(
                        operator,
                        PoolConcurrencyPolicy.STRICT,
                        PoolReusePolicy.LIFO,
                        TimeValue.NEG_ONE_MILLISECOND,
                        null);
        connections.setMaxTotal(policy.maxConnections());
        connections.setDefaultMaxPerRoute(policy.maxConnections());
        connections.setDefaultConnectionConfig(
                ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(policy.connectTimeout()))
                        .setSocketTimeout(Timeout.of(policy.readTimeout()))
                        .build());
        connections.setDefaultSocketConfig(
                SocketConfig.custom().setSoTimeout(Timeout.of(policy.readTimeout())).build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                // Direct routes only: system proxy settings must not send images elsewhere.
                .setRoutePlanner(new DefaultRoutePlanner(null))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                // Images are compressed already; gzip on top would only hide a bomb.
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("imageguard")
                .build();
    }

    /** Resolves through the {@link HostResolver} and refuses a host if any address is forbidden. */
    private final class CheckingDnsResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            byte[] literal = Cidr.IpLiterals.parse(host);
            List<InetAddress> resolved =
                    literal != null
                            ? List.of(InetAddress.getByAddress(literal))
                            : resolver.resolve(host);
            if (resolved == null || resolved.isEmpty()) {
                throw new UnknownHostException(host);
            }
            for (InetAddress address : resolved) {
                Optional<String> refusal = addresses.refusal(address);
                if (refusal.isPresent()) {
                    throw new ForbiddenAddressException(host + ": " + refusal.get());
                }
            }
            return resolved.toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A direct socket that re-checks the address it is about to connect to. */
    private final class GuardedSocket extends Socket {
        GuardedSocket() {
            super(Proxy.NO_PROXY);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target) || target.isUnresolved()) {
                throw new ForbiddenAddressException("unresolved endpoint " + endpoint);
            }
            Optional<String> refusal = addresses.refusal(target.getAddress());
            if (refusal.isPresent()) {
                throw new ForbiddenAddressException(refusal.get());
            }
            beforeConnect.accept(target);
            super.connect(endpoint, timeout);
        }
    }

    /**
     * A refused address. An {@link UnknownHostException} so that the DNS resolver may throw it and
     * the HTTP client passes it through unchanged.
     */
    static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String message) {
            super(message);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
