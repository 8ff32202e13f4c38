// The board's shell: logs in, then picks the view from the address (#shop, #ops) among those the account's roles
// allow, and starts each view the first time it shows.

import { auth } from './auth.js';
import { LoginView } from './login.js';
import { OpsView } from './ops.js';
import { ShopView } from './shop.js';

const views = {
  shop: new ShopView(document.getElementById('view-shop'), auth),
  ops: new OpsView(document.getElementById('view-ops'), auth),
};
const login = new LoginView(document.getElementById('view-login'), () => enter(true));
const loginRoot = document.getElementById('view-login');

/** Which views an account may open: the shop places orders (customers), operations watches all (staff). */
function allowed() {
  return {
    shop: auth.hasRole('CUSTOMER'),
    ops: auth.hasRole('OPS') || auth.hasRole('ANALYST'),
  };
}

let shown = null;

/** The view the address names; an address that names none (such as #main) keeps the view that is open. */
function current() {
  const may = allowed();
  const wanted = location.hash.replace(/^#/, '');
  if (may[wanted]) {
    return wanted;
  }
  if (shown && may[shown]) {
    return shown;
  }
  return may.shop ? 'shop' : 'ops';
}

function show() {
  if (!auth.me) {
    for (const view of Object.values(views)) {
      view.root.hidden = true;
    }
    loginRoot.hidden = false;
    document.title = 'Orders — log in';
    login.show();
    return;
  }
  loginRoot.hidden = true;
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
  shown = name;
  views[name].show();
  document.title = `Orders — ${name === 'ops' ? 'operations' : 'shop'}`;
}

/** Shows the account and the views it may open. */
function enter(moveFocus) {
  const may = allowed();
  document.getElementById('nav-shop-item').hidden = !may.shop;
  document.getElementById('nav-ops-item').hidden = !may.ops;
  document.getElementById('account-email').textContent = auth.me.email;
  document.getElementById('account-roles').textContent = auth.me.roles.map((r) => r.toLowerCase()).join(', ');
  document.getElementById('account').hidden = false;
  show();
  if (moveFocus) {
    document.getElementById('main').focus({ preventScroll: true });
  }
}

document.getElementById('logout').addEventListener('click', () => auth.logout());
// The skip link moves focus only; following its #main would change the address the views are chosen by.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', () => {
  show();
  // Keyboard and screen-reader users land on the new view, not on the link they left.
  document.getElementById('main').focus({ preventScroll: true });
});

if (await auth.restore()) {
  enter(false);
} else {
  show();
}
