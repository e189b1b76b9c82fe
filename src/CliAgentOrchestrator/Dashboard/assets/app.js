// The dashboard: a hash router over five views. Each view module exports show(arg) and hide().
import { startEvents } from './events-hub.js';
import * as sessions from './sessions.js';
import * as terminal from './terminal.js';
import * as messages from './messages.js';
import * as plugins from './plugins.js';
import * as events from './events.js';

const views = { sessions, terminal, messages, plugins, events };
let current = null;

function route() {
  const [name, ...rest] = (location.hash.replace(/^#/, '') || 'sessions').split('/');
  const key = views[name] ? name : 'sessions';
  if (current && current !== views[key]) current.hide?.();
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${key}`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === key || (key === 'terminal' && link.dataset.nav === 'sessions');
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  const title = document.querySelector(`#view-${key} h2`);
  document.title = `${title ? title.textContent : key} · CAO dashboard`;
  current = views[key];
  current.show(decodeURIComponent(rest.join('/')));
}

window.addEventListener('hashchange', () => {
  route();
  // After navigating, keyboard and screen-reader users land on the new view's content.
  document.getElementById('main').focus({ preventScroll: true });
});
startEvents();
route();
