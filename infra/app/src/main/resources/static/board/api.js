// The board's one way to call the API: JSON in and out, problem details turned into readable errors, and the
// caller's credentials added to every request (also to the event streams, see sse.js).

import { EventStream } from './sse.js';

/** An API answer that was not 2xx; {@code problem} is the RFC 9457 body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The caller's credentials; auth.js fills them in. */
export const session = {
  token: null,
  /** Called on a 401 to get a fresh token; answers whether it did. */
  refresh: async () => false,
};

function authHeaders() {
  return session.token ? { Authorization: `Bearer ${session.token}` } : {};
}

/** Calls the API; answers the parsed JSON body (null when there is none) or throws an ApiError. */
export async function api(path, { method = 'GET', body, headers = {}, anonymous = false, retried = false } = {}) {
  // Login and refresh go without a token: a stale one would fail them.
  const init = { method, headers: { Accept: 'application/json', ...(anonymous ? {} : authHeaders()), ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && !anonymous && !retried && (await session.refresh())) {
    return api(path, { method, body, headers, retried: true });
  }
  const text = await response.text();
  const json = text ? parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

/** Every item of a cursor-paged list ({items, nextCursor}), reading at most {@code maxPages} pages. */
export async function allPages(path, maxPages = 10) {
  const items = [];
  let cursor = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < maxPages);
  return items;
}

/** An SSE stream of the API with the caller's credentials; see EventStream for the options. */
export function stream(path, options) {
  return new EventStream({
    url: path,
    headers: authHeaders,
    onUnauthorized: () => session.refresh(),
    ...options,
  }).start();
}

/** A random key for Idempotency-Key; crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
export function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
