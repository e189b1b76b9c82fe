// Plugins: status, isolation (when the server reports it), hooks, counters, last error; reload,
// enable and disable (settings.json, applied at the next start).
import { get, post } from './api.js';
import { h, clear, badge, announce } from './dom.js';

let timer = null;
const pending = new Map(); // name → what settings.json now says, until the server restarts

export function show() {
  load();
  timer ??= setInterval(load, 5000); // the counters move with every event
}

export function hide() {
  clearInterval(timer);
  timer = null;
}

async function load() {
  const container = document.getElementById('plugins-list');
  try {
    const plugins = await get('/plugins');
    const focused = document.activeElement?.dataset?.action ? document.activeElement : null;
    const refocus = focused && [focused.dataset.action, focused.dataset.plugin];
    clear(container);
    container.append(h('div.plugins', {}, plugins.map(card)));
    if (refocus) container.querySelector(`[data-action="${refocus[0]}"][data-plugin="${CSS.escape(refocus[1])}"]`)?.focus();
  } catch (error) {
    clear(container).append(h('p.form-error', { role: 'alert' }, `Could not list plugins: ${error.message}`));
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

function card(p) {
  const id = `plugin-${p.name}`;
  const running = p.status === 'loaded' || p.status === 'faulted';
  const wanted = pending.get(p.name);
  const enabledNext = wanted ?? running;
  const isolation = p.isolation ?? null;
  return h('article.card.plugin', { 'aria-labelledby': id, dataset: { plugin: p.name } },
    h('div.card-head', {},
      h('h3', { id }, p.name, p.version ? h('span.version', {}, ` ${p.version}`) : null),
      badge(p.status)),
    h('dl.facts', {},
      fact('Source', p.source),
      isolation !== null ? fact('Isolation', String(isolation)) : null,
      p.pid !== undefined && p.pid !== null ? fact('PID', String(p.pid)) : null,
      p.restarts !== undefined && p.restarts !== null ? fact('Restarts', String(p.restarts)) : null,
      fact('Delivered', String(p.events_delivered ?? 0), 'delivered'),
      fact('Failed', String(p.hook_failures ?? 0), 'failed'),
      fact('Dropped', String(p.events_dropped ?? 0), 'dropped'),
      fact('Queued', String(p.events_queued ?? 0), 'queued'),
      p.error ? fact('Last error', p.error, 'error') : null),
    list('Hooks', p.hooks), list('Pre-hooks', p.pre_hooks), list('Refused hooks', p.refused_hooks),
    wanted !== undefined && wanted !== running
      ? h('p.note', { role: 'status' }, `${wanted ? 'Enabled' : 'Disabled'} in settings.json; restart the server to apply.`) : null,
    h('div.actions', {},
      h('button', { type: 'button', dataset: { action: 'reload', plugin: p.name }, onclick: () => act(p.name, 'reload') }, 'Reload'),
      enabledNext
        ? h('button.danger', { type: 'button', dataset: { action: 'disable', plugin: p.name }, onclick: () => act(p.name, 'disable') }, 'Disable')
        : h('button', { type: 'button', dataset: { action: 'enable', plugin: p.name }, onclick: () => act(p.name, 'enable') }, 'Enable')));
}

function fact(term, value, key) {
  return h('div', { dataset: key ? { fact: key } : {} }, h('dt', {}, term), h('dd', {}, value));
}

function list(title, items) {
  if (!items || items.length === 0) return null;
  return h('details.hooks', {}, h('summary', {}, `${title} (${items.length})`), h('ul', {}, items.map((i) => h('li', {}, h('code', {}, i)))));
}

async function act(name, action) {
  const error = document.getElementById('plugins-error');
  error.textContent = '';
  try {
    const result = await post(`/plugins/${encodeURIComponent(name)}/${action}`);
    if (action === 'reload') announce(`Plugin ${name} reloaded`);
    else {
      pending.set(name, result.enabled);
      announce(`Plugin ${name} ${result.enabled ? 'enabled' : 'disabled'} in settings${result.restart_required ? '; restart the server to apply' : ''}`);
    }
  } catch (err) {
    error.textContent = `${action} ${name}: ${err.message}`;
  }
  load();
}
