// "/runs/{id}": one run, live: its phases on a timeline, errors, shared data, artifacts, and the actions it allows.
import { get, post, del, download, text, streamEvents, ApiError } from '../api.js';
import { h, append, fill, duration, time, statusBadge, runDuration, target, notice, problemNotice, pageTitle } from '../dom.js';
import { timeline } from '../timeline.js';
import { jsonTree } from '../tree.js';

const textTypes = /\.(md|markdown|txt|text|json|ya?ml|csv|log|xml|html?|toml|ini)$/i;

export async function runPage({ main, params: [id], signal, navigate }) {
  const path = `/api/runs/${encodeURIComponent(id)}`;
  let run;
  try {
    run = await get(path, { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    append(main, pageTitle(`Run ${id}`), error instanceof ApiError ? problemNotice(error) : notice('error', String(error)), h('p', {}, h('a', { href: '/' }, '← All runs')));
    return;
  }

  const header = h('div', { class: 'run-header' });
  const actions = h('section', { class: 'panel', 'aria-labelledby': 'actions-title' });
  const message = h('div', { 'aria-live': 'polite' });
  const phases = h('section', { class: 'panel', 'aria-labelledby': 'phases-title' });
  const problems = h('div');
  const artifacts = h('section', { class: 'panel', 'aria-labelledby': 'artifacts-title' });
  const shared = h('section', { class: 'panel', 'aria-labelledby': 'shared-title' });
  const preview = h('div');
  append(main, h('p', { class: 'crumbs' }, h('a', { href: '/' }, '← All runs')), pageTitle(`Run ${id}`), header, message, actions, problems, phases, artifacts, preview, shared);

  const pluginName = run.plugin?.name ?? run.progress?.plugin;
  const plugin = pluginName ? await get(`/api/plugins/${encodeURIComponent(pluginName)}`, { signal }).catch(() => null) : null;
  const open = new Set();

  // Parts with controls are drawn again only when what they show changed, so the focus and what is typed stay.
  let shown = {};
  const draw = () => {
    fill(header, summary(run));
    fill(phases, h('h2', { id: 'phases-title' }, 'Phases'), timeline(run, plugin?.phases ?? null));
    const data = run.output?.shared_data ?? run.progress?.shared_data;
    const listed = run.output?.artifacts?.length ? run.output.artifacts : run.progress?.artifacts ?? [];
    const now = {
      actions: `${run.status}|${run.progress?.waiting_for_approval ?? ''}`,
      problems: JSON.stringify([run.failure, run.progress?.errors]),
      artifacts: JSON.stringify([run.is_terminal, listed]),
      shared: JSON.stringify([run.progress?.omitted, data]),
    };
    if (now.actions !== shown.actions) fill(actions, h('h2', { id: 'actions-title' }, 'Actions'), actionForms(run, path, message, navigate));
    if (now.problems !== shown.problems) fill(problems, failureNotes(run));
    if (now.artifacts !== shown.artifacts) fill(artifacts, h('h2', { id: 'artifacts-title' }, 'Artifacts'), artifactList(run, listed, preview));
    if (now.shared !== shown.shared) {
      fill(shared, h('h2', { id: 'shared-title' }, 'Shared data'),
        run.progress?.omitted ? notice('info', `Left out of the status: ${run.progress.omitted}`) : null,
        data ? jsonTree(data, open) : h('p', { class: 'muted' }, 'None yet.'));
    }
    shown = now;
  };
  draw();

  // Live: the run's server-sent events until it ends; a stream cut short is opened again.
  const tick = setInterval(() => { if (!run.is_terminal) draw(); }, 1000);
  signal.addEventListener('abort', () => clearInterval(tick));
  while (!run.is_terminal && !signal.aborted) {
    try {
      await streamEvents(`${path}/events`, (_, next) => { run = next; draw(); }, signal);
      if (!run.is_terminal) run = await get(path, { signal });
      draw();
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error instanceof ApiError && error.status === 404) {
        fill(message, notice('info', 'This run is gone (purged). ', h('a', { href: '/' }, 'See the runs.')));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function summary(run) {
  const rows = [
    ['Status', statusBadge(run.status)],
    ['Target', target(run) + (run.plugin ? ` (plugin ${run.plugin.name} ${run.plugin.version})` : '')],
    ['Started', time(run.created_at)],
    ['Duration', duration(runDuration(run))],
    ['Now', run.progress?.summary ?? '–'],
  ];
  if (run.retry_of) rows.push(['Retry of', h('a', { href: `/runs/${encodeURIComponent(run.retry_of)}` }, run.retry_of)]);
  if (run.retried_by?.length) rows.push(['Retried by', run.retried_by.map((r, i) => [i ? ', ' : '', h('a', { href: `/runs/${encodeURIComponent(r)}` }, r)])]);
  if (run.output?.steps?.length) rows.push(['Steps', run.output.steps.map((s, i) => [i ? ', ' : '', h('a', { href: `/runs/${encodeURIComponent(s.run_id)}` }, `${i + 1}. ${s.plugin}`)])]);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function failureNotes(run) {
  const errors = run.progress?.errors ?? [];
  return h('div', {},
    run.failure ? notice('error', h('strong', {}, 'Failed: '), run.failure, run.failure_type ? h('span', { class: 'muted' }, ` (${run.failure_type})`) : null) : null,
    errors.length ? h('section', { class: 'panel', 'aria-labelledby': 'errors-title' }, h('h2', { id: 'errors-title' }, 'Errors'), h('ul', { class: 'errors' }, errors.map((e) => h('li', {}, e)))) : null);
}

/** The forms for what the run allows now; each posts to the run's /api route and shows the answer. */
function actionForms(run, path, message, navigate) {
  const act = async (button, send, done) => {
    button.disabled = true;
    fill(message);
    try {
      await send();
      fill(message, notice('ok', done));
    } catch (error) {
      fill(message, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    } finally {
      button.disabled = false;
    }
  };
  const forms = [];
  const waiting = run.progress?.waiting_for_approval;
  if (waiting && !run.is_terminal) {
    const payload = h('textarea', { id: 'approve-payload', rows: 3, placeholder: '{"note": "looks good"}' });
    const approve = h('button', { type: 'submit', class: 'primary', id: 'approve' }, `Approve ${waiting}`);
    const approveForm = h('form', { class: 'action' }, h('label', { for: payload.id }, 'Payload (optional JSON)'), payload, approve);
    approveForm.addEventListener('submit', (event) => {
      event.preventDefault();
      let body;
      try {
        body = payload.value.trim() ? { phase: waiting, payload: JSON.parse(payload.value) } : { phase: waiting };
      } catch (error) {
        fill(message, notice('error', `The payload is not JSON: ${error.message}`));
        payload.focus();
        return;
      }
      act(approve, () => post(`${path}/approve`, body), `Approved ${waiting}.`);
    });
    const reason = h('input', { id: 'reject-reason', required: true, placeholder: 'why' });
    const reject = h('button', { type: 'submit', class: 'danger', id: 'reject' }, `Reject ${waiting}`);
    const rejectForm = h('form', { class: 'action' }, h('label', { for: reason.id }, 'Reason'), reason, reject);
    rejectForm.addEventListener('submit', (event) => {
      event.preventDefault();
      act(reject, () => post(`${path}/reject`, { phase: waiting, reason: reason.value }), `Rejected ${waiting}.`);
    });
    forms.push(h('div', { class: 'approval' }, h('p', {}, h('strong', {}, `${waiting}`), ' waits for approval.'), approveForm, rejectForm));
  }

  const simple = (name, label, kind, done) => {
    const button = h('button', { type: 'button', class: kind, id: name }, label);
    button.addEventListener('click', () => act(button, () => post(`${path}/${name}`, {}), done));
    return button;
  };
  const buttons = [];
  if (run.status === 'running' || run.status === 'pending') buttons.push(simple('suspend', 'Suspend', '', 'Suspended.'));
  if (run.status === 'suspended') buttons.push(simple('resume', 'Resume', 'primary', 'Resumed.'));
  if (!run.is_terminal) buttons.push(simple('terminate', 'Terminate', 'danger', 'Terminated.'));
  if (run.is_terminal) {
    const purge = h('button', { type: 'button', class: 'danger', id: 'purge' }, 'Purge');
    const confirm = h('span', { class: 'confirm', hidden: true },
      'Delete its history and workspace for good? ',
      h('button', { type: 'button', class: 'danger', id: 'purge-confirm', onclick: (event) => act(event.currentTarget, async () => {
        await del(path);
        navigate('/', { replace: true });
      }, 'Purged.') }, 'Purge run'),
      h('button', { type: 'button', onclick: () => { confirm.hidden = true; purge.hidden = false; purge.focus(); } }, 'Cancel'));
    purge.addEventListener('click', () => {
      purge.hidden = true;
      confirm.hidden = false;
      confirm.querySelector('button').focus();
    });
    buttons.push(purge, confirm);
  }
  forms.push(h('div', { class: 'actions' }, buttons));
  return forms;
}

function artifactList(run, listed, preview) {
  if (!listed.length) return h('p', { class: 'muted' }, run.is_terminal ? 'This run produced no artifacts.' : 'None yet.');
  // A workflow step's files are in its workflow run's workspace.
  const owner = run.run_id.replace(/:step\d+$/, '');
  return h('ul', { class: 'artifacts' }, listed.map((artifact) => {
    const url = `/api/runs/${encodeURIComponent(owner)}/artifacts/${artifact.split('/').map(encodeURIComponent).join('/')}`;
    const name = artifact.split('/').pop();
    const fail = (error) => fill(preview, error instanceof ApiError ? problemNotice(error) : notice('error', String(error)));
    return h('li', {},
      h('code', {}, artifact), ' ',
      textTypes.test(artifact) ? h('button', { type: 'button', class: 'quiet', onclick: async () => {
        try {
          const content = await text(url);
          fill(preview, h('section', { class: 'panel', 'aria-labelledby': 'preview-title' },
            h('h2', { id: 'preview-title' }, artifact), h('pre', { class: 'artifact', tabindex: '0' }, content)));
          preview.querySelector('h2').scrollIntoView({ block: 'start' });
        } catch (error) {
          fail(error);
        }
      } }, 'View') : null,
      h('button', { type: 'button', class: 'quiet', onclick: () => download(url, name).catch(fail) }, 'Download'));
  }));
}
