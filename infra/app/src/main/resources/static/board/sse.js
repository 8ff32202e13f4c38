// A server-sent events client on fetch. EventSource cannot send an Authorization header, so the board reads the
// stream itself: it sends the token and Last-Event-ID on every (re)connect, parses the event-stream format, and
// shows its connection state so a dropped connection is visible as "reconnecting" instead of silently stale.

/** Parses the text/event-stream format (id, event, data, retry, comments) from chunks split anywhere. */
export class SseParser {
  constructor({ onEvent = () => {}, onComment = () => {}, onRetry = () => {} } = {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.onRetry = onRetry;
    this.buffer = '';
    this.firstChunk = true;
    this.lastEventId = '';
    this.resetEvent();
  }

  resetEvent() {
    this.eventType = '';
    this.data = [];
    this.sawField = false;
  }

  /** Feeds decoded text; complete lines are processed at once, a trailing partial line waits for more. */
  push(text) {
    if (this.firstChunk && text.length > 0) {
      this.firstChunk = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') {
        continue;
      }
      // A CR at the very end may be the first half of CRLF: wait for the next chunk to decide.
      if (c === '\r' && i === this.buffer.length - 1) {
        break;
      }
      this.line(this.buffer.slice(start, i));
      if (c === '\r' && this.buffer[i + 1] === '\n') {
        i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'data':
        this.data.push(value);
        this.sawField = true;
        break;
      case 'event':
        this.eventType = value;
        this.sawField = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.lastEventId = value;
          this.sawField = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.onRetry(Number(value));
        }
        break;
      default:
        // Unknown fields are ignored, as the format requires.
    }
  }

  dispatch() {
    // Unlike EventSource, a block without data but with an event name or id is still delivered: the server's
    // data-less "ready" event marks where a stream starts.
    if (this.sawField) {
      this.onEvent({
        id: this.lastEventId,
        type: this.eventType || 'message',
        data: this.data.length > 0 ? this.data.join('\n') : null,
      });
    }
    this.resetEvent();
  }
}

/** Connection states a stream reports, in the order a healthy stream goes through them. */
export const StreamState = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  RECONNECTING: 'reconnecting',
  CLOSED: 'closed',
  FAILED: 'failed',
});

/**
 * One logical stream that reconnects until closed. Each connection sends Last-Event-ID (the id of the last event
 * it delivered) so the server replays exactly what was missed. A 204 answer ends it (the server has nothing more),
 * a 401 asks {@code onUnauthorized} for a fresh token first, other 4xx answers fail it; network errors, 5xx and
 * a connection that stays silent longer than {@code idleTimeoutMs} (the server sends heartbeats) reconnect with
 * jittered exponential back-off.
 */
export class EventStream {
  constructor({
    url,
    headers = () => ({}),
    onEvent,
    onState = () => {},
    onUnauthorized = async () => false,
    lastEventId = null,
    retryMs = 1000,
    maxRetryMs = 15000,
    idleTimeoutMs = 45000,
    fetchImpl = (...args) => fetch(...args),
  }) {
    Object.assign(this, { url, headers, onEvent, onState, onUnauthorized, retryMs, maxRetryMs, idleTimeoutMs, fetchImpl });
    this.lastEventId = lastEventId;
    this.closed = false;
    this.attempt = 0;
    this.controller = null;
    this.state = null;
  }

  start() {
    this.run();
    return this;
  }

  /** Stops for good; no reconnect follows. */
  close() {
    this.closed = true;
    if (this.controller) {
      this.controller.abort();
    }
    this.setState(StreamState.CLOSED);
  }

  setState(state, detail = {}) {
    if (this.state === state || this.state === StreamState.CLOSED || this.state === StreamState.FAILED) {
      return;
    }
    this.state = state;
    this.onState(state, { attempt: this.attempt, ...detail });
  }

  async run() {
    while (!this.closed) {
      this.setState(this.attempt === 0 ? StreamState.CONNECTING : StreamState.RECONNECTING);
      let outcome;
      try {
        outcome = await this.connectOnce();
      } catch (error) {
        outcome = { retry: true, reason: error && error.message ? error.message : String(error) };
      }
      if (this.closed) {
        return;
      }
      if (outcome.end) {
        this.close();
        return;
      }
      if (outcome.fail) {
        this.setState(StreamState.FAILED, { reason: outcome.reason });
        this.closed = true;
        return;
      }
      this.attempt++;
      this.setState(StreamState.RECONNECTING, { reason: outcome.reason });
      await this.pause(this.backoff());
    }
  }

  backoff() {
    const exponential = Math.min(this.maxRetryMs, this.retryMs * 2 ** Math.max(0, this.attempt - 1));
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async connectOnce() {
    const controller = new AbortController();
    this.controller = controller;
    const headers = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache', ...this.headers() };
    if (this.lastEventId !== null && this.lastEventId !== '') {
      headers['Last-Event-ID'] = this.lastEventId;
    }
    const response = await this.fetchImpl(this.url, { headers, signal: controller.signal, cache: 'no-store' });
    if (response.status === 204) {
      return { end: true };
    }
    if (response.status === 401 && (await this.onUnauthorized())) {
      return { retry: true, reason: 'token refreshed' };
    }
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      return retryable ? { retry: true, reason: `HTTP ${response.status}` } : { fail: true, reason: `HTTP ${response.status}` };
    }
    const type = response.headers.get('Content-Type') || '';
    if (!type.startsWith('text/event-stream')) {
      return { fail: true, reason: `unexpected content type ${type}` };
    }
    return this.read(response.body, controller);
  }

  async read(body, controller) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let idle = null;
    const armWatchdog = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), this.idleTimeoutMs);
    };
    const parser = new SseParser({
      onEvent: (event) => {
        if (this.closed) {
          return;
        }
        if (event.id !== '') {
          this.lastEventId = event.id;
        }
        this.onEvent(event);
      },
      onRetry: (ms) => {
        this.retryMs = ms;
      },
    });
    armWatchdog();
    this.setState(StreamState.OPEN);
    let delivered = false;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        armWatchdog();
        parser.push(decoder.decode(value, { stream: true }));
        if (!delivered) {
          // A connection that carried data proves the server is back: the next failure starts the back-off anew.
          delivered = true;
          this.attempt = 0;
        }
      }
      parser.push(decoder.decode());
      return { retry: true, reason: 'stream ended' };
    } finally {
      clearTimeout(idle);
      reader.cancel().catch(() => {});
    }
  }
}
