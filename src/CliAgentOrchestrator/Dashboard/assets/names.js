// Terminal id → window name (e.g. developer-5e98), so the message views say which agent is which.
// Terminals deleted since keep showing their id alone.
import { get } from './api.js';

export async function terminalNames() {
  const names = new Map();
  try {
    const sessions = await get('/sessions');
    const details = await Promise.all(sessions.map((s) => get(`/sessions/${encodeURIComponent(s.name)}`).catch(() => null)));
    for (const detail of details) for (const t of detail?.terminals ?? []) names.set(t.id, t.name);
  } catch {
    // the ids alone still say who is who
  }
  return names;
}
