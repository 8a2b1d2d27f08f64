// plugin-io channel client: ES module, no dependencies, for browsers and Node.
export { connect, DEFAULT_WATCHDOG } from './client.js';
export { channelUrl } from './url.js';
export { DEFAULT_BACKOFF, backoffDelay, closePolicy } from './policy.js';
