import test from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../src/index.js';
import { FakeClock, constantRandom, fakeWebSockets } from '../test-support/fakes.js';

const URL_OF_CHANNEL = 'ws://h/plugin-io/ws/notifications_demo/notifications/';

/** Connects with fakes; returns the handle and what the callbacks saw. */
function start(overrides = {}) {
  const clock = new FakeClock();
  const ws = fakeWebSockets();
  const seen = { messages: [], statuses: [], recoveries: [] };
  const handle = connect({
    url: URL_OF_CHANNEL,
    WebSocket: ws.WebSocket,
    clock,
    random: constantRandom(0.5),
    window: null,
    document: null,
    onMessage: (message, position) => seen.messages.push({ message, ...position }),
    onStatus: (status) => seen.statuses.push(status),
    onRecovery: (recovery) => seen.recoveries.push(recovery),
    ...overrides,
  });
  return { clock, ws, seen, handle, names: () => seen.statuses.map((s) => s.status) };
}

function since(socket) {
  return [socket.url.searchParams.get('since'), socket.url.searchParams.get('epoch')];
}

test('the first connection asks for the latest position and is open once the server answers', () => {
  const { ws, names, handle } = start({ apiKey: 'secret' });
  assert.deepEqual(since(ws.last), ['latest', null]);
  assert.equal(ws.last.url.searchParams.get('api_key'), 'secret');
  assert.deepEqual(names(), ['connecting']);
  ws.last.accept();
  assert.deepEqual(names(), ['connecting'], 'upgraded, not yet accepted by the plugin');
  ws.last.frame({ recovered: false, offset: 0, epoch: 'e' });
  assert.deepEqual(names(), ['connecting', 'open']);
  assert.equal(handle.status, 'open');
});

test('a connection that stays open without a frame is reported open after resetAfter', () => {
  const { ws, clock, names } = start({ resume: false });
  ws.last.accept();
  clock.advance(4999);
  assert.deepEqual(names(), ['connecting']);
  clock.advance(1);
  assert.deepEqual(names(), ['connecting', 'open']);
});

test('a denied connection is never reported open', () => {
  const { ws, names } = start();
  ws.last.accept().end(4403, 'Unauthorized');
  assert.deepEqual(names(), ['connecting', 'closed']);
});

test('each broadcast message reaches onMessage with its position', () => {
  const { ws, seen, handle } = start();
  ws.last.accept().frame({ recovered: false, offset: 7, epoch: 'e' });
  ws.last.frame({ message: { text: 'hi' }, offset: 8, epoch: 'e' });
  ws.last.frame({ message: 'plain', offset: 9, epoch: 'e' });
  assert.deepEqual(seen.messages, [
    { message: { text: 'hi' }, offset: 8, epoch: 'e' },
    { message: 'plain', offset: 9, epoch: 'e' },
  ]);
  assert.deepEqual(handle.position, { offset: 9, epoch: 'e' });
  assert.deepEqual(seen.recoveries, [], 'a fresh start has nothing to recover');
});

test('frames without a position, and frames that are not JSON, are handled without failing', () => {
  const { ws, seen } = start({ resume: false });
  assert.equal(ws.last.url.search, '', 'no since when resume is off');
  ws.last.accept().frame('not json').frame({ message: null }).frame('42');
  assert.deepEqual(seen.messages, [{ message: null, offset: undefined, epoch: undefined }]);
});

test('a frame already seen is not delivered twice', () => {
  const { ws, seen } = start();
  ws.last.accept().frame({ message: 'a', offset: 1, epoch: 'e' }).frame({ message: 'a', offset: 1, epoch: 'e' });
  ws.last.frame({ message: 'b', offset: 1, epoch: 'e2' });
  assert.deepEqual(seen.messages.map((m) => m.message), ['a', 'b']);
});

test('a dropped connection reconnects after a jittered backoff and resumes from the last offset', () => {
  const { ws, clock, seen, names } = start();
  ws.last.accept().frame({ recovered: false, offset: 0, epoch: 'e' }).frame({ message: 'a', offset: 1, epoch: 'e' });
  ws.last.end(1006);
  assert.equal(names().at(-1), 'reconnecting');
  assert.deepEqual(seen.statuses.at(-1), { status: 'reconnecting', attempt: 1, code: 1006, reason: '', delay: 500 });
  clock.advance(499);
  assert.equal(ws.sockets.length, 1);
  clock.advance(1);
  assert.equal(ws.sockets.length, 2);
  assert.deepEqual(since(ws.last), ['1', 'e']);
});

test('consecutive failures double the backoff cap up to its maximum', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999) });
  const delays = [];
  for (let i = 0; i < 8; i++) {
    ws.last.end(1006);
    delays.push(seen.statuses.at(-1).delay);
    clock.advance(seen.statuses.at(-1).delay);
  }
  assert.deepEqual(delays, [999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
});

