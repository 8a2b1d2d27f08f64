import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/plugin-io-listen.js', import.meta.url));
const SCRIPTED = fileURLToPath(new URL('../test-support/scripted-websocket.js', import.meta.url));

function listen(args, env = {}) {
  return spawnSync(process.execPath, ['--import', SCRIPTED, CLI, ...args], {
    env: { ...process.env, PLUGIN_IO_API_KEY: '', ...env },
    encoding: 'utf8',
    timeout: 20000,
  });
}

test('prints each message as a JSON line and exits 1 when the server closes for good', () => {
  const result = listen(['ws://localhost:8080/plugin-io/ws/p/c/', '--api-key', 'k1'], {
    SCRIPTED_FRAMES: JSON.stringify([
      { recovered: false, offset: 3, epoch: 'e' },
      { message: { text: 'hello' }, offset: 4, epoch: 'e' },
      { message: 'two', offset: 5, epoch: 'e' },
    ]),
    SCRIPTED_CLOSE_CODE: '4403',
    SCRIPTED_CLOSE_REASON: 'Unauthorized',
  });
  assert.equal(result.stdout, '{"text":"hello"}\n"two"\n');
  assert.match(result.stderr, /scripted url ws:\/\/localhost:8080\/plugin-io\/ws\/p\/c\/\?api_key=k1&since=latest/);
  assert.match(result.stderr, /# closed \(4403 Unauthorized\)/);
  assert.equal(result.status, 1);
});

test('the api key may come from the environment, and --quiet leaves stderr to errors', () => {
  const result = listen(['http://localhost:8080/plugin-io/ws/p/c/', '--quiet'], {
    PLUGIN_IO_API_KEY: 'from-env',
    SCRIPTED_CLOSE_CODE: '4404',
  });
  assert.match(result.stderr, /api_key=from-env/);
  assert.doesNotMatch(result.stderr, /# /);
  assert.equal(result.status, 1);
});

test('bad usage prints the usage and exits 2', () => {
  for (const args of [[], ['a', 'b'], ['--api-key'], ['--bogus', 'ws://h/x']]) {
    const result = listen(args);
    assert.equal(result.status, 2, `args ${args}`);
    assert.match(result.stderr, /usage: plugin-io-listen/);
  }
});
