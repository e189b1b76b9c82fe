// The live terminal: xterm.js fed by the attach WebSocket. Read-only until "Take control"; only then
// do keys go to the agent, and Ctrl+] (or the button) gives control back.
import { Terminal } from './vendor/xterm/xterm.mjs';
import { get } from './api.js';
import { badge, announce } from './dom.js';
import { onEvent } from './events-hub.js';

let term = null;
let socket = null;
let terminalId = null;
let control = false;
let unsubscribe = null;

const $ = (id) => document.getElementById(id);

export async function show(id) {
  hide();
  terminalId = id;
  $('terminal-title').textContent = `Terminal ${id}`;
  setStatus('unknown');
  setControl(false);
  get(`/terminals/${encodeURIComponent(id)}`).then((t) => {
    $('terminal-title').textContent = `Terminal ${id} · ${t.name} (${t.provider})`;
    setStatus(t.status);
  }).catch((error) => setState(`error: ${error.message}`));
  unsubscribe = onEvent((event) => {
    if (event.event_type === 'post_terminal_status_change' && event.terminal_id === terminalId) setStatus(event.status);
  });

  const screen = $('terminal-screen');
  screen.replaceChildren();
  term = new Terminal({
    disableStdin: true,
    convertEol: false,
    cursorBlink: false,
    scrollback: 0,
    fontSize: 13,
    screenReaderMode: false,
    theme: { background: '#101418', foreground: '#e6e6e6' },
  });
  term.open(screen);
  term.attachCustomKeyEventHandler((e) => {
    if (e.type === 'keydown' && e.ctrlKey && (e.key === ']' || e.code === 'BracketRight')) {
      requestControl(false);
      $('take-control').focus();
      return false;
    }
    return true;
  });
  term.onData((data) => {
    if (control && socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'keys', data }));
  });
  connect();
}

export function hide() {
  unsubscribe?.();
  unsubscribe = null;
  socket?.close();
  socket = null;
  term?.dispose();
  term = null;
  control = false;
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/terminals/${encodeURIComponent(terminalId)}/attach`);
  socket = ws;
  setState('connecting');
  ws.onopen = () => setState('live, read-only');
  ws.onclose = () => { if (socket === ws) setState('disconnected'); };
  ws.onerror = () => { if (socket === ws) setState('could not attach (see the server log)'); };
  ws.onmessage = (message) => {
    if (socket !== ws || !term) return;
    const m = JSON.parse(message.data);
    if (m.type === 'screen') {
      if (term.cols !== m.cols || term.rows !== m.rows) term.resize(Math.max(2, m.cols), Math.max(1, m.rows));
      term.write(m.data);
      $('terminal-screen').dataset.frames = String(Number($('terminal-screen').dataset.frames ?? 0) + 1);
    } else if (m.type === 'control') {
      setControl(m.on);
    } else if (m.type === 'error') {
      setState(`error: ${m.message}`);
    } else if (m.type === 'closed') {
      setState(`ended: ${m.message}`);
    }
  };
}

function requestControl(on) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'control', on }));
}

function setControl(on) {
  control = on;
  const button = $('take-control');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Release control' : 'Take control';
  $('terminal-screen').classList.toggle('in-control', on);
  $('terminal-hint').textContent = on
    ? 'You have control: every key goes to the agent. Ctrl+] or “Release control” gives it back.'
    : 'Read-only: what the agent\'s pane shows, live. “Take control” sends your keys to the agent; Ctrl+] or the button gives control back.';
  if (term) {
    term.options.disableStdin = !on;
    if (on) term.focus();
  }
  if (socket?.readyState === WebSocket.OPEN) setState(on ? 'live, you are typing into the agent' : 'live, read-only');
  announce(on ? 'You have control: keys go to the agent. Ctrl+] gives it back.' : 'Read-only view');
}

function setStatus(status) {
  $('terminal-status').replaceWith(Object.assign(badge(status), { id: 'terminal-status' }));
}

function setState(text) { $('terminal-state').textContent = text; }

$('take-control').addEventListener('click', () => requestControl(!control));
