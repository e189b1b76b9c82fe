// The live event stream with a filter by type and text. The list keeps the latest 500.
import { get } from './api.js';
import { h, clear, time } from './dom.js';
import { onEvent, EVENT_TYPES } from './events-hub.js';

const MAX = 500;
let events = [];
let seen = new Set();
let unsubscribe = null;
let paused = false;
let ready = false;

export async function show() {
  if (!ready) { ready = true; setUp(); }
  unsubscribe ??= onEvent((event) => {
    if (seen.has(event.event_id)) return;
    remember(event);
    if (!paused) render();
  });
  try {
    for (const event of await get('/events/history?limit=200')) if (!seen.has(event.event_id)) remember(event);
    events.sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
  } catch (error) {
    document.getElementById('events-count').textContent = `Could not read the history: ${error.message}`;
  }
  render();
}

export function hide() {
  unsubscribe?.();
  unsubscribe = null;
}

function remember(event) {
  seen.add(event.event_id);
  events.unshift(event);
  if (events.length > MAX) for (const dropped of events.splice(MAX)) seen.delete(dropped.event_id);
}

function setUp() {
  const form = document.getElementById('events-filter');
  form.type.append(...EVENT_TYPES.map((t) => h('option', { value: t }, t)));
  form.addEventListener('input', render);
  form.addEventListener('submit', (e) => e.preventDefault());
  const pause = document.getElementById('events-pause');
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    render();
  });
}

function summary(e) {
  const who = e.terminal_id ?? e.session_name ?? (e.sender !== undefined ? `${e.sender || '(user)'} → ${e.receiver}` : '');
  const what = e.status ? `${e.previous_status} → ${e.status}` : e.reason ?? '';
  return [who, what].filter(Boolean).join(' · ');
}

function render() {
  const form = document.getElementById('events-filter');
  const type = form.type.value;
  const text = form.text.value.trim().toLowerCase();
  const shown = events.filter((e) => (!type || e.event_type === type) && (!text || JSON.stringify(e).toLowerCase().includes(text)));
  const list = clear(document.getElementById('events-list'));
  for (const e of shown.slice(0, 200)) {
    list.append(h('li.event', { dataset: { type: e.event_type } },
      h('details', {},
        h('summary', {},
          h('time', { datetime: e.timestamp }, time(e.timestamp)),
          h('code.type', {}, e.event_type),
          h('span', {}, summary(e))),
        h('pre', {}, JSON.stringify(e, null, 2)))));
  }
  document.getElementById('events-count').textContent =
    `${shown.length} of ${events.length} events${paused ? ' (paused)' : ''}`;
}
