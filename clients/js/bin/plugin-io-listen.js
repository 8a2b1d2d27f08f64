#!/usr/bin/env node
// Prints each message of a plugin-io channel as one JSON line on stdout; status goes to stderr.
//
//   node clients/js/bin/plugin-io-listen.js <url> [--api-key KEY] [--no-resume] [--quiet]
//
// The API key may also come from PLUGIN_IO_API_KEY (keeps it out of the process list).
// Exit status: 0 after Ctrl-C, 1 when the server closed for good (denied, not found, ...), 2 on
// bad usage.

import { connect } from '../src/index.js';

const USAGE = `usage: plugin-io-listen <url> [--api-key KEY] [--no-resume] [--quiet]

  <url>          the channel, e.g. ws://localhost:8080/plugin-io/ws/notifications_demo/notifications/
  --api-key KEY  sent as api_key (default: $PLUGIN_IO_API_KEY)
  --no-resume    do not resume from the last position after a reconnect
  --quiet        print messages only, no status lines on stderr

Node without a global WebSocket (Node 20) needs the ws package: (cd clients/js && npm install --no-save ws)`;

function parse(args) {
  const options = { apiKey: process.env.PLUGIN_IO_API_KEY || undefined, resume: true, quiet: false };
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--api-key') {
      options.apiKey = args[++i];
      if (options.apiKey === undefined) {
        return null;
      }
    } else if (arg.startsWith('--api-key=')) {
      options.apiKey = arg.slice('--api-key='.length);
    } else if (arg === '--no-resume') {
      options.resume = false;
    } else if (arg === '--quiet') {
      options.quiet = true;
    } else if (arg === '-h' || arg === '--help' || arg.startsWith('-')) {
      return null;
    } else {
      rest.push(arg);
    }
  }
  if (rest.length !== 1) {
    return null;
  }
  options.url = rest[0];
  return options;
}

async function webSocketImplementation() {
  if (typeof globalThis.WebSocket === 'function') {
    return globalThis.WebSocket;
  }
  try {
    const ws = await import('ws');
    return ws.WebSocket ?? ws.default;
  } catch {
    return null;
  }
}

const options = parse(process.argv.slice(2));
if (options === null) {
  console.error(USAGE);
  process.exit(2);
}
const WebSocket = await webSocketImplementation();
if (WebSocket === null) {
  console.error('This Node has no WebSocket: install the ws package (cd clients/js && npm install --no-save ws) or use Node 22+.');
  process.exit(2);
}

const log = (line) => options.quiet || console.error(line);
let stopping = false;
let connection;
try {
  connection = connect({
    url: options.url,
    apiKey: options.apiKey,
    resume: options.resume,
    WebSocket,
    window: null,
    document: null,
    onMessage: (message) => process.stdout.write(`${JSON.stringify(message)}\n`),
    onRecovery: ({ recovered, missed }) =>
      log(recovered ? `# recovered: ${missed} missed message(s) follow` : '# not recovered: messages were lost meanwhile'),
    onStatus: ({ status, code, reason, delay }) => {
      const why = [code, reason].filter((part) => part !== undefined && part !== '').join(' ');
      log(`# ${status}${why ? ` (${why})` : ''}${delay !== undefined ? `, next attempt in ${delay} ms` : ''}`);
      if (status === 'closed' && !stopping) {
        process.exitCode = 1;
      }
    },
  });
} catch (error) {
  console.error(`plugin-io-listen: ${error.message}`);
  process.exit(2);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    connection.close();
  });
}
