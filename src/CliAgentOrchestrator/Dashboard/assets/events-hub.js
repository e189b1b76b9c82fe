// One EventSource on GET /events for the whole page; views subscribe by event type.
// The browser reconnects by itself and sends Last-Event-ID, so the server replays what was missed.

export const EVENT_TYPES = [
  'post_create_session', 'post_kill_session', 'post_create_terminal', 'post_kill_terminal',
  'post_terminal_status_change', 'pre_create_terminal', 'pre_send_message', 'post_queue_message',
  'post_send_message', 'post_send_message_denied', 'post_fail_message',
];

const listeners = new Set();
let source = null;

function setState(state, text) {
  const el = document.getElementById('stream-state');
  el.dataset.state = state;
  el.textContent = `Event stream: ${text}`;
}

export function startEvents() {
  if (source) return;
  source = new EventSource('/events');
  source.onopen = () => setState('live', 'live');
  source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting',
    source.readyState === EventSource.CLOSED ? 'closed (reload the page)' : 'reconnecting…');
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      event.__seq = Number(message.lastEventId) || 0;
      for (const listener of listeners) {
        try { listener(event); } catch (error) { console.error(error); }
      }
    });
  }
}

/** Calls fn(event) for every live event; returns the unsubscribe function. */
export function onEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
