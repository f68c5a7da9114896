// "/plugins": the plugins found, by domain, with what kept others from loading, and a reload button.
import { get, post, ApiError } from '../api.js';
import { h, append, fill, notice, problemNotice, pageTitle } from '../dom.js';
import { discoveryProblem } from '../problems.js';

export async function pluginsPage({ main, query, signal, navigate }) {
  const domain = query.get('domain') ?? '';
  const domains = h('select', { id: 'domain', name: 'domain' }, h('option', { value: '' }, 'all domains'));
  const filter = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter plugins' },
    h('div', { class: 'field' }, h('label', { for: 'domain' }, 'Domain'), domains),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply')));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(domains.value ? `/plugins?domain=${encodeURIComponent(domains.value)}` : '/plugins');
  });
  const reload = h('button', { type: 'button', id: 'reload' }, 'Reload plugins');
  const result = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  append(main, pageTitle('Plugins'), h('div', { class: 'toolbar' }, filter, reload), result, list);

  const load = async () => {
    try {
      const [all, shown] = await Promise.all([
        get('/api/plugins', { signal }),
        get(`/api/plugins?all=true${domain ? `&domain=${encodeURIComponent(domain)}` : ''}`, { signal }),
      ]);
      const names = [...new Set(all.plugins.flatMap((p) => p.domains))].sort();
      fill(domains, h('option', { value: '' }, 'all domains'), names.map((d) => h('option', { value: d, selected: d === domain }, d)));
      fill(list, table(shown.plugins),
        h('section', { class: 'panel', 'aria-labelledby': 'problems-title' },
          h('h2', { id: 'problems-title' }, 'Discovery problems'),
          shown.problems.length ? h('ul', { class: 'problems' }, shown.problems.map(discoveryProblem)) : h('p', { class: 'muted' }, 'None: every plugin found was loaded.')));
    } catch (error) {
      if (error.name === 'AbortError') return;
      fill(list, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    }
  };

  reload.addEventListener('click', async () => {
    reload.disabled = true;
    try {
      const answer = await post('/api/plugins/reload', {});
      const names = (items) => items.map((i) => `${i.name} ${i.version}`).join(', ') || 'none';
      fill(result, notice(answer.problems.length ? 'error' : 'ok',
        `Reloaded: ${answer.loaded.length} loaded; added ${names(answer.added)}; updated ${answer.updated.map((u) => `${u.name} ${u.old.version} → ${u.new.version}`).join(', ') || 'none'}; removed ${names(answer.removed)}; ${answer.problems.length} problem(s).`));
      await load();
    } catch (error) {
      fill(result, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    } finally {
      reload.disabled = false;
    }
  });
  await load();
}

function table(plugins) {
  if (!plugins.length) return notice('info', 'No plugin is loaded for this domain.');
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Plugin', 'Version', 'Type', 'Domains', 'Phases', 'Status', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, plugins.map((p) => h('tr', {},
      h('td', {}, p.status === 'loaded' ? h('a', { href: `/plugins/${encodeURIComponent(p.name)}` }, p.name) : p.name),
      h('td', {}, p.version), h('td', {}, p.type), h('td', {}, p.domains.join(', ')), h('td', {}, String(p.phases)),
      h('td', {}, h('span', { class: `badge ${p.status === 'loaded' ? 'status-completed' : 'status-failed'}` }, p.status)),
      h('td', {}, p.description ?? ''))))));
}
