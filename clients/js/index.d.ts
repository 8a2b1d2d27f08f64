// Type declarations of plugin-io-client (src/index.js).

/** Where a channel stands: the offset of its last broadcast within an epoch (a history's name). */
export interface Position {
  offset: number;
  epoch: string;
}

/**
 * What the connection is doing. `open` means accepted: the server sent a frame (when resuming, the
 * position frame comes at once) or the socket stayed open for `backoff.resetAfter`; a socket that
 * is upgraded and then denied is never reported open. `closed` is final: nothing is retried and no
 * callback runs after it.
 */
export type Status = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StatusChange {
  status: Status;
  /** Consecutive attempts that were not accepted; 0 once a connection was accepted. */
  attempt: number;
  /** The close code that caused this change (`reconnecting`, `closed`), if the server sent one. */
  code?: number;
  /** The close reason, or why the client gave the connection up ("idle timeout", "woke from sleep"...). */
  reason?: string;
  /** `reconnecting` only: milliseconds until the next attempt. */
  delay?: number;
}

export interface Recovery {
  /**
   * true: every broadcast missed while away follows, in order, through onMessage. false: the
   * server's history no longer reaches back that far (or was lost): refetch your state.
   */
  recovered: boolean;
  /** How many broadcasts follow when recovered; null when not. */
  missed: number | null;
  /** The channel's position when the connection was resumed. */
  offset: number;
  epoch: string;
}

/** Backoff bounds in milliseconds: attempt n waits a random delay in [0, min(max, initial * factor^n)). */
export interface Backoff {
  /** Default 1000. */
  initial?: number;
  /** Default 30000. */
  max?: number;
  /** Default 2. */
  factor?: number;
  /** After 1001 "going away" from an accepted connection, wait a random delay in [0, goingAway). Default 1000. */
  goingAway?: number;
  /** A connection open this long (or that received a frame) resets the backoff. Default 5000. */
  resetAfter?: number;
}

export interface Watchdog {
  /** Tick period in milliseconds; 0 turns the sleep check off. Default 5000. */
  interval?: number;
  /** A tick later than due by more than this means the machine slept: reconnect. Default 90000. */
  sleepThreshold?: number;
}

/** The clock and timers the client uses; replace them in tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delay: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * The parts of the WebSocket API the client uses: browsers' WebSocket, Node 22's and the `ws`
 * package's fit. Handlers take `any` so that each implementation's own event types are accepted.
 */
export interface WebSocketLike {
  binaryType: string;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface ChannelAddress {
  /** The channel's URL (ws:, wss:, http: or https:). Either this, or plugin and channel. */
  url?: string | URL;
  /** `name[:port]` or an origin; defaults to the page's host in a browser. */
  host?: string;
  plugin?: string;
  channel?: string;
  /** wss (true) or ws (false) for a bare host; defaults to the page's protocol, else true. */
  secure?: boolean;
  /** Sent as the `api_key` query parameter. */
  apiKey?: string;
}

export interface ConnectOptions extends ChannelAddress {
  /** Each broadcast's message, in order, with its position when the server sent one. */
  onMessage?(message: unknown, position: Partial<Position>): void;
  onStatus?(change: StatusChange): void;
  /** After a resume: whether every missed broadcast follows. */
  onRecovery?(recovery: Recovery): void;
  /** Defaults to the global WebSocket; in Node 20 pass `(await import('ws')).WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Resume from the last position after a reconnect. Default true. */
  resume?: boolean;
  backoff?: Backoff;
  watchdog?: Watchdog;
  /** Reconnect when no frame arrived for this many milliseconds; 0 (default) never does. */
  idleTimeout?: number;
  /** Give up a socket that has not opened after this many milliseconds; 0 never does. Default 10000. */
  connectTimeout?: number;
  /** Stop after this many consecutive failed attempts. Default Infinity. */
  maxAttempts?: number;
  clock?: Clock;
  /** Returns a number in [0, 1). Default Math.random. */
  random?: () => number;
  /** Where `online` events come from; defaults to the global window. null: none. */
  window?: EventTarget | null;
  /** Where `visibilitychange` events come from; defaults to the global document. null: none. */
  document?: (EventTarget & { visibilityState?: string }) | null;
}

export interface Connection {
  /** Closes for good (code 1000); reports `closed` once. */
  close(): void;
  /** Drops the current connection and reconnects at once (jittered), resuming. */
  reconnect(): void;
  readonly status: Status;
  /** The last position seen, or null before the first. */
  readonly position: Position | null;
}

/** Connects and keeps the connection up until close() or a final close code (1000, 4400, 4403, 4404). */
export function connect(options: ConnectOptions): Connection;

/** The channel's WebSocket URL, with `api_key`, `since` and `epoch` as given. */
export function channelUrl(address: ChannelAddress & { since?: number | 'latest'; epoch?: string }): string;

/** What a close code calls for: never reconnect, reconnect at once (jittered), or back off. */
export function closePolicy(code: number): 'stop' | 'soon' | 'backoff';

/** The full-jitter delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, backoff?: Required<Backoff>, random?: () => number): number;

export const DEFAULT_BACKOFF: Readonly<Required<Backoff>>;
export const DEFAULT_WATCHDOG: Readonly<Required<Watchdog>>;
