// What to do after a close code (plugin-io close codes, SPEC 3.4), and how long to wait.

/**
 * Backoff defaults, in milliseconds. The n-th consecutive failed attempt (n = 0, 1, 2, ...) waits a
 * uniformly random delay in [0, min(max, initial * factor^n)): "full jitter". With these values:
 * under 1 s, under 2 s, under 4 s, ... never 30 s or more.
 */
export const DEFAULT_BACKOFF = Object.freeze({
  /** Cap of the first delay. */
  initial: 1000,
  /** Upper bound of every delay. */
  max: 30000,
  /** Growth of the cap per consecutive failure. */
  factor: 2,
  /** After 1001 (server going away) from an accepted connection: a delay in [0, goingAway). */
  goingAway: 1000,
  /** A connection open this long without a frame still counts as accepted (resets the backoff). */
  resetAfter: 5000,
});

/** Codes after which reconnecting cannot help: normal close, bad request, denied, not found. */
const FINAL = new Set([1000, 4400, 4403, 4404]);

/**
 * `"stop"` (never reconnect), `"soon"` (reconnect at once, jittered) or `"backoff"` (reconnect after
 * an exponentially growing, jittered delay) for a close code. Codes outside the table (1006 for a
 * dropped connection, 1011, 4429, 4500, 4508, proxies' codes) reconnect with backoff.
 */
export function closePolicy(code) {
  if (FINAL.has(code)) {
    return 'stop';
  }
  return code === 1001 ? 'soon' : 'backoff';
}

/** The full-jitter delay before attempt number `attempt` (0 for the first retry). */
export function backoffDelay(attempt, backoff = DEFAULT_BACKOFF, random = Math.random) {
  const cap = Math.min(backoff.max, backoff.initial * backoff.factor ** attempt);
  return Math.floor(random() * cap);
}
