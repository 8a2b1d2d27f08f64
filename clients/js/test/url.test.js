import test from 'node:test';
import assert from 'node:assert/strict';
import { channelUrl } from '../src/index.js';

test('a bare host gets wss, the channel path and its trailing slash', () => {
  assert.equal(
    channelUrl({ host: 'canvas.example.com', plugin: 'notifications_demo', channel: 'notifications' }),
    'wss://canvas.example.com/plugin-io/ws/notifications_demo/notifications/',
  );
});

test('secure false gives ws and keeps the port', () => {
  assert.equal(
    channelUrl({ host: 'localhost:8080', plugin: 'p', channel: 'c-1', secure: false }),
    'ws://localhost:8080/plugin-io/ws/p/c-1/',
  );
});

test('a host given as an origin keeps its scheme, mapped to ws or wss', () => {
  assert.equal(channelUrl({ host: 'http://localhost:8080', plugin: 'p', channel: 'c' }), 'ws://localhost:8080/plugin-io/ws/p/c/');
  assert.equal(channelUrl({ host: 'https://h.example', plugin: 'p', channel: 'c' }), 'wss://h.example/plugin-io/ws/p/c/');
});

test('the api key is encoded into api_key', () => {
  const url = new URL(channelUrl({ host: 'h', plugin: 'p', channel: 'c', apiKey: 'k&y=1 2' }));
  assert.equal(url.searchParams.get('api_key'), 'k&y=1 2');
});

test('since and epoch are added, and replace any the given url had', () => {
  const url = new URL(channelUrl({ url: 'https://h/plugin-io/ws/p/c/?since=3&epoch=old&x=1', since: 42, epoch: 'e1' }));
  assert.equal(url.protocol, 'wss:');
  assert.equal(url.searchParams.get('since'), '42');
  assert.equal(url.searchParams.get('epoch'), 'e1');
  assert.equal(url.searchParams.get('x'), '1');
  assert.equal(url.searchParams.getAll('since').length, 1);
});

test('since latest goes without an epoch', () => {
  const url = new URL(channelUrl({ url: 'ws://h/plugin-io/ws/p/c/?since=3&epoch=old', since: 'latest' }));
  assert.equal(url.searchParams.get('since'), 'latest');
  assert.equal(url.searchParams.has('epoch'), false);
});

test('no since removes the position from the given url', () => {
  const url = new URL(channelUrl({ url: 'ws://h/plugin-io/ws/p/c/?since=3&epoch=old' }));
  assert.equal(url.search, '');
});

test('bad plugin or channel names and non-WebSocket urls are refused', () => {
  assert.throws(() => channelUrl({ host: 'h', plugin: 'a-b', channel: 'c' }), TypeError);
  assert.throws(() => channelUrl({ host: 'h', plugin: 'p', channel: 'c/d' }), TypeError);
  assert.throws(() => channelUrl({ host: 'h', plugin: 'p', channel: 'x'.repeat(101) }), TypeError);
  assert.throws(() => channelUrl({ host: 'h', plugin: 'p', channel: 'é' }), TypeError);
  assert.throws(() => channelUrl({ url: 'ftp://h/x' }), TypeError);
  assert.throws(() => channelUrl({ plugin: 'p', channel: 'c' }), TypeError);
});
