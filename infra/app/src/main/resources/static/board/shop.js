// The shopper's view: pick products, place an order with a test card, and watch its timeline advance over the
// order's own SSE stream; cancel while that is allowed.

import { allPages, api, randomKey, stream } from './api.js';
import { followOrders, OrderBook } from './orders.js';
import { trackStream, toast } from './status.js';
import { CANCELLABLE, el, money, rejection, shortId, statusLabel, TERMINAL, time } from './format.js';

const STEPS = ['PLACED', 'STOCK_RESERVED', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];
const TEST_CARDS = [
  ['tok_approve', 'Approved card (tok_approve)'],
  ['tok_decline', 'Declined card (tok_decline)'],
  ['tok_slow', 'Slow provider (tok_slow)'],
  ['tok_flaky', 'Flaky provider (tok_flaky)'],
];

/** The shop: catalogue and cart, the watched order's timeline, and the customer's recent orders. */
export class ShopView {
  constructor(root, auth) {
    this.root = root;
    this.auth = auth;
    this.started = false;
    this.products = new Map();
    this.book = new OrderBook();
    this.orderStream = null;
    this.ordersStream = null;
    this.watched = null;
    this.idempotencyKey = null;
  }

  show() {
    if (this.started) {
      return;
    }
    this.started = true;
    this.render();
    this.loadCatalogue();
    this.followCustomer();
  }

  render() {
    this.catalogueBody = el('tbody', { id: 'catalogue-rows' });
    this.cardSelect = el('select', { id: 'payment-token', name: 'paymentToken', onchange: () => this.cartChanged() },
      TEST_CARDS.map(([value, label]) => el('option', { value }, label)));
    this.cartTotal = el('output', { id: 'cart-total', for: 'catalogue-rows' }, '—');
    this.placeButton = el('button', { id: 'place-order', type: 'submit', class: 'primary' }, 'Place order');
    this.placeError = el('p', { id: 'place-error', class: 'form-error', 'aria-live': 'polite' });

    const form = el('form', { id: 'order-form', class: 'panel', 'aria-labelledby': 'catalogue-title', onsubmit: (e) => {
      e.preventDefault();
      this.placeOrder();
    } },
    el('h3', { id: 'catalogue-title' }, 'Catalogue'),
    el('div', { class: 'table-scroll catalogue-scroll' },
      el('table', { class: 'catalogue' },
        el('caption', { class: 'sr-only' }, 'Products with price, available stock and the quantity to order'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Product'), el('th', { scope: 'col', class: 'num' }, 'Price'),
          el('th', { scope: 'col', class: 'num' }, 'Available'), el('th', { scope: 'col', class: 'num' }, 'Quantity'))),
        this.catalogueBody)),
    el('div', { class: 'field' }, el('label', { for: 'payment-token' }, 'Payment (test card)'), this.cardSelect),
    el('p', { class: 'cart-line' }, 'Total ', this.cartTotal),
    this.placeButton,
    this.placeError);

    this.watchTitle = el('p', { id: 'watched-order', class: 'watched' }, 'Place an order or pick one of yours to watch it here.');
    this.timeline = el('ol', { id: 'timeline', class: 'timeline', 'aria-label': 'Order timeline' },
      STEPS.map((status) => el('li', { 'data-status': status, 'data-state': 'pending' },
        el('span', { class: 'step-name' }, statusLabel(status)), el('span', { class: 'step-time' }, ''))),
      el('li', { 'data-status': 'END', 'data-state': 'pending', class: 'step-end' },
        el('span', { class: 'step-name' }, 'Rejected or cancelled'), el('span', { class: 'step-time' }, '')));
    this.outcome = el('p', { id: 'outcome', class: 'outcome', 'aria-live': 'polite' });
    this.cancelButton = el('button', { id: 'cancel-order', type: 'button', disabled: true, onclick: () => this.cancel() }, 'Cancel order');
    this.eventLog = el('ol', { id: 'event-log', class: 'event-log', 'aria-label': 'Updates received' });

    const watch = el('section', { class: 'panel', 'aria-labelledby': 'watch-title' },
      el('h3', { id: 'watch-title' }, 'Your order, live'),
      this.watchTitle, this.timeline, this.outcome, this.cancelButton,
      el('h4', {}, 'Updates received'), el('div', { class: 'log-scroll' }, this.eventLog));

    this.myOrders = el('ul', { id: 'my-orders', class: 'my-orders' });
    const mine = el('section', { class: 'panel', 'aria-labelledby': 'mine-title' },
      el('h3', { id: 'mine-title' }, 'Your recent orders'), el('div', { class: 'list-scroll' }, this.myOrders));

