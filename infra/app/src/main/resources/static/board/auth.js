// Login, sign-up and tokens. The tokens live in memory and in this tab's sessionStorage, so a reload keeps the
// login and closing the tab ends it. The access token is refreshed shortly before it expires and after any 401;
// refresh tokens are single-use, so concurrent refreshes share one request.

import { api, session } from './api.js';

const STORE = 'orders.board.tokens';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60000;

let refreshToken = null;
let refreshing = null;
let timer = null;

/** The logged-in account ({id, email, roles}) or null. */
export const auth = {
  me: null,

  hasRole(role) {
    return Boolean(this.me) && this.me.roles.includes(role);
  },

  /** Picks up the tokens this tab kept; answers whether they still work. */
  async restore() {
    const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (!saved) {
      return false;
    }
    session.token = saved.accessToken;
    refreshToken = saved.refreshToken;
    schedule(saved.expiresAt);
    try {
      // An expired access token is refreshed by api() on the 401.
      this.me = await api('/api/v1/auth/me');
      return true;
    } catch {
      forget();
      return false;
    }
  },

  async login(email, password) {
    accept(await api('/api/v1/auth/login', { method: 'POST', body: { email, password }, anonymous: true }));
    this.me = await api('/api/v1/auth/me');
  },

  /** Creates a customer account and logs in with it. */
  async register(email, password) {
    await api('/api/v1/auth/register', { method: 'POST', body: { email, password }, anonymous: true });
    await this.login(email, password);
  },

  /** Forgets the tokens; the page reloads so that no view keeps a stream open. */
  logout() {
    forget();
    location.reload();
  },
};

session.refresh = () => {
  if (!refreshToken) {
    return Promise.resolve(false);
  }
  if (!refreshing) {
    const used = refreshToken;
    refreshing = api('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken: used }, anonymous: true })
      .then((tokens) => {
        accept(tokens);
        return true;
      })
      .catch(() => {
        // The refresh token expired or was used elsewhere: back to the login.
        forget();
        location.reload();
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
};

function accept(tokens) {
  const expiresAt = Date.now() + tokens.expiresIn * 1000;
  session.token = tokens.accessToken;
  refreshToken = tokens.refreshToken;
  sessionStorage.setItem(STORE, JSON.stringify({
    accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt,
  }));
  schedule(expiresAt);
}

function schedule(expiresAt) {
  clearTimeout(timer);
  timer = setTimeout(() => session.refresh(), Math.max(1000, expiresAt - Date.now() - EARLY_MS));
}

function forget() {
  clearTimeout(timer);
  sessionStorage.removeItem(STORE);
  session.token = null;
  refreshToken = null;
  auth.me = null;
}