test('servers that accept and close at once keep backing off instead of retrying quickly', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999) });
  const delays = [];
  for (const code of [4429, 4500, 1011, 4508]) {
    ws.last.accept().end(code, 'busy');
    delays.push(seen.statuses.at(-1).delay);
    clock.advance(seen.statuses.at(-1).delay);
  }
  assert.deepEqual(delays, [999, 1999, 3999, 7999]);
});

test('an accepted connection resets the backoff', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999) });
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.accept().frame({ recovered: false, offset: 0, epoch: 'e' }).end(1006);
  assert.equal(seen.statuses.at(-1).delay, 999);
});

test('a connection open for resetAfter without any frame also resets the backoff', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999), resume: false });
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.accept();
  clock.advance(5000);
  ws.last.end(1006);
  assert.equal(seen.statuses.at(-1).delay, 999);
});

for (const [code, reason] of [[4403, 'Unauthorized'], [4400, 'Bad request'], [4404, 'Not found'], [1000, '']]) {
  test(`close code ${code} ends the connection for good with no retry`, () => {
    const { ws, clock, seen, handle } = start();
    ws.last.accept().end(code, reason);
    assert.equal(handle.status, 'closed');
    assert.deepEqual(seen.statuses.at(-1), { status: 'closed', attempt: 0, code, reason });
    assert.deepEqual(clock.pending, [], 'no timer left');
    clock.advance(24 * 3600 * 1000);
    assert.equal(ws.sockets.length, 1);
  });
}

test('going away from an accepted connection reconnects within the going-away jitter', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999) });
  ws.last.accept().frame({ recovered: false, offset: 3, epoch: 'e' }).end(1001, 'shutting down');
  assert.equal(seen.statuses.at(-1).delay, 999);
  clock.advance(999);
  assert.equal(ws.sockets.length, 2);
  assert.deepEqual(since(ws.last), ['3', 'e']);
});

test('going away before being accepted backs off like any failure', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.999999) });
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.accept().end(1001);
  assert.equal(seen.statuses.at(-1).delay, 1999);
});

test('a recovered resume reports how many broadcasts were missed and delivers them in order', () => {
  const { ws, clock, seen } = start();
  ws.last.accept().frame({ recovered: false, offset: 4, epoch: 'e' }).frame({ message: 'm5', offset: 5, epoch: 'e' }).end(1006);
  clock.advance(1000);
  assert.deepEqual(since(ws.last), ['5', 'e']);
  ws.last.accept().frame({ recovered: true, offset: 7, epoch: 'e' });
  ws.last.frame({ message: 'm6', offset: 6, epoch: 'e' }).frame({ message: 'm7', offset: 7, epoch: 'e' });
  assert.deepEqual(seen.recoveries, [{ recovered: true, missed: 2, offset: 7, epoch: 'e' }]);
  assert.deepEqual(seen.messages.map((m) => m.message), ['m5', 'm6', 'm7']);
});

test('a drop in the middle of a recovery resumes from the last message received', () => {
  const { ws, clock } = start();
  ws.last.accept().frame({ recovered: false, offset: 1, epoch: 'e' }).end(1006);
  clock.advance(1000);
  ws.last.accept().frame({ recovered: true, offset: 9, epoch: 'e' }).frame({ message: 'm2', offset: 2, epoch: 'e' }).end(1006);
  clock.advance(1000);
  assert.deepEqual(since(ws.last), ['2', 'e']);
});

test('an unrecovered resume tells the application and continues from the new position', () => {
  const { ws, clock, seen, handle } = start();
  ws.last.accept().frame({ recovered: false, offset: 2, epoch: 'old' }).end(1006);
  clock.advance(1000);
  ws.last.accept().frame({ recovered: false, offset: 40, epoch: 'new' });
  assert.deepEqual(seen.recoveries, [{ recovered: false, missed: null, offset: 40, epoch: 'new' }]);
  assert.deepEqual(handle.position, { offset: 40, epoch: 'new' });
  ws.last.frame({ message: 'm41', offset: 41, epoch: 'new' });
  assert.deepEqual(seen.messages.map((m) => m.message), ['m41']);
});

test('close() while open closes the socket, reports closed once, and nothing runs afterwards', () => {
  const { ws, clock, seen, handle } = start();
  const socket = ws.last.accept();
  handle.close();
  assert.deepEqual(socket.closedByClient, { code: 1000, reason: undefined });
  assert.deepEqual(seen.statuses.at(-1), { status: 'closed', attempt: 0, code: 1000, reason: 'closed by client' });
  socket.frame({ message: 'late', offset: 1, epoch: 'e' }).end(1006);
  handle.close();
  clock.advance(60000);
  assert.deepEqual(seen.messages, []);
  assert.equal(seen.statuses.filter((s) => s.status === 'closed').length, 1);
  assert.equal(ws.sockets.length, 1);
  assert.deepEqual(clock.pending, []);
});

