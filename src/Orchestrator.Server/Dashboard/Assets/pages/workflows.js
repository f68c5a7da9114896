// "/workflows": the workflows that can be started, each with a start form made from its plugin's config_schema and
// its input (the workflow's input_schema, or the first phase's).
import { get, post, ApiError } from '../api.js';
import { h, append, fill, notice, problemNotice, pageTitle } from '../dom.js';
import { objectFields, showErrors, clearErrors } from '../form.js';
import { fileProblem } from '../problems.js';

export async function workflowsPage({ main, signal, navigate }) {
  append(main, pageTitle('Workflows'));
  let list;
  try {
    list = await get('/api/workflows?all=true', { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    append(main, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    return;
  }
  const startable = list.workflows.filter((w) => w.status === 'loaded');
  append(main, 
    startable.length ? h('ul', { class: 'cards' }, startable.map((w) => card(w, signal, navigate))) : notice('info', 'No workflow was found in the workflow search paths.'),
    list.problems.length ? h('section', { class: 'panel', 'aria-labelledby': 'wf-problems' }, h('h2', { id: 'wf-problems' }, 'Problems of workflow files'), h('ul', { class: 'problems' }, list.problems.map(fileProblem))) : null);
}

function card(workflow, signal, navigate) {
  const slot = h('div');
  const toggle = h('button', { type: 'button', class: 'primary', 'aria-expanded': 'false', 'aria-controls': `start-${workflow.name}`, id: `open-${workflow.name}` }, 'Start a run…');
  toggle.addEventListener('click', async () => {
    const opening = toggle.getAttribute('aria-expanded') === 'false';
    toggle.setAttribute('aria-expanded', String(opening));
    if (!opening) {
      fill(slot);
      return;
    }
    fill(slot, h('p', { class: 'muted' }, 'Loading the form…'));
    try {
      fill(slot, await startForm(workflow.name, signal, navigate));
      slot.querySelector('input, select, textarea')?.focus();
    } catch (error) {
      if (error.name !== 'AbortError') fill(slot, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    }
  });
  return h('li', { class: 'card', dataset: { workflow: workflow.name } },
    h('h2', {}, workflow.name, workflow.version ? h('span', { class: 'muted' }, ` ${workflow.version}`) : null),
    h('p', {}, workflow.description ?? ''),
    h('p', { class: 'muted' }, 'Runs ', workflow.plugins.map((p, i) => [i ? ' → ' : '', h('a', { href: `/plugins/${encodeURIComponent(p.split('@')[0])}` }, p)])),
    toggle, h('div', { id: `start-${workflow.name}` }, slot));
}

async function startForm(name, signal, navigate) {
  const detail = await get(`/api/workflows/${encodeURIComponent(name)}`, { signal });
  const first = detail.steps[0];
  const plugin = first && first.status === 'loaded' ? await get(`/api/plugins/${encodeURIComponent(first.plugin)}`, { signal }) : null;
  const single = detail.steps.length === 1 && plugin;

  // Config: the plugin's schema, filled with the workflow's config over the plugin's defaults.
  const schema = single ? plugin.config_schema ?? {} : {};
  const defaults = single ? { ...plugin.default_config, ...first.config } : {};
  const configProps = single ? Object.entries(schema.properties ?? Object.fromEntries(Object.keys(defaults).map((k) => [k, {}]))) : [];
  const config = objectFields('config', configProps, defaults, single ? [...new Set([...(schema.required ?? []), ...plugin.required_config])] : []);

  // Input: the workflow's schema, else the first phase's, else the keys of the default input.
  const inputValues = detail.input ?? first?.input ?? null;
  const firstPhase = plugin?.phases.slice().sort((a, b) => a.order - b.order)[0];
  const inputSchema = detail.input_schema ?? firstPhase?.input_schema ?? null;
  const inputProps = inputSchema?.properties ? Object.entries(inputSchema.properties)
    : inputValues && typeof inputValues === 'object' && !Array.isArray(inputValues) ? Object.keys(inputValues).map((k) => [k, { type: typeof inputValues[k] === 'string' ? 'string' : 'json' }]) : [];
  const input = objectFields('input', inputProps, inputValues ?? {}, inputSchema?.required ?? []);
  const rawInput = inputProps.length ? null : h('textarea', { id: 'input-json', rows: 4, class: 'json', 'aria-describedby': 'input-json-error', dataset: { field: 'input/' } }, inputValues === null ? '' : JSON.stringify(inputValues, null, 2));
  const rawConfig = single ? null : h('textarea', { id: 'config-json', rows: 3, class: 'json', placeholder: '{"key": "value"}', 'aria-describedby': 'config-json-error', dataset: { field: 'config/' } });

  const runId = h('input', { id: 'run-id', name: 'run_id', placeholder: 'made up from the workflow name and time' });
  const autoApprove = h('input', { id: 'auto-approve', type: 'checkbox', name: 'auto_approve' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start' }, `Start ${name}`);
  const messages = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'start-form', novalidate: true, 'aria-label': `Start ${name}` },
    h('fieldset', {}, h('legend', {}, 'Input'), rawInput ? [h('label', { for: 'input-json' }, 'Input (JSON)'), rawInput, h('p', { class: 'field-error', id: 'input-json-error', hidden: true })] : input.element),
    h('fieldset', {}, h('legend', {}, single ? `Config of ${plugin.name}` : 'Config (JSON, over each step\'s)'),
      rawConfig ? [rawConfig, h('p', { class: 'field-error', id: 'config-json-error', hidden: true })] : configProps.length ? config.element : h('p', { class: 'muted' }, 'This plugin takes no config.')),
    h('fieldset', {}, h('legend', {}, 'Run'),
      h('div', { class: 'field' }, h('label', { for: 'run-id' }, 'Run id (optional)'), runId),
      h('div', { class: 'field check' }, autoApprove, h('label', { for: 'auto-approve' }, 'Approve approval phases automatically'))),
    messages, submit);

  const initialConfig = JSON.stringify(config.initial());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    fill(messages);
    const readJson = (box) => {
      if (!box || box.value.trim() === '') return { value: undefined, problems: [] };
      try {
        return { value: JSON.parse(box.value), problems: [] };
      } catch (error) {
        return { value: undefined, problems: [[box.dataset.field, `not JSON: ${error.message}`]] };
      }
    };
    const inputRead = rawInput ? readJson(rawInput) : input.read();
    const configRead = rawConfig ? readJson(rawConfig) : config.read();
    const local = [...inputRead.problems, ...configRead.problems];
    if (local.length) {
      showErrors(form, local.map(([field, problem]) => `${field.split('/')[0]}: at /${field.split('/')[1]}: ${problem}`));
      return;
    }
    // Only the config the user changed is sent: the rest is the workflow's and the plugin's own.
    const changed = rawConfig ? configRead.value : Object.fromEntries(Object.entries(configRead.value).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(JSON.parse(initialConfig)[k])));
    const body = { input: inputRead.value, config: changed, auto_approve: autoApprove.checked };
    if (runId.value.trim()) body.run_id = runId.value.trim();
    submit.disabled = true;
    try {
      const run = await post(`/api/workflows/${encodeURIComponent(name)}/runs`, body);
      navigate(`/runs/${encodeURIComponent(run.run_id)}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const rest = showErrors(form, error.problem?.errors?.length ? error.problem.errors : [error.message]);
      fill(messages, notice('error', h('strong', {}, 'The run was not started: '), error.message,
        rest.length ? h('ul', {}, rest.map((e) => h('li', {}, e))) : null));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
