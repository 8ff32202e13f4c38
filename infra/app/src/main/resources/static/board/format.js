// How the board writes money, times and statuses.

export const STATUSES = ['PLACED', 'STOCK_RESERVED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'];
export const TERMINAL = new Set(['DELIVERED', 'REJECTED', 'CANCELLED']);
/** Cancelling is allowed until the order ships. */
export const CANCELLABLE = new Set(['PLACED', 'STOCK_RESERVED', 'CONFIRMED']);

const LABELS = {
  PLACED: 'Placed',
  STOCK_RESERVED: 'Stock reserved',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
};

export function statusLabel(status) {
  return LABELS[status] || status;
}

export function money(cents, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export function time(instant) {
  return instant ? new Date(instant).toLocaleTimeString(undefined, { hour12: false }) : '';
}

export function shortId(id) {
  return id ? id.slice(0, 8) : '';
}

/** Customer ids are account ids (UUIDs) once people log in: their first block is enough to tell them apart. */
export function customerLabel(id) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id || '') ? id.slice(0, 8) : id;
}

/** The rejection reason in words, with the detail the saga recorded. */
export function rejection(view) {
  const reason = (view.rejectionReason || '').toLowerCase().replace(/_/g, ' ');
  return view.rejectionDetail ? `${reason}: ${view.rejectionDetail}` : reason;
}

/** Creates an element with attributes and children; text children become text nodes (never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}
