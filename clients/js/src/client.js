// A plugin-io channel connection that reconnects by itself and resumes where it left off.
//
// States: connecting -> open -> reconnecting -> open ... -> closed (final). "open" means accepted:
// the server sent a frame, or the socket stayed open for backoff.resetAfter.
// One socket at a time; events of a socket that was given up are ignored.

import { channelUrl } from './url.js';
import { DEFAULT_BACKOFF, backoffDelay, closePolicy } from './policy.js';

/** Watchdog defaults, in milliseconds. */
export const DEFAULT_WATCHDOG = Object.freeze({
  /** How often the watchdog ticks. Zero turns the sleep check off. */
  interval: 5000,
  // A tick that comes this much later than due means the machine slept (or the tab was frozen): the
  // connection is presumed dead. Hidden tabs have their timers throttled to once a minute, so this
  // must stay well above 60 s.
  sleepThreshold: 90000,
});

/** Closes a socket that has not opened by then, in milliseconds; zero means no limit. */
const DEFAULT_CONNECT_TIMEOUT = 10000;

const realClock = {
  now: () => Date.now(),
  setTimeout: (callback, delay) => globalThis.setTimeout(callback, delay),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

/**
 * Connects to a channel and keeps the connection up until `close()` is called or the server says no.
 * See index.d.ts for the options; returns a handle with `close()`, `reconnect()`, `status` and
 * `position`.
 */
export function connect(options = {}) {
  const {
    onMessage = () => {},
    onStatus = () => {},
    onRecovery = () => {},
    resume = true,
    idleTimeout = 0,
    connectTimeout = DEFAULT_CONNECT_TIMEOUT,
    maxAttempts = Infinity,
    clock = realClock,
    random = Math.random,
  } = options;
  const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
  if (typeof WebSocketImpl !== 'function') {
    throw new TypeError('No WebSocket implementation: pass one as the WebSocket option (in Node: npm install ws)');
  }
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const watchdog = { ...DEFAULT_WATCHDOG, ...options.watchdog };
  const target = {
    url: options.url,
    host: options.host,
    plugin: options.plugin,
    channel: options.channel,
    secure: options.secure,
    apiKey: options.apiKey,
  };
  channelUrl(target); // fails now, not on the first retry, when the address is wrong
  const win = 'window' in options ? options.window : globalThis.window;
  const doc = 'document' in options ? options.document : globalThis.document;

  let status = 'connecting';
  let socket = null;
  /** Consecutive connection attempts that did not get accepted. */
  let attempt = 0;
  /** The last position seen: { offset, epoch }, or null before the first. */
  let position = null;
  /** The position asked for on the current socket, or null for "latest"/none. */
  let askedSince = null;
  let accepted = false;
  let retryTimer = null;
  let connectTimer = null;
  let idleTimer = null;
  let stableTimer = null;
  let watchdogTimer = null;
  let lastTick = clock.now();

  function setStatus(next, details = {}) {
    status = next;
    onStatus({ status: next, attempt, ...details });
  }

  function clear(timer) {
    if (timer !== null) {
      clock.clearTimeout(timer);
    }
    return null;
  }

  function clearSocketTimers() {
    connectTimer = clear(connectTimer);
    idleTimer = clear(idleTimer);
    stableTimer = clear(stableTimer);
  }

  function open() {
    retryTimer = null;
    accepted = false;
    askedSince = resume && position !== null ? position : null;
    const since = !resume ? undefined : askedSince !== null ? askedSince.offset : 'latest';
    const url = channelUrl({ ...target, since, epoch: askedSince?.epoch });
    let current;
    try {
      current = new WebSocketImpl(url);
    } catch (error) {
      dropped('backoff', { reason: String(error?.message ?? error) });
      return;
    }
    socket = current;
    current.binaryType = 'arraybuffer';
    current.onopen = () => current === socket && opened();
    current.onmessage = (event) => current === socket && received(event.data);
    current.onclose = (event) => current === socket && closedByPeer(event.code, event.reason);
    current.onerror = () => {}; // a close event follows; an error event carries nothing useful
    if (connectTimeout > 0) {
      connectTimer = clock.setTimeout(() => giveUpSocket('backoff', 'connect timeout'), connectTimeout);
    }
  }

  function opened() {
    connectTimer = clear(connectTimer);
    // A denied connection is also upgraded and then closed at once: it counts as accepted, and
    // is reported open, only once a frame arrives (the position frame comes at once when
    // resuming) or it has stayed open for a while.
    stableTimer = clock.setTimeout(accept, backoff.resetAfter);
    armIdle();
  }

  function accept() {
    stableTimer = clear(stableTimer);
    accepted = true;
    attempt = 0;
    setStatus('open');
  }

  function armIdle() {
    idleTimer = clear(idleTimer);
    if (idleTimeout > 0) {
      idleTimer = clock.setTimeout(() => giveUpSocket('backoff', 'idle timeout'), idleTimeout);
    }
  }

  function received(data) {
    if (!accepted) {
      accept();
    }
    armIdle();
    let frame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    } catch {
      return; // not JSON: not a plugin-io frame
    }
    if (frame === null || typeof frame !== 'object') {
      return;
    }
    if ('message' in frame) {
      deliver(frame);
    } else if ('recovered' in frame) {
      positioned(frame);
    }
  }

  function deliver(frame) {
    const { offset, epoch } = frame;
    if (typeof offset === 'number' && typeof epoch === 'string') {
      if (position !== null && position.epoch === epoch && offset <= position.offset) {
        return; // seen already
      }
      position = { offset, epoch };
    }
    onMessage(frame.message, { offset, epoch });
  }

  function positioned(frame) {
    const { recovered, offset, epoch } = frame;
    if (typeof offset !== 'number' || typeof epoch !== 'string') {
      return;
    }
    if (askedSince === null) {
      // A fresh start ("latest"): nothing to recover, only learn where the channel stands.
      position = { offset, epoch };
      return;
    }
    if (recovered === true) {
      // The missed broadcasts follow this frame; keep our own position until they arrive, so
      // that a drop in the middle resumes from the last one actually received.
      onRecovery({ recovered: true, missed: Math.max(0, offset - askedSince.offset), offset, epoch });
    } else {
      position = { offset, epoch };
      onRecovery({ recovered: false, missed: null, offset, epoch });
    }
    askedSince = null;
  }

  function closedByPeer(code, reason) {
    detach();
    const policy = closePolicy(code);
    if (policy === 'stop') {
      finish(code, reason);
    } else {
      dropped(policy === 'soon' && accepted ? 'soon' : 'backoff', { code, reason });
    }
  }

  /** Abandons the current socket, which is presumed dead or hung, and reconnects. */
  function giveUpSocket(policy, reason) {
    const current = detach();
    try {
      current?.close(1000);
    } catch {
      // already closing
    }
    dropped(policy, { reason });
  }

  function detach() {
    const current = socket;
    if (current !== null) {
      current.onopen = current.onmessage = current.onclose = current.onerror = null;
      socket = null;
    }
    clearSocketTimers();
    return current;
  }

  function dropped(policy, details) {
    if (attempt >= maxAttempts) {
      finish(details.code, details.reason);
      return;
    }
    const delay = policy === 'soon'
      ? Math.floor(random() * backoff.goingAway)
      : backoffDelay(attempt, backoff, random);
    attempt += 1;
    accepted = false;
    retryTimer = clock.setTimeout(open, delay);
    setStatus('reconnecting', { ...details, delay });
  }

  function finish(code, reason) {
    detach();
    retryTimer = clear(retryTimer);
    watchdogTimer = clear(watchdogTimer);
    win?.removeEventListener?.('online', onOnline);
    doc?.removeEventListener?.('visibilitychange', onVisibility);
    setStatus('closed', { code, reason });
  }

  /** Reconnects at once (jittered) from whatever state: used when the connection is likely dead. */
  function reconnectSoon(reason) {
    if (status === 'closed') {
      return;
    }
    if (socket !== null) {
      giveUpSocket('soon', reason);
    } else if (retryTimer !== null) {
      retryTimer = clear(retryTimer);
      attempt = Math.max(0, attempt - 1); // replaces the pending attempt, not a new failure
      dropped('soon', { reason });
    }
  }

  function tick() {
    const now = clock.now();
    const late = now - lastTick - watchdog.interval;
    lastTick = now;
    watchdogTimer = clock.setTimeout(tick, watchdog.interval);
    if (late > watchdog.sleepThreshold) {
      reconnectSoon('woke from sleep');
    }
  }

  function onOnline() {
    reconnectSoon('network online');
  }

  function onVisibility() {
    if (doc?.visibilityState === 'visible' && watchdog.interval > 0) {
      // Timers of a hidden or frozen tab may not have run: check now instead of at the next tick.
      watchdogTimer = clear(watchdogTimer);
      tick();
    }
  }

  if (watchdog.interval > 0) {
    watchdogTimer = clock.setTimeout(tick, watchdog.interval);
  }
  win?.addEventListener?.('online', onOnline);
  doc?.addEventListener?.('visibilitychange', onVisibility);
  setStatus('connecting');
  open();

  return {
    /** Closes the connection for good; no callback runs after the final "closed" status. */
    close() {
      if (status !== 'closed') {
        const current = detach();
        try {
          current?.close(1000);
        } catch {
          // already closing
        }
        finish(1000, 'closed by client');
      }
    },
    /** Drops the current connection and reconnects at once (jittered), resuming. */
    reconnect() {
      reconnectSoon('reconnect requested');
    },
    /** "connecting", "open", "reconnecting" or "closed". */
    get status() {
      return status;
    },
    /** The last position seen, `{ offset, epoch }`, or null. */
    get position() {
      return position === null ? null : { ...position };
    },
  };
}
