// The login view: log in, or create a customer account and log in with it.

import { auth } from './auth.js';
import { el } from './format.js';

/** Email and password, two ways to use them; {@code onLogin} runs once the account is known. */
export class LoginView {
  constructor(root, onLogin) {
    this.root = root;
    this.onLogin = onLogin;
    this.rendered = false;
  }

  show() {
    if (!this.rendered) {
      this.rendered = true;
      this.render();
    }
    this.email.focus();
  }

  render() {
    this.email = el('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
    this.password = el('input', {
      id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
      minlength: 12, 'aria-describedby': 'password-hint',
    });
    this.error = el('p', { id: 'login-error', class: 'form-error', 'aria-live': 'polite' });
    this.loginButton = el('button', { id: 'login-submit', type: 'submit', class: 'primary' }, 'Log in');
    this.registerButton = el('button', { id: 'register-submit', type: 'button', onclick: () => this.submit('register') },
      'Create customer account');
    const form = el('form', { id: 'login-form', class: 'panel login', 'aria-labelledby': 'login-title', onsubmit: (e) => {
      e.preventDefault();
      this.submit('login');
    } },
    el('h2', { id: 'login-title' }, 'Log in'),
    el('div', { class: 'field' }, el('label', { for: 'login-email' }, 'E-mail'), this.email),
    el('div', { class: 'field' }, el('label', { for: 'login-password' }, 'Password'), this.password,
      el('span', { id: 'password-hint', class: 'hint' }, 'At least 12 characters.')),
    el('div', { class: 'actions' }, this.loginButton, this.registerButton),
    this.error,
    el('p', { class: 'hint' }, 'Operators log in with the account the server created at start ',
      '(ORDERS_BOOTSTRAP_OPS_EMAIL); new accounts are customers.'));
    this.root.replaceChildren(form);
  }

  async submit(action) {
    this.error.textContent = '';
    if (!this.email.reportValidity() || !this.password.reportValidity()) {
      return;
    }
    this.loginButton.disabled = true;
    this.registerButton.disabled = true;
    try {
      const email = this.email.value.trim();
      if (action === 'register') {
        await auth.register(email, this.password.value);
      } else {
        await auth.login(email, this.password.value);
      }
      this.password.value = '';
      this.onLogin();
    } catch (error) {
      this.error.textContent = error.status === 401 ? 'E-mail or password is wrong.' : error.message;
    } finally {
      this.loginButton.disabled = false;
      this.registerButton.disabled = false;
    }
  }
}
