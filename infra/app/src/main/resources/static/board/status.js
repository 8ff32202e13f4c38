// The header's connection indicator and the toast: what every view reports to and the user watches.

import { StreamState } from './sse.js';

const streams = new Map();
let nextId = 0;

const TEXT = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  failed: 'Disconnected',
};

/** Registers one stream with the indicator; answers the onState callback to hand to the stream. */
export function trackStream(name) {
  const id = `${name}-${nextId++}`;
  return (state, detail = {}) => {
    if (state === StreamState.CLOSED) {
      streams.delete(id);
    } else {
      streams.set(id, { state, detail, name });
    }
    render();
  };
}

function overall() {
  const states = Array.from(streams.values(), (s) => s.state);
  for (const state of ['failed', 'reconnecting', 'connecting', 'open']) {
    if (states.includes(state)) {
      return state;
    }
  }
  return 'idle';
}

function render() {
  const box = document.getElementById('connection');
  const state = overall();
  if (box.dataset.state === state) {
    return;
  }
  box.dataset.state = state;
  document.getElementById('connection-text').textContent = TEXT[state];
}

let toastTimer = null;

/** Shows a message for a few seconds in the alert region. */
export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('visible'), 6000);
}
