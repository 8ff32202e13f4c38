// The board's shell: picks the view from the address (#shop, #ops) and starts each view the first time it shows.

import { ShopView } from './shop.js';
import { OpsView } from './ops.js';

const views = {
  shop: new ShopView(document.getElementById('view-shop')),
  ops: new OpsView(document.getElementById('view-ops')),
};

function current() {
  const name = location.hash.replace(/^#/, '');
  return views[name] ? name : 'shop';
}

function show() {
  const name = current();
  for (const [key, view] of Object.entries(views)) {
    const active = key === name;
    view.root.hidden = !active;
    const link = document.getElementById(`nav-${key}`);
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  views[name].show();
  document.title = `Orders — ${name === 'ops' ? 'operations' : 'shop'}`;
}

window.addEventListener('hashchange', () => {
  show();
  // Keyboard and screen-reader users land on the new view, not on the link they left.
  document.getElementById('main').focus({ preventScroll: true });
});
show();