    this.root.replaceChildren(el('h2', { id: 'shop-title', class: 'sr-only' }, 'Shop'),
      el('div', { class: 'shop-grid' }, form, watch, mine));
  }

  async loadCatalogue() {
    try {
      const products = await allPages('/api/v1/products?limit=200');
      for (const product of products) {
        this.showProduct(product);
      }
      if (products.length === 0) {
        this.catalogueBody.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, 'No products yet: add some in Operations.')));
      }
    } catch (error) {
      toast(`Catalogue: ${error.message}`);
    }
  }

  showProduct(product) {
    const known = this.products.get(product.sku);
    if (known) {
      known.product = product;
      known.available.textContent = product.available;
      known.quantity.max = product.available;
      return;
    }
    const quantity = el('input', {
      type: 'number', min: 0, max: product.available, step: 1, value: 0, inputmode: 'numeric',
      id: `qty-${product.sku}`, 'data-sku': product.sku, 'aria-label': `Quantity of ${product.name}`,
      oninput: () => this.cartChanged(),
    });
    const available = el('td', { class: 'num' }, product.available);
    const row = el('tr', { 'data-sku': product.sku },
      el('th', { scope: 'row' }, el('span', { class: 'product-name' }, product.name), el('span', { class: 'sku' }, product.sku)),
      el('td', { class: 'num' }, money(product.priceCents, product.currency)), available, el('td', { class: 'num' }, quantity));
    if (this.products.size === 0) {
      this.catalogueBody.replaceChildren();
    }
    this.catalogueBody.append(row);
    this.products.set(product.sku, { product, quantity, available });
  }

  cart() {
    return Array.from(this.products.values())
      .map(({ product, quantity }) => ({ product, quantity: Number.parseInt(quantity.value, 10) || 0 }))
      .filter((line) => line.quantity > 0);
  }

  cartChanged() {
    // A changed cart is a new checkout; an unchanged one re-sent after an error keeps its key and so its order.
    this.idempotencyKey = null;
    const lines = this.cart();
    if (lines.length === 0) {
      this.cartTotal.textContent = '—';
      return;
    }
    const currency = lines[0].product.currency;
    const cents = lines.reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);
    this.cartTotal.textContent = money(cents, currency);
  }

  async placeOrder() {
    const lines = this.cart();
    this.placeError.textContent = '';
    if (lines.length === 0) {
      this.placeError.textContent = 'Choose a quantity for at least one product.';
      return;
    }
    this.idempotencyKey = this.idempotencyKey || randomKey();
    this.placeButton.disabled = true;
    try {
      // The customer is the logged-in account: the server takes it from the token.
      const body = {
        lines: lines.map((line) => ({ sku: line.product.sku, quantity: line.quantity })),
        paymentToken: this.cardSelect.value,
      };
      const placed = await api('/api/v1/orders', { method: 'POST', body, headers: { 'Idempotency-Key': this.idempotencyKey } });
      this.idempotencyKey = null;
      for (const { quantity } of this.products.values()) {
        quantity.value = 0;
      }
      this.cartChanged();
      this.watch(placed.orderId);
    } catch (error) {
      this.placeError.textContent = error.message;
    } finally {
      this.placeButton.disabled = false;
    }
  }

  /** Follows one order's stream; each update's id is the order's event sequence, its view carries the version. */
  watch(orderId) {
    if (this.orderStream) {
      this.orderStream.close();
    }
    this.watched = { orderId, version: -1, status: null };
    this.watchTitle.textContent = `Order ${shortId(orderId)}`;
    this.watchTitle.dataset.orderId = orderId;
    this.eventLog.replaceChildren();
    this.outcome.textContent = '';
    this.cancelButton.disabled = true;
    for (const step of this.timeline.children) {
      step.dataset.state = 'pending';
      step.querySelector('.step-time').textContent = '';
    }
    this.timeline.querySelector('[data-status="END"] .step-name').textContent = 'Rejected or cancelled';
    const report = trackStream('order');
    const watched = this.watched;
    this.orderStream = stream(`/api/v1/orders/${encodeURIComponent(orderId)}/updates`, {
      onState: report,
      onEvent: (event) => {
        if (event.data === null || this.watched !== watched) {
          return;
        }
        const view = JSON.parse(event.data);
        if (view.version <= watched.version) {
          return;
        }
        watched.version = view.version;
        this.showUpdate(event.id, view);
        if (TERMINAL.has(view.status)) {
          this.orderStream.close();
        }
      },
    });
  }

  showUpdate(id, view) {
    this.watched.status = view.status;
    this.eventLog.append(el('li', { 'data-id': id, 'data-status': view.status },
      el('span', { class: 'log-id' }, `#${id}`), ` ${statusLabel(view.status)} `, el('time', {}, time(view.updatedAt))));
    this.eventLog.parentElement.scrollTop = this.eventLog.parentElement.scrollHeight;
    this.watchTitle.textContent = `Order ${shortId(view.orderId)} · ${money(view.totalCents, view.currency)} · ${statusLabel(view.status)}`;

    const reached = STEPS.indexOf(view.status);
    const ended = reached < 0;
    for (const step of this.timeline.children) {
      const status = step.dataset.status;
      const index = STEPS.indexOf(status);
      if (status === view.status || (status === 'END' && ended)) {
        step.dataset.state = view.status === 'REJECTED' || view.status === 'CANCELLED' ? 'failed' : 'done';
        step.querySelector('.step-time').textContent = time(view.updatedAt);
      } else if (index >= 0 && !ended && index < reached && step.dataset.state === 'pending') {
        // A stream that started late still shows the steps the order must have passed.
        step.dataset.state = 'done';
      } else if (index >= 0 && ended && step.dataset.state === 'pending') {
        step.dataset.state = 'skipped';
      }
    }
    if (ended) {
      const end = this.timeline.querySelector('[data-status="END"] .step-name');
      end.textContent = statusLabel(view.status);
    }
    if (view.status === 'REJECTED') {
      this.outcome.textContent = `Rejected: ${rejection(view)}`;
    } else if (view.status === 'CANCELLED') {
      this.outcome.textContent = `Cancelled${view.cancellationReason ? `: ${view.cancellationReason}` : ''}`;
    } else {
      this.outcome.textContent = statusLabel(view.status);
    }
    this.outcome.dataset.status = view.status;
    this.cancelButton.disabled = !CANCELLABLE.has(view.status);
  }

  async cancel() {
    if (!this.watched) {
      return;
    }
    this.cancelButton.disabled = true;
    try {
      await api(`/api/v1/orders/${encodeURIComponent(this.watched.orderId)}/cancel`, {
        method: 'POST', body: { reason: 'cancelled by the customer on the board' },
      });
    } catch (error) {
      toast(error.message);
      this.cancelButton.disabled = !CANCELLABLE.has(this.watched.status);
    }
  }

  /** The customer's recent orders, kept current by their change stream. */
  followCustomer() {
    if (this.ordersStream) {
      this.ordersStream.close();
    }
    this.book = new OrderBook();
    this.myOrders.replaceChildren();
    // Named explicitly: for an account that is also staff, no customerId would mean every customer's orders.
    const customer = `customerId=${encodeURIComponent(this.auth.me.id)}`;
    const book = this.book;
    this.ordersStream = followOrders({
      name: 'customer',
      path: `/api/v1/orders/updates?${customer}`,
      snapshots: [`/api/v1/orders?limit=20&${customer}`],
      onView: (view) => {
        if (this.book === book && book.apply(view)) {
          this.showMyOrders(view);
          this.refreshStock();
        }
      },
      onError: (error) => toast(`Your orders: ${error.message}`),
    });
  }

  /** Updates rows in place and inserts new ones by placing time, so the list never reshuffles under the pointer. */
  showMyOrders(view) {
    let row = this.myOrders.querySelector(`li[data-order-id="${view.orderId}"]`);
    if (!row) {
      row = el('li', { 'data-order-id': view.orderId, 'data-placed-at': view.placedAt },
        el('button', { type: 'button', class: 'link', onclick: () => this.watch(view.orderId) },
          el('span', { class: 'mono' }, shortId(view.orderId)), el('span', { class: 'badge' }),
          el('span', { class: 'num' }, money(view.totalCents, view.currency))));
      const later = Array.from(this.myOrders.children).find((other) => other.dataset.placedAt < view.placedAt);
      this.myOrders.insertBefore(row, later || null);
      while (this.myOrders.children.length > 50) {
        this.myOrders.lastElementChild.remove();
      }
    }
    row.dataset.status = view.status;
    const badge = row.querySelector('.badge');
    badge.className = `badge status-${view.status}`;
    badge.textContent = statusLabel(view.status);
    row.querySelector('button').setAttribute('aria-label', `Watch order ${shortId(view.orderId)}, ${statusLabel(view.status)}`);
  }

  /** Orders move stock: re-read available amounts shortly after a change (the catalogue is a projection). */
  refreshStock() {
    // Twice: the catalogue projection may still lag the order view at the first read.
    clearTimeout(this.stockTimer);
    clearTimeout(this.stockLateTimer);
    this.stockTimer = setTimeout(() => this.loadCatalogue(), 400);
    this.stockLateTimer = setTimeout(() => this.loadCatalogue(), 2000);
  }
}