test('close() while waiting to reconnect cancels the retry', () => {
  const { ws, clock, handle } = start();
  ws.last.end(1006);
  handle.close();
  clock.advance(60000);
  assert.equal(ws.sockets.length, 1);
  assert.deepEqual(clock.pending, []);
});

test('a socket that never opens is given up after the connect timeout', () => {
  const { ws, clock, seen } = start({ connectTimeout: 3000 });
  const first = ws.last;
  clock.advance(3000);
  assert.deepEqual(first.closedByClient, { code: 1000, reason: undefined });
  assert.equal(first.listened, false);
  assert.equal(seen.statuses.at(-1).reason, 'connect timeout');
  clock.advance(seen.statuses.at(-1).delay);
  assert.equal(ws.sockets.length, 2);
});

test('waking from sleep drops the presumed-dead connection and resumes at once', () => {
  const { ws, clock, seen } = start({ random: constantRandom(0.25) });
  const first = ws.last.accept().frame({ recovered: false, offset: 5, epoch: 'e' });
  clock.advance(60000);
  assert.equal(ws.sockets.length, 1, 'an awake, quiet connection is left alone');
  clock.sleep(10 * 60000);
  assert.deepEqual(first.closedByClient, { code: 1000, reason: undefined });
  assert.deepEqual(seen.statuses.at(-1), { status: 'reconnecting', attempt: 1, reason: 'woke from sleep', delay: 250 });
  first.end(1006); // the late close event of the old socket changes nothing
  clock.advance(250);
  assert.equal(ws.sockets.length, 2);
  assert.deepEqual(since(ws.last), ['5', 'e']);
});

test('a hidden tab whose timers run once a minute is not taken for a sleeping one', () => {
  const { ws, clock } = start();
  ws.last.accept();
  for (let minute = 0; minute < 10; minute++) {
    clock.sleep(60000);
  }
  assert.equal(ws.sockets.length, 1);
});

test('becoming visible checks for sleep at once, before the overdue tick runs', () => {
  const doc = new EventTarget();
  doc.visibilityState = 'hidden';
  const { ws, clock, seen } = start({ document: doc });
  const first = ws.last.accept();
  clock.jump(30 * 60000);
  doc.visibilityState = 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
  assert.notEqual(first.closedByClient, null);
  assert.equal(seen.statuses.at(-1).reason, 'woke from sleep');
});

test('the network coming back online reconnects, and a pending retry is brought forward', () => {
  const win = new EventTarget();
  const { ws, clock, seen } = start({ window: win, random: constantRandom(0.5) });
  const first = ws.last.accept();
  win.dispatchEvent(new Event('online'));
  assert.notEqual(first.closedByClient, null);
  assert.equal(seen.statuses.at(-1).reason, 'network online');
  clock.advance(500);
  ws.last.end(1006); // now waiting for a backoff delay
  assert.equal(seen.statuses.at(-1).status, 'reconnecting');
  const sockets = ws.sockets.length;
  win.dispatchEvent(new Event('online'));
  clock.advance(500);
  assert.equal(ws.sockets.length, sockets + 1);
});

test('an idle timeout reconnects a connection that went quiet', () => {
  const { ws, clock, seen } = start({ idleTimeout: 30000 });
  ws.last.accept().frame({ recovered: false, offset: 1, epoch: 'e' });
  clock.advance(29999);
  ws.last.frame({ message: 'keeps it alive', offset: 2, epoch: 'e' });
  clock.advance(29999);
  assert.equal(ws.sockets.length, 1);
  clock.advance(1);
  assert.equal(seen.statuses.at(-1).reason, 'idle timeout');
  clock.advance(1000);
  assert.deepEqual(since(ws.last), ['2', 'e']);
});

test('maxAttempts ends the connection after that many consecutive failures', () => {
  const { ws, clock, handle, seen } = start({ maxAttempts: 2 });
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.end(1006);
  clock.advance(seen.statuses.at(-1).delay);
  ws.last.end(1011, 'boom');
  assert.equal(handle.status, 'closed');
  assert.deepEqual(seen.statuses.at(-1), { status: 'closed', attempt: 2, code: 1011, reason: 'boom' });
  assert.equal(ws.sockets.length, 3);
});

test('reconnect() drops the connection and resumes', () => {
  const { ws, clock, handle } = start();
  ws.last.accept().frame({ message: 'a', offset: 1, epoch: 'e' });
  handle.reconnect();
  clock.advance(1000);
  assert.equal(ws.sockets.length, 2);
  assert.deepEqual(since(ws.last), ['1', 'e']);
});

test('no WebSocket implementation fails at once', { skip: typeof globalThis.WebSocket === 'function' }, () => {
  assert.throws(() => connect({ url: URL_OF_CHANNEL }), /npm install ws/);
});

test('a bad address fails at once', () => {
  assert.throws(() => connect({ host: 'h', plugin: 'bad-name', channel: 'c', WebSocket: class {} }), TypeError);
});
