// "/plugins/{name}": a loaded plugin's manifest: facts, phases, dependencies, config, warnings.
import { get, ApiError } from '../api.js';
import { h, append, duration, notice, problemNotice, pageTitle } from '../dom.js';
import { fileProblem } from '../problems.js';
import { jsonTree } from '../tree.js';

export async function pluginPage({ main, params: [name], signal }) {
  append(main, h('p', { class: 'crumbs' }, h('a', { href: '/plugins' }, '← All plugins')));
  let plugin;
  try {
    plugin = await get(`/api/plugins/${encodeURIComponent(name)}`, { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    append(main, pageTitle(`Plugin ${name}`), error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    return;
  }
  const facts = [
    ['Version', plugin.version], ['Description', plugin.description], ['Type', plugin.type], ['Language', plugin.language],
    ['Domains', plugin.domains.join(', ')], ['Tags', plugin.tags.join(', ')], ['Author', plugin.author], ['License', plugin.license],
    ['Home page', plugin.homepage], ['Repository', plugin.repository], ['Runs on Orchestrator', [plugin.min_version, plugin.max_version].filter(Boolean).join(' – ')],
    ['Found in', plugin.source], ['Status', plugin.reason ? `${plugin.status}: ${plugin.reason}` : plugin.status], ['Content hash', plugin.content_hash],
  ].filter(([, v]) => v);
  const sec = (id, title, ...content) => h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
  append(main, 
    pageTitle(`Plugin ${plugin.name}`),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    sec('phases-title', 'Phases', h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Order', 'Phase', 'Runs', 'Attempts', 'Timeout', 'Estimated', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, plugin.phases.map((p) => h('tr', {},
        h('td', {}, String(p.order)),
        h('td', {}, h('strong', {}, p.name)),
        h('td', {}, [p.parallel ? 'in parallel' : 'alone', p.approval ? ', after approval' : '', p.required ? '' : ', optional'].join('')),
        h('td', {}, p.retryable ? `up to ${p.max_retries + 1} (retry after ${p.retry_interval_seconds} s, doubling)` : '1'),
        h('td', {}, p.timeout_seconds ? duration(p.timeout_seconds * 1000) : 'none'),
        h('td', {}, p.estimated_time_seconds ? duration(p.estimated_time_seconds * 1000) : '–'),
        h('td', {}, p.description ?? ''))))))),
    sec('deps-title', 'Dependencies', plugin.dependencies.length
      ? h('ul', {}, plugin.dependencies.map((d) => h('li', {}, `${d.name} ${d.range}: `, d.satisfied ? `found ${d.found_version}` : h('strong', {}, d.found_version ? `found ${d.found_version}, outside the range` : 'not found'))))
      : h('p', { class: 'muted' }, 'None.')),
    sec('config-title', 'Config',
      h('p', {}, 'Required: ', plugin.required_config.length ? plugin.required_config.join(', ') : 'nothing'),
      jsonTree(plugin.default_config, new Set(), 'default_config'),
      plugin.config_schema ? jsonTree(plugin.config_schema, new Set(), 'config_schema') : h('p', { class: 'muted' }, 'No config schema.')),
    plugin.output_spec ? sec('output-title', 'Output', jsonTree(plugin.output_spec, new Set(), 'output_spec')) : null,
    sec('warnings-title', 'Manifest warnings', plugin.warnings.length ? h('ul', { class: 'problems' }, plugin.warnings.map(fileProblem)) : h('p', { class: 'muted' }, 'None.')),
    h('p', {}, h('a', { href: '/workflows' }, 'Start a run from the workflows page →')));
}
