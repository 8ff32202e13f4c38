// Keeps a set of order views current from a list read and a change stream, whichever arrives first.

import { api, stream } from './api.js';
import { trackStream } from './status.js';

/** Order views by id; a view replaces another only when its version is newer, so repeats and late reads are harmless. */
export class OrderBook {
  constructor() {
    this.views = new Map();
  }

  /** Answers whether the view changed the book. */
  apply(view) {
    const known = this.views.get(view.orderId);
    if (known && known.version >= view.version) {
      return false;
    }
    this.views.set(view.orderId, view);
    return true;
  }

  get(orderId) {
    return this.views.get(orderId);
  }

  /** Views passing {@code filter}, most recently changed first. */
  list(filter = () => true) {
    return Array.from(this.views.values()).filter(filter)
      .sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || '') || b.orderId.localeCompare(a.orderId));
  }
}

/**
 * Follows a change stream (GET /api/v1/orders/updates…) into {@code onView}. The stream is opened first and the
 * lists in {@code snapshots} are read only after its "ready" event: every change after that position comes from
 * the stream, everything before it is in the lists, so nothing falls between the two. A reconnect resumes from
 * the last change seen and needs no new read.
 */
export function followOrders({ path, snapshots, onView, name, onState = () => {}, onError = () => {} }) {
  const report = trackStream(name);
  let lastId = -1;
  return stream(path, {
    onState: (state, detail) => {
      report(state, detail);
      onState(state, detail);
    },
    onEvent: async (event) => {
      if (event.type === 'ready') {
        for (const snapshot of snapshots) {
          try {
            const page = await api(snapshot);
            page.items.forEach(onView);
          } catch (error) {
            onError(error);
          }
        }
        return;
      }
      const id = Number(event.id);
      if (event.data === null || id <= lastId) {
        return;
      }
      lastId = id;
      onView(JSON.parse(event.data));
    },
  });
}
