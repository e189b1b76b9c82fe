// Sessions and their terminals, with live status badges; create and delete sessions.
import { get, post, del } from './api.js';
import { h, clear, badge, announce } from './dom.js';
import { onEvent } from './events-hub.js';

const list = () => document.getElementById('sessions-list');
let unsubscribe = null;
let formReady = false;
let reloadTimer = null;

export function show() {
  if (!formReady) { formReady = true; setUpForm(); }
  load();
  unsubscribe ??= onEvent(handle);
}

export function hide() {
  unsubscribe?.();
  unsubscribe = null;
}

function handle(event) {
  if (event.event_type === 'post_terminal_status_change') {
    const cell = document.querySelector(`[data-terminal-status="${CSS.escape(event.terminal_id)}"]`);
    if (cell) {
      cell.replaceChildren(badge(event.status));
      announce(`${event.terminal_id} is ${event.status}`);
    }
  } else if (['post_create_session', 'post_kill_session', 'post_create_terminal', 'post_kill_terminal'].includes(event.event_type)) {
    // Several arrive together when a session starts or ends: reload once.
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 150);
  }
}

async function load() {
  const container = list();
  container.setAttribute('aria-busy', 'true');
  try {
    const sessions = await get('/sessions');
    const details = await Promise.all(sessions.map((s) => get(`/sessions/${encodeURIComponent(s.name)}`).catch(() => ({ session: s, terminals: [] }))));
    clear(container);
    if (details.length === 0) container.append(h('p.empty', {}, 'No sessions. Create one above, or with `cao launch`.'));
    for (const { session, terminals } of details) container.append(sessionCard(session, terminals));
  } catch (error) {
    clear(container).append(h('p.form-error', { role: 'alert' }, `Could not list sessions: ${error.message}`));
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

function sessionCard(session, terminals) {
  const headingId = `session-${session.name}`;
  const remove = h('button.danger', { type: 'button', 'aria-label': `Delete session ${session.name}` }, 'Delete session');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete session ${session.name} and its ${terminals.length} terminal(s)?`)) return;
    remove.disabled = true;
    try {
      await del(`/sessions/${encodeURIComponent(session.name)}`);
      announce(`Session ${session.name} deleted`);
      load();
    } catch (error) {
      remove.disabled = false;
      alert(error.message);
    }
  });
  const rows = terminals.map((t) => h('tr', { dataset: { terminalId: t.id } },
    h('td', {}, h('a', { href: `#terminal/${encodeURIComponent(t.id)}`, 'aria-label': `Open terminal ${t.id} (${t.name})` }, h('code', {}, t.id))),
    h('td', {}, t.name),
    h('td', {}, t.agent_profile ?? ''),
    h('td', {}, t.provider),
    h('td', { dataset: { terminalStatus: t.id } }, badge(t.status)),
    h('td.reason', {}, t.status_reason ?? '')));
  return h('article.card.session', { 'aria-labelledby': headingId, dataset: { session: session.name } },
    h('div.card-head', {}, h('h3', { id: headingId }, session.name), remove),
    h('div.table-wrap', {}, h('table', {},
      h('caption.visually-hidden', {}, `Terminals of ${session.name}`),
      h('thead', {}, h('tr', {}, ['Terminal', 'Window', 'Profile', 'Provider', 'Status', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))));
}

async function setUpForm() {
  const form = document.getElementById('create-session');
  const error = document.getElementById('create-error');
  const [profiles, providers] = await Promise.all([get('/agents/profiles').catch(() => []), get('/agents/providers').catch(() => [])]);
  form.agent_profile.replaceChildren(...profiles.map((p) => h('option', { value: p.name }, p.description ? `${p.name} — ${p.description}` : p.name)));
  form.provider.replaceChildren(...providers.map((p) => h('option', { value: p.name }, p.installed ? p.name : `${p.name} (not installed)`)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const query = new URLSearchParams({ agent_profile: form.agent_profile.value, provider: form.provider.value });
    for (const name of ['session_name', 'working_directory']) if (form[name].value.trim()) query.set(name, form[name].value.trim());
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = 'Creating…';
    try {
      const terminal = await post(`/sessions?${query}`);
      announce(`Session ${terminal.session_name} created`);
      form.session_name.value = '';
      load();
    } catch (err) {
      error.textContent = `Could not create the session: ${err.message}`;
    } finally {
      button.disabled = false;
      button.textContent = 'Create session';
    }
  });
}
