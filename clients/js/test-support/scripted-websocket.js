// Loaded with `node --import` before the CLI: a global WebSocket that plays a short server script.
// It reports the URL it was opened with on stderr, accepts, sends the frames of
// $SCRIPTED_FRAMES (a JSON array), then closes with $SCRIPTED_CLOSE_CODE.

globalThis.WebSocket = class ScriptedWebSocket {
  constructor(url) {
    process.stderr.write(`scripted url ${url}\n`);
    const frames = JSON.parse(process.env.SCRIPTED_FRAMES ?? '[]');
    const code = Number(process.env.SCRIPTED_CLOSE_CODE ?? 1000);
    setTimeout(() => {
      this.onopen?.({});
      for (const frame of frames) {
        this.onmessage?.({ data: JSON.stringify(frame) });
      }
      this.onclose?.({ code, reason: process.env.SCRIPTED_CLOSE_REASON ?? '' });
    }, 0);
  }

  close() {}
};
