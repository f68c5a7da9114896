// "/": the runs, newest first, filtered by status, target and creation time, searched by id, paged, refreshed live.
import { get, ApiError } from '../api.js';
import { h, append, fill, duration, time, statusBadge, runDuration, target, notice, problemNotice, pageTitle } from '../dom.js';

const statuses = ['pending', 'running', 'suspended', 'completed', 'failed', 'terminated'];
const pageSize = 20;
const refreshMs = 2000;

export async function runsPage({ main, query, signal, navigate }) {
  const filter = {
    status: query.get('status') ?? '',
    target: query.get('target') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    id: query.get('id') ?? '',
  };
  const tokens = [null];
  let pageIndex = 0;

  const targets = h('select', { id: 'filter-target', name: 'target' }, h('option', { value: '' }, 'any'));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs' },
    field('Status', h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'any'), statuses.map((s) => h('option', { value: s, selected: s === filter.status }, s)))),
    field('Target', targets),
    field('Created from', h('input', { id: 'filter-from', name: 'from', type: 'datetime-local', value: filter.from })),
    field('Created before', h('input', { id: 'filter-to', name: 'to', type: 'datetime-local', value: filter.to })),
    field('Run id', h('input', { id: 'filter-id', name: 'id', type: 'search', value: filter.id, placeholder: 'id or part of it' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('a', { href: '/', class: 'button' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) next.set(name, value);
    navigate(next.size ? `/?${next}` : '/');
  });

  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const body = h('div', { class: 'table-wrap' });
  const previous = h('button', { type: 'button', disabled: true }, '← Newer');
  const next = h('button', { type: 'button', disabled: true }, 'Older →');
  previous.addEventListener('click', () => { pageIndex -= 1; load(); });
  next.addEventListener('click', () => { pageIndex += 1; load(); });
  append(main, pageTitle('Runs'), form, status, body, h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, h('span', { id: 'page-number' }), next));

  loadTargets(targets, filter.target, signal);

  let timer = null;
  async function load() {
    clearTimeout(timer);
    try {
      if (filter.id && pageIndex === 0 && (await openExact(filter.id, signal, navigate))) return;
      const list = await get(`/api/runs?${listQuery(filter, tokens[pageIndex])}`, { signal });
      tokens[pageIndex + 1] = list.continuation_token;
      const runs = filter.id ? list.runs.filter((r) => r.run_id.toLowerCase().includes(filter.id.toLowerCase())) : list.runs;
      fill(body, runs.length ? table(runs) : notice('info', filter.id ? `No run on this page has "${filter.id}" in its id.` : 'No runs match. Start one from the ', h('a', { href: '/workflows' }, 'workflows'), ' page.'));
      previous.disabled = pageIndex === 0;
      next.disabled = !list.continuation_token;
      document.getElementById('page-number').textContent = `page ${pageIndex + 1}`;
      status.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every ${refreshMs / 1000} s.`;
    } catch (error) {
      if (error.name === 'AbortError') return;
      fill(body, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
      // Without a key nothing will come: wait for the user instead of asking again every few seconds.
      if (error instanceof ApiError && error.status === 401) return;
    }
    if (!signal.aborted) timer = setTimeout(load, refreshMs);
  }
  signal.addEventListener('abort', () => clearTimeout(timer));
  await load();
}

function field(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

function listQuery(filter, token) {
  const query = new URLSearchParams({ page_size: String(filter.id ? 200 : pageSize) });
  if (filter.status) query.set('status', filter.status);
  const [kind, name] = filter.target.split(':');
  if (kind && name) query.set(kind, name);
  if (filter.from) query.set('created_from', new Date(filter.from).toISOString());
  if (filter.to) query.set('created_to', new Date(filter.to).toISOString());
  if (token) query.set('continuation_token', token);
  return query;
}

/** A search for a whole id that names a run opens it. */
async function openExact(id, signal, navigate) {
  try {
    await get(`/api/runs/${encodeURIComponent(id)}`, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return false;
    throw error;
  }
  navigate(`/runs/${encodeURIComponent(id)}`);
  return true;
}

async function loadTargets(select, selected, signal) {
  try {
    const [workflows, plugins] = await Promise.all([get('/api/workflows', { signal }), get('/api/plugins', { signal })]);
    const option = (value, text) => h('option', { value, selected: value === selected }, text);
    select.append(
      h('optgroup', { label: 'Workflows' }, workflows.workflows.map((w) => option(`workflow:${w.name}`, w.name))),
      h('optgroup', { label: 'Plugins' }, plugins.plugins.map((p) => option(`plugin:${p.name}`, p.name))));
  } catch (error) {
    if (error.name !== 'AbortError' && !(error instanceof ApiError)) throw error;
  }
}

function table(runs) {
  return h('table', { class: 'runs' },
    h('caption', { class: 'visually-hidden' }, 'Runs, newest first'),
    h('thead', {}, h('tr', {}, ['Run', 'Status', 'Target', 'Started', 'Duration', 'Now'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, runs.map((run) => h('tr', { dataset: { run: run.run_id } },
      h('td', {}, h('a', { href: `/runs/${encodeURIComponent(run.run_id)}` }, run.run_id)),
      h('td', {}, statusBadge(run.status)),
      h('td', {}, target(run)),
      h('td', {}, time(run.created_at)),
      h('td', {}, duration(runDuration(run))),
      h('td', { class: 'summary' }, run.progress?.waiting_for_approval ? h('strong', {}, `waiting for approval: ${run.progress.waiting_for_approval}`) : run.progress?.summary ?? run.status)))));
}
