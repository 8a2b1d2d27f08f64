// Test doubles: time that moves only when the test says so, and a WebSocket the test plays the server of.

/** A clock and timers driven by the test. */
export class FakeClock {
  #now = 0;
  #timers = new Map();
  #nextId = 1;

  now = () => this.#now;

  setTimeout = (callback, delay) => {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, delay), callback });
    return id;
  };

  clearTimeout = (id) => {
    this.#timers.delete(id);
  };

  /** Moves time forward by `ms`, running each timer at its due time, in order. */
  advance(ms) {
    const end = this.#now + ms;
    for (let next = this.#due(end); next !== undefined; next = this.#due(end)) {
      const [id, timer] = next;
      this.#timers.delete(id);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    this.#now = end;
  }

  /**
   * The machine sleeps for `ms`: no timer runs meanwhile; on waking, every overdue timer runs late,
   * as they do after a laptop's lid is opened.
   */
  sleep(ms) {
    this.#now += ms;
    this.advance(0);
  }

  /** Moves time forward by `ms` without running any timer (they are overdue until the next advance). */
  jump(ms) {
    this.#now += ms;
  }

  /** Delays of the timers still pending, from now. */
  get pending() {
    return [...this.#timers.values()].map((timer) => timer.at - this.#now);
  }

  #due(end) {
    let earliest;
    for (const entry of this.#timers) {
      if (entry[1].at <= end && (earliest === undefined || entry[1].at < earliest[1].at)) {
        earliest = entry;
      }
    }
    return earliest;
  }
}

/** A WebSocket class whose instances the test drives as the server would. */
export function fakeWebSockets() {
  const sockets = [];

  class FakeWebSocket {
    constructor(url) {
      this.url = new URL(url);
      this.closedByClient = null;
      sockets.push(this);
    }

    close(code, reason) {
      // A dead peer never answers the closing handshake: no close event follows.
      this.closedByClient = { code, reason };
    }

    send() {}

    /** The server completes the upgrade. */
    accept() {
      this.onopen?.({ type: 'open' });
      return this;
    }

    /** The server sends a text frame holding `value` as JSON (a string is sent as is). */
    frame(value) {
      this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
      return this;
    }

    /** The connection ends with `code` (1006: dropped without a close frame). */
    end(code = 1006, reason = '') {
      this.onclose?.({ code, reason });
      return this;
    }

    /** Whether the client still listens to this socket. */
    get listened() {
      return typeof this.onmessage === 'function';
    }
  }

  return {
    WebSocket: FakeWebSocket,
    sockets,
    get last() {
      return sockets[sockets.length - 1];
    },
  };
}

/** A random source returning `value` every time. */
export const constantRandom = (value) => () => value;
