// Fake device clock shared by the Chromium (Playwright init script) and the
// WebKit (inline <script> injected by the test server) end-to-end tests.
//
// The page under test compares the device clock (Date) against a reference
// (the test server's real clock). To simulate a skewed device we shift Date
// inside the page only; performance.now() stays real, since it is a monotonic
// timer for measuring round trips and must not jump with the wall clock.

/**
 * Runs inside the page before any of its scripts. It is serialized (by
 * Playwright, or via `fakeClockScript`), so it must not reference anything
 * outside itself. Change the offset later with `window.__skewcheckOffsetMs = ms`.
 */
export function installFakeClock(initialOffsetMs, timerStepMs = 0) {
  // `installFakeClock({ offsetMs, timerStepMs })` also works (Playwright passes one argument).
  if (typeof initialOffsetMs === 'object' && initialOffsetMs !== null) {
    ({ offsetMs: initialOffsetMs, timerStepMs = 0 } = initialOffsetMs);
  }
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  window.__skewcheckOffsetMs = initialOffsetMs;
  // Tor Browser / Firefox resistFingerprinting: both clocks rounded down to a step.
  const coarse = (ms) => (timerStepMs > 0 ? Math.floor(ms / timerStepMs) * timerStepMs : ms);
  const fakeNow = () => coarse(realNow() + Number(window.__skewcheckOffsetMs || 0));
  if (timerStepMs > 0) {
    const realPerformanceNow = performance.now.bind(performance);
    Object.defineProperty(performance, 'now', { value: () => coarse(realPerformanceNow()), configurable: true, writable: true });
  }

  // A function rather than `class extends Date`: `Date()` called without
  // `new` must still return a string, which a class constructor cannot do.
  function FakeDate(...args) {
    if (!new.target) return new RealDate(fakeNow()).toString();
    // Only the no-argument form reads the clock; everything else is untouched.
    return Reflect.construct(RealDate, args.length === 0 ? [fakeNow()] : args, new.target);
  }
  // Share the native prototype so instanceof, toLocale*, toISOString, etc.
  // behave exactly as before, also for dates made elsewhere.
  FakeDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(FakeDate, RealDate); // inherits Date.UTC, Date.parse
  Object.defineProperty(FakeDate, 'name', { value: 'Date' });
  Object.defineProperty(FakeDate, 'length', { value: RealDate.length });
  Object.defineProperty(FakeDate, 'now', { value: fakeNow, writable: true, configurable: true });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FakeDate, writable: true, configurable: true });
  globalThis.Date = FakeDate;
}

/** Source text that installs the fake clock `offsetMs` ahead of the real one, for an inline <script>. */
export const fakeClockScript = (offsetMs, timerStepMs = 0) =>
  `(${installFakeClock})(${JSON.stringify(offsetMs)}, ${JSON.stringify(timerStepMs)});`;
