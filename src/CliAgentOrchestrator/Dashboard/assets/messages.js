// Who sent what to whom: a timeline from the message events (history, then live), the edges between
// terminals with their outcome counts, and every inbox as the database has it (GET /messages).
import { get } from './api.js';
import { h, clear, badge, time, shorten } from './dom.js';
import { onEvent } from './events-hub.js';
import { terminalNames } from './names.js';

const MESSAGE_EVENTS = {
  post_queue_message: { outcome: 'queued', label: 'queued' },
  post_send_message: { outcome: 'delivered', label: 'delivered' },
  post_send_message_denied: { outcome: 'refused', label: 'refused' },
  post_fail_message: { outcome: 'failed', label: 'failed' },
};
const MAX_TIMELINE = 500;

let entries = [];
let names = new Map();
let seen = new Set();
let unsubscribe = null;
let inboxTimer = null;
// Message bodies are left out of the event stream unless plugins.events.include_messages is true;
// queued and failed events carry the inbox row's id, whose text GET /messages has.
const inboxText = new Map();

export async function show() {
  unsubscribe ??= onEvent((event) => {
    if (!MESSAGE_EVENTS[event.event_type]) return;
    add(event);
    render();
    clearTimeout(inboxTimer);
    inboxTimer = setTimeout(loadInbox, 200);
  });
  names = await terminalNames();
  try {
    const history = await get(`/events/history?limit=500&type=${Object.keys(MESSAGE_EVENTS).join(',')}`);
    for (const event of history) add(event);
  } catch (error) {
    document.getElementById('message-timeline').replaceChildren(h('li.form-error', {}, `Could not read the event history: ${error.message}`));
  }
  render();
  loadInbox();
}

export function hide() {
  unsubscribe?.();
  unsubscribe = null;
}

function add(event) {
  // Queued and failed events name their inbox row: one entry per row and outcome, however often told.
  const key = event.message_id ? `${event.event_type}:${event.message_id}` : event.event_id;
  if (seen.has(key)) return;
  seen.add(key);
  event.__key = key;
  entries.push(event);
  entries.sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
  if (entries.length > MAX_TIMELINE) {
    for (const dropped of entries.splice(MAX_TIMELINE)) seen.delete(dropped.__key);
  }
}

function render() {
  const timeline = clear(document.getElementById('message-timeline'));
  if (entries.length === 0) timeline.append(h('li.empty', {}, 'No messages yet.'));
  for (const e of entries) {
    const kind = MESSAGE_EVENTS[e.event_type];
    const why = e.event_type === 'post_send_message_denied' ? `refused by ${e.denied_by}: ${e.reason}` : e.event_type === 'post_fail_message' ? e.reason : '';
    timeline.append(h('li.message', { dataset: { outcome: kind.outcome } },
      h('time', { datetime: e.timestamp }, time(e.timestamp)),
      h('span.route', {}, who(e.sender), ' → ', who(e.receiver)),
      h('span.otype', {}, e.orchestration_type || 'send_message'),
      badge(kind.outcome, kind.label),
      messageText(e),
      why ? h('span.why', {}, why) : null));
  }
  renderGraph();
}

/** A terminal as its window name (the agent) and id; the sender is empty for a user's own message. */
function who(id) {
  if (!id || id === '(user)') return h('span.who', {}, '(user)');
  const name = names.get(id);
  return h('span.who', {}, name ? `${name} ` : '', h('code', {}, id));
}

function messageText(e) {
  const text = e.message ?? inboxText.get(e.message_id);
  if (text !== undefined && text !== null && text !== '') return h('span.text', { title: text }, shorten(text));
  return h('span.text.hidden-text', { title: 'The event stream leaves message bodies out unless plugins.events.include_messages is true' }, '(text not in the event stream)');
}

function renderGraph() {
  const edges = new Map();
  for (const e of entries) {
    const kind = MESSAGE_EVENTS[e.event_type].outcome;
    // A queued message is counted when it is delivered or fails; the timeline shows the queueing.
    if (kind === 'queued') continue;
    const key = `${e.sender || '(user)'}\u0000${e.receiver}`;
    const edge = edges.get(key) ?? { from: e.sender || '(user)', to: e.receiver, queued: 0, delivered: 0, refused: 0, failed: 0, types: new Set() };
    edge[kind]++;
    edge.types.add(e.orchestration_type || 'send_message');
    edges.set(key, edge);
  }
  const container = clear(document.getElementById('message-graph'));
  if (edges.size === 0) { container.append(h('p.empty', {}, 'No message delivered, refused or failed yet.')); return; }
  container.append(h('ul.edges', {}, [...edges.values()].map((edge) => h('li.edge', { dataset: { from: edge.from, to: edge.to } },
    who(edge.from), h('span.arrow', { 'aria-label': 'to' }, ' ⟶ '), who(edge.to),
    h('span.types', {}, [...edge.types].join(', ')),
    h('span.counts', {},
      edge.delivered ? badge('delivered', `${edge.delivered} delivered`) : null,
      edge.refused ? badge('refused', `${edge.refused} refused`) : null,
      edge.failed ? badge('failed', `${edge.failed} failed`) : null)))));
}

async function loadInbox() {
  const container = document.getElementById('message-inbox');
  try {
    const rows = await get('/messages?limit=200');
    const known = inboxText.size;
    for (const m of rows) inboxText.set(m.id, m.message);
    if (inboxText.size !== known) render();
    clear(container);
    if (rows.length === 0) { container.append(h('p.empty', {}, 'No queued messages.')); return; }
    container.append(h('div.table-wrap', {}, h('table', {},
      h('caption.visually-hidden', {}, 'Inbox messages, newest first'),
      h('thead', {}, h('tr', {}, ['#', 'Queued', 'From', 'To', 'Type', 'State', 'Message', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((m) => h('tr', { dataset: { messageId: m.id } },
        h('td', {}, m.id), h('td', {}, time(m.created_at)), h('td', {}, who(m.sender_id)), h('td', {}, who(m.receiver_id)),
        h('td', {}, m.orchestration_type ?? 'send_message'), h('td', {}, badge(m.status)),
        h('td', { title: m.message }, shorten(m.message, 80)), h('td', {}, m.error ?? '')))))));
  } catch (error) {
    clear(container).append(h('p.form-error', { role: 'alert' }, `Could not read the inboxes: ${error.message}`));
  }
}
