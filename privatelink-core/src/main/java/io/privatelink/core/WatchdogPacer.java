package io.privatelink.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.AsyncTimeout;

/**
 * Keeps Okio's timeout watchdog from waking on every socket read and write while guarded calls are
 * running.
 *
 * <p>OkHttp times each socket read and write with an Okio {@link AsyncTimeout}: one JVM-wide
 * watchdog thread sleeps until the earliest deadline in a sorted queue, and is signalled whenever a
 * new timeout goes to the head of that queue. With the queue empty between operations, every read
 * and write of every call becomes the head and wakes the watchdog: two to four extra context
 * switches per FHIR call on a warm connection, which is what a HAPI call on OkHttp paid over HAPI
 * on Apache HttpClient (measured per call, all threads).
 *
 * <p>While calls start, this pacer holds a timeout of {@link #PERIOD_MILLIS} at the head of the
 * queue. Socket timeouts (seconds) then queue behind it without a signal, and the watchdog wakes
 * once per period instead of several times per call. Nothing about timing changes: the watchdog
 * still waits for the earliest deadline, and a timeout shorter than the period goes ahead of the
 * pacer as before. The pacer re-arms itself only if a call started during the last period, so an
 * idle application stops it within two periods and the watchdog thread ends as Okio intends.
 *
 * <p>Only an optimisation: if the pacer is not armed (a race with its idle check), calls run
 * exactly as they would without it.
 */
final class WatchdogPacer extends AsyncTimeout {

  /** How often an armed pacer wakes the watchdog. */
  static final long PERIOD_MILLIS = 1_000;

  private static final WatchdogPacer INSTANCE = new WatchdogPacer();

  /** Whether the pacer is in (or being put into) the watchdog's queue. */
  private final AtomicBoolean armed = new AtomicBoolean();

  /** Whether a call started since the pacer last fired. */
  private volatile boolean used;

  private WatchdogPacer() {
    timeout(PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Called as a guarded call starts: arms the pacer unless it is already armed. */
  static void callStarting() {
    INSTANCE.onCallStarting();
  }

  /** Whether the pacer is armed now; for tests. */
  static boolean isArmed() {
    return INSTANCE.armed.get();
  }

  private void onCallStarting() {
    if (!used) {
      used = true; // one volatile write per period, not per call, once armed
    }
    if (!armed.get() && armed.compareAndSet(false, true)) {
      exit(); // resets a fired timeout; the armed flag makes this thread the only one here
      enter();
    }
  }

  /** On the watchdog thread, once per period: re-arms if calls started, else stops. */
  @Override
  protected void timedOut() {
    exit(); // the watchdog has taken the pacer out of its queue; make it enterable again
    if (used) {
      used = false;
      enter();
    } else {
      armed.set(false);
    }
  }
}
