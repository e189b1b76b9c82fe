// Small DOM helpers: build elements without innerHTML, so text from agents is never parsed as markup.

/** h('tag.class', {attr: value, onclick: fn}, ...children) */
export function h(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) { el.replaceChildren(); return el; }

/** A status badge; the text says the state, so colour is never the only cue. */
export function badge(status, label) {
  return h('span.badge', { dataset: { status: status ?? 'unknown' } }, label ?? status ?? 'unknown');
}

/** Says something to screen readers without moving focus. */
export function announce(text) {
  const el = document.getElementById('announcer');
  el.textContent = '';
  // A fresh text node is what live regions notice reliably.
  requestAnimationFrame(() => { el.textContent = text; });
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
}

export function shorten(text, max = 140) {
  const t = String(text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
