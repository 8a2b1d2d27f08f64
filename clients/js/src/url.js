// Builds plugin-io channel URLs: wss://<host>/plugin-io/ws/<plugin>/<channel>/?api_key=..&since=..&epoch=..

const PLUGIN_NAME = /^[A-Za-z0-9_]+$/;
const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** The query parameters this client owns; any value they have in a given URL is replaced. */
const POSITION_PARAMETERS = ['since', 'epoch'];

/**
 * The WebSocket URL of a channel.
 *
 * Either `url` (a ws:, wss:, http: or https: URL of the channel; http(s) is turned into ws(s)), or
 * `plugin` and `channel` with an optional `host`. `host` is a bare `name[:port]` or an origin with a
 * scheme (`https://canvas.example.com`); a bare host uses wss unless `secure` is false, and without
 * `secure` follows the page's protocol in a browser. In a browser `host` defaults to the page's
 * host.
 *
 * `apiKey` adds `api_key`; `since` (an offset or "latest") and `epoch` add the resume position.
 */
export function channelUrl({ url, host, plugin, channel, secure, apiKey, since, epoch } = {}) {
  const target = url !== undefined ? fromUrl(url) : fromParts(host, plugin, channel, secure);
  if (apiKey !== undefined && apiKey !== null && apiKey !== '') {
    target.searchParams.set('api_key', String(apiKey));
  }
  for (const name of POSITION_PARAMETERS) {
    target.searchParams.delete(name);
  }
  if (since !== undefined && since !== null) {
    target.searchParams.set('since', String(since));
    if (epoch !== undefined && epoch !== null) {
      target.searchParams.set('epoch', String(epoch));
    }
  }
  return target.toString();
}

function fromUrl(url) {
  const target = new URL(String(url));
  const scheme = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' }[target.protocol];
  if (scheme === undefined) {
    throw new TypeError(`Not a WebSocket URL: ${target.protocol}`);
  }
  target.protocol = scheme;
  return target;
}

function fromParts(host, plugin, channel, secure) {
  if (typeof plugin !== 'string' || !PLUGIN_NAME.test(plugin)) {
    throw new TypeError('Invalid plugin name: letters, digits and underscores only');
  }
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel)) {
    throw new TypeError('Invalid channel name: letters, digits, underscores and hyphens, at most 100');
  }
  const origin = originOf(host ?? globalThis.location?.host, secure);
  return new URL(`/plugin-io/ws/${plugin}/${channel}/`, origin);
}

function originOf(host, secure) {
  if (typeof host !== 'string' || host === '') {
    throw new TypeError('No host: pass url, or host with plugin and channel');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    return fromUrl(host).origin;
  }
  const pageIsSecure = globalThis.location?.protocol !== undefined
    ? globalThis.location.protocol === 'https:'
    : true;
  return `${(secure ?? pageIsSecure) ? 'wss' : 'ws'}://${host}`;
}
