// The operators' view: every order in a column by status, live from the all-orders stream; stock per SKU with
// reserved amounts; recent rejections; ship and deliver buttons.

import { allPages, api } from './api.js';
import { followOrders, OrderBook } from './orders.js';
import { toast } from './status.js';
import { customerLabel, el, money, rejection, shortId, STATUSES, statusLabel, time } from './format.js';

const CARDS_PER_COLUMN = 100;
const REJECTIONS_SHOWN = 10;
const STOCK_REFRESH_MS = 10000;
const ACTIONS = { CONFIRMED: ['ship', 'Ship'], SHIPPED: ['deliver', 'Deliver'] };

/** Orders as columns by status, stock and rejections, all kept current while the view is open. */
export class OpsView {
  constructor(root, auth) {
    this.root = root;
    this.auth = auth;
    this.started = false;
    this.book = new OrderBook();
    this.stockRows = new Map();
  }

  show() {
    if (!this.started) {
      this.started = true;
      this.render();
      this.follow();
      setInterval(() => {
        if (!this.root.hidden) {
          this.loadStock();
        }
      }, STOCK_REFRESH_MS);
    }
    this.loadStock();
  }

  render() {
    this.columns = new Map();
    const columns = STATUSES.map((status) => {
      const count = el('span', { class: 'count' }, '0');
      const cards = el('ol', { class: 'cards', 'aria-labelledby': `col-${status}` });
      this.columns.set(status, { cards, count });
      return el('section', { class: 'column', 'data-status': status, 'aria-labelledby': `col-${status}` },
        el('h4', { id: `col-${status}`, class: `column-title status-${status}` }, statusLabel(status), ' ', count),
        cards);
    });

    this.stockBody = el('tbody', { id: 'stock-rows' });
    const stock = el('section', { class: 'panel', 'aria-labelledby': 'stock-title' },
      el('h3', { id: 'stock-title' }, 'Stock'),
      el('div', { class: 'table-scroll stock-scroll' },
        el('table', { class: 'stock' },
          el('caption', { class: 'sr-only' }, 'Stock per SKU: on hand, reserved by open orders, and available'),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'SKU'), el('th', { scope: 'col' }, 'Name'),
            el('th', { scope: 'col', class: 'num' }, 'On hand'), el('th', { scope: 'col', class: 'num' }, 'Reserved'),
            el('th', { scope: 'col', class: 'num' }, 'Available'))),
          this.stockBody)),
      this.operator() ? this.catalogueForms() : null);

    this.rejections = el('ol', { id: 'rejections', class: 'rejections' });
    const rejections = el('section', { class: 'panel', 'aria-labelledby': 'rejections-title' },
      el('h3', { id: 'rejections-title' }, 'Recent rejections'), el('div', { class: 'list-scroll' }, this.rejections));

    this.root.replaceChildren(
      el('h2', { id: 'ops-title', class: 'sr-only' }, 'Operations'),
      el('section', { class: 'board', 'aria-label': 'Orders by status' }, el('div', { class: 'columns' }, columns)),
      el('div', { class: 'ops-grid' }, stock, rejections));
  }

  catalogueForms() {
    const field = (id, label, attributes) => el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, name: id, ...attributes }));
    const create = el('form', { id: 'product-form', class: 'inline-form', onsubmit: (e) => {
      e.preventDefault();
      this.createProduct(e.target);
    } },
    field('new-sku', 'SKU', { required: true, pattern: '[A-Za-z0-9._-]+', autocomplete: 'off' }),
    field('new-name', 'Name', { required: true, autocomplete: 'off' }),
    field('new-price', 'Price (cents)', { type: 'number', min: 1, required: true, inputmode: 'numeric' }),
    field('new-currency', 'Currency', { value: 'EUR', required: true, pattern: '[A-Z]{3}', size: 3 }),
    field('new-stock', 'Initial stock', { type: 'number', min: 0, value: 10, required: true, inputmode: 'numeric' }),
    el('button', { type: 'submit' }, 'Add product'));
    const restock = el('form', { id: 'restock-form', class: 'inline-form', onsubmit: (e) => {
      e.preventDefault();
      this.restock(e.target);
    } },
    field('restock-sku', 'SKU', { required: true, autocomplete: 'off' }),
    field('restock-quantity', 'Quantity', { type: 'number', min: 1, value: 10, required: true, inputmode: 'numeric' }),
    el('button', { type: 'submit' }, 'Restock'));
    return el('details', { class: 'manage' }, el('summary', {}, 'Manage catalogue'), create, restock);
  }

  operator() {
    return this.auth.hasRole('OPS');
  }

  follow() {
    this.stream = followOrders({
      name: 'all-orders',
      path: '/api/v1/orders/updates',
      // The newest orders, and those waiting for an operator or recently rejected even when older.
      snapshots: ['/api/v1/orders?limit=200', '/api/v1/orders?status=CONFIRMED&limit=200',
        '/api/v1/orders?status=SHIPPED&limit=200', `/api/v1/orders?status=REJECTED&limit=${REJECTIONS_SHOWN}`],
      onView: (view) => {
        const previous = this.book.get(view.orderId);
        if (this.book.apply(view)) {
          this.place(view, previous);
          if (view.status === 'REJECTED') {
            this.showRejections();
          }
          this.scheduleStock();
        }
      },
      onError: (error) => toast(`Orders: ${error.message}`),
    });
  }

  /** Puts the order's card in its status column, keeping keyboard focus on it when it moves. */
  place(view, previous) {
    let card = this.root.querySelector(`li.card[data-order-id="${view.orderId}"]`);
    const hadFocus = card && card.contains(document.activeElement);
    if (card) {
      card.remove();
    }
    card = this.card(view);
    const { cards } = this.columns.get(view.status);
    const later = Array.from(cards.children).find((other) => other.dataset.placedAt < view.placedAt);
    cards.insertBefore(card, later || null);
    while (cards.children.length > CARDS_PER_COLUMN) {
      cards.lastElementChild.remove();
    }
    if (hadFocus) {
      (card.querySelector('button') || card).focus({ preventScroll: true });
    }
    for (const status of new Set([view.status, previous && previous.status].filter(Boolean))) {
      const column = this.columns.get(status);
      column.count.textContent = column.cards.children.length;
    }
  }

  card(view) {
    const items = view.lines.reduce((sum, line) => sum + line.quantity, 0);
    // Analysts watch; only operators ship and deliver.
    const action = this.operator() ? ACTIONS[view.status] : null;
    return el('li', { class: 'card', tabindex: -1, 'data-order-id': view.orderId, 'data-status': view.status,
      'data-placed-at': view.placedAt, 'aria-label': `Order ${shortId(view.orderId)}, ${statusLabel(view.status)}` },
    el('p', { class: 'card-head' }, el('span', { class: 'mono' }, shortId(view.orderId)), el('time', {}, time(view.updatedAt))),
    el('p', { class: 'card-body customer', title: view.customerId }, customerLabel(view.customerId)),
    el('p', { class: 'card-body' }, el('span', {}, `${items} item${items === 1 ? '' : 's'}`),
      el('span', { class: 'num' }, money(view.totalCents, view.currency))),
    view.status === 'REJECTED' ? el('p', { class: 'card-note' }, rejection(view)) : null,
    action ? el('button', { type: 'button', class: 'card-action', 'data-action': action[0],
      onclick: (e) => this.step(view.orderId, action[0], e.currentTarget) }, action[1]) : null);
  }

  async step(orderId, step, button) {
    // aria-disabled rather than disabled: a disabled button drops keyboard focus, and focus should follow the card.
    if (button.getAttribute('aria-disabled') === 'true') {
      return;
    }
    button.setAttribute('aria-disabled', 'true');
    const label = button.textContent;
    button.textContent = `${label}…`;
    try {
      // The card moves when the change arrives on the stream, not because this call answered.
      await api(`/api/v1/orders/${encodeURIComponent(orderId)}/${step}`, { method: 'POST' });
    } catch (error) {
      toast(`Could not ${step} ${shortId(orderId)}: ${error.message}`);
      button.removeAttribute('aria-disabled');
      button.textContent = label;
    }
  }

  showRejections() {
    const items = this.book.list((view) => view.status === 'REJECTED').slice(0, REJECTIONS_SHOWN)
      .map((view) => el('li', { 'data-order-id': view.orderId, 'data-reason': view.rejectionReason },
        el('time', {}, time(view.updatedAt)), ' ', el('span', { class: 'mono' }, shortId(view.orderId)), ' ',
        el('span', { class: 'customer', title: view.customerId }, customerLabel(view.customerId)), el('span', { class: 'reason' }, rejection(view))));
    this.rejections.replaceChildren(...items);
  }

  scheduleStock() {
    clearTimeout(this.stockTimer);
    this.stockTimer = setTimeout(() => this.loadStock(), 400);
  }

  async loadStock() {
    try {
      (await allPages('/api/v1/products?limit=200')).forEach((product) => this.showStock(product));
    } catch (error) {
      toast(`Stock: ${error.message}`);
    }
  }

  /** Updates a row's cells in place: rows never re-render, so the table does not jump. */
  showStock(product) {
    let row = this.stockRows.get(product.sku);
    if (!row) {
      row = {
        onHand: el('td', { class: 'num' }), reserved: el('td', { class: 'num' }), available: el('td', { class: 'num' }),
      };
      const tr = el('tr', { 'data-sku': product.sku }, el('th', { scope: 'row', class: 'mono' }, product.sku),
        el('td', {}, product.name), row.onHand, row.reserved, row.available);
      const later = Array.from(this.stockBody.children).find((other) => other.dataset.sku > product.sku);
      this.stockBody.insertBefore(tr, later || null);
      this.stockRows.set(product.sku, row);
    }
    row.onHand.textContent = product.onHand;
    row.reserved.textContent = product.reserved;
    row.available.textContent = product.available;
  }

  async createProduct(form) {
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    try {
      const product = await api('/api/v1/products', { method: 'POST', body: {
        sku: value('new-sku'), name: value('new-name'), priceCents: Number(value('new-price')),
        currency: value('new-currency'), initialStock: Number(value('new-stock')),
      } });
      this.showStock(product);
      toast(`Added ${product.sku}`);
      form.reset();
    } catch (error) {
      toast(`Add product: ${error.message}`);
    }
  }

  async restock(form) {
    const sku = form.querySelector('#restock-sku').value.trim();
    try {
      await api(`/api/v1/products/${encodeURIComponent(sku)}/restock`, { method: 'POST',
        body: { quantity: Number(form.querySelector('#restock-quantity').value) } });
      toast(`Restocked ${sku}`);
      this.scheduleStock();
    } catch (error) {
      toast(`Restock: ${error.message}`);
    }
  }
}
