package io.imageguard.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition of the system under test (never for a span of time as such). */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Await() {}

    public static void until(String what, Duration timeout, Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not reached within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
