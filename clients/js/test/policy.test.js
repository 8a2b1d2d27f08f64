import test from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BACKOFF, backoffDelay, closePolicy } from '../src/index.js';

test('normal close, bad request, denied and not found stop for good', () => {
  for (const code of [1000, 4400, 4403, 4404]) {
    assert.equal(closePolicy(code), 'stop', `code ${code}`);
  }
});

test('going away reconnects soon', () => {
  assert.equal(closePolicy(1001), 'soon');
});

test('drops, server errors, limits, plugin failures, slowness and unknown codes back off', () => {
  for (const code of [1005, 1006, 1008, 1011, 1012, 4429, 4500, 4508, 4999]) {
    assert.equal(closePolicy(code), 'backoff', `code ${code}`);
  }
});

test('the delay cap doubles from one second up to thirty', () => {
  const caps = [0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999999));
  assert.deepEqual(caps, [999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
});

test('full jitter spreads the delay over the whole range from zero', () => {
  assert.equal(backoffDelay(3, DEFAULT_BACKOFF, () => 0), 0);
  assert.equal(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5), 4000);
});

test('custom bounds are honoured', () => {
  const backoff = { ...DEFAULT_BACKOFF, initial: 100, max: 250, factor: 3 };
  assert.deepEqual([0, 1, 2].map((n) => backoffDelay(n, backoff, () => 0.999999)), [99, 249, 249]);
});
