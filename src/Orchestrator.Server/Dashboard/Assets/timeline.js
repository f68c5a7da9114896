// A run's phases on one time axis: a bar per phase from its first attempt's start to its last attempt's end, a mark
// per failed attempt (the retries follow it), a striped bar while a phase runs or waits for approval, and the phases
// of one order (which run side by side) drawn together as a group.
import { h, duration } from './dom.js';

/**
 * run: the RunRecord; phases: the plugin's phases ({name, order, parallel, approval, required}) or null when the
 * plugin is not loaded (then the phases are those the run reported).
 */
export function timeline(run, phases) {
  const progress = run.progress ?? {};
  const shared = run.output?.shared_data ?? progress.shared_data ?? {};
  const metrics = shared.metrics?.phases ?? {};
  const errors = shared.errors ?? [];
  const completed = new Map((progress.completed ?? []).map((c) => [c.phase, c]));
  const running = new Map((progress.running ?? []).map((r) => [r.phase, r]));
  const waiting = progress.waiting_for_approval;
  const known = phases ?? [...new Set([...completed.keys(), ...running.keys(), ...(waiting ? [waiting] : [])])].map((name, i) => ({ name, order: i + 1 }));
  if (known.length === 0) return h('p', { class: 'muted' }, 'No phase has started yet.');

  const now = run.is_terminal ? Date.parse(run.last_updated_at) : Date.now();
  const starts = [Date.parse(run.created_at), ...Object.values(metrics).map((m) => Date.parse(m.started_at)).filter(Number.isFinite)];
  const start = Math.min(...starts);
  const ends = [now, ...Object.values(metrics).map((m) => Date.parse(m.ended_at)).filter(Number.isFinite)];
  const end = Math.max(...ends, start + 1);
  const at = (t) => `${(((t - start) / (end - start)) * 100).toFixed(2)}%`;
  const span = (from, to) => `left: ${at(from)}; width: max(3px, ${(((to - from) / (end - start)) * 100).toFixed(2)}%)`;

  const groups = new Map();
  for (const phase of known) {
    if (!groups.has(phase.order)) groups.set(phase.order, []);
    groups.get(phase.order).push(phase);
  }

  const lane = (phase) => {
    const done = completed.get(phase.name);
    const live = running.get(phase.name);
    const measured = metrics[phase.name];
    const failures = errors.filter((e) => e.phase === phase.name);
    const bars = [];
    let state = 'not started';
    let detail = '';
    let waited = '';
    if (phase.approval && Number.isFinite(Date.parse(measured?.started_at))) {
      // The wait for the decision: from the end of the phases before it to its start.
      const before = known.filter((p) => p.order < phase.order).map((p) => Date.parse(metrics[p.name]?.ended_at)).filter(Number.isFinite);
      const from = before.length ? Math.max(...before) : start;
      const to = Date.parse(measured.started_at);
      if (to > from) {
        bars.push(h('span', { class: 'bar waited', style: span(from, to), title: `waited ${duration(to - from)} for approval` }));
        waited = `, waited ${duration(to - from)} for approval`;
      }
    }
    if (done) {
      state = done.copied_from ? `taken from ${done.copied_from}` : done.succeeded ? 'succeeded' : 'failed (optional)';
      detail = `${duration(done.duration_ms)}, ${attempts(done.attempts)}${waited}`;
      const from = Date.parse(measured?.started_at);
      const to = Date.parse(measured?.ended_at);
      if (Number.isFinite(from) && Number.isFinite(to)) bars.push(h('span', { class: `bar ${done.succeeded ? 'ok' : 'failed'}`, style: span(from, to) }));
    } else if (live) {
      state = `running, attempt ${live.attempt} of ${live.max_attempts}`;
      const from = Date.parse(live.started_at);
      detail = `${duration(now - from)} so far${live.estimated_ms ? `, estimated ${duration(live.estimated_ms)}` : ''}`;
      bars.push(h('span', { class: 'bar running', style: span(from, now) }));
      if (live.estimated_ms) bars.push(h('span', { class: 'bar estimate', style: span(from, Math.min(end, from + live.estimated_ms)) }));
    }
    if (waiting === phase.name) {
      state = 'waiting for approval';
      // An approval phase waits before it starts; the status was last written when the wait began.
      const from = Date.parse(run.last_updated_at);
      detail = `waiting ${duration(now - from)}`;
      bars.push(h('span', { class: 'bar waiting', style: span(from, now) }));
    }
    for (const failure of failures) {
      const t = Date.parse(failure.occurred_at);
      if (Number.isFinite(t)) bars.push(h('span', { class: 'mark', style: `left: ${at(t)}`, title: `attempt ${failure.attempt} failed: ${failure.message}` }));
    }
    const label = `${phase.name}: ${state}${detail ? `, ${detail}` : ''}${failures.length ? `, ${failures.length} failed attempt${failures.length > 1 ? 's' : ''}` : ''}`;
    return h('li', { class: `lane state-${state.split(/[ ,(]/)[0]}`, dataset: { phase: phase.name } },
      h('div', { class: 'lane-label' },
        h('strong', {}, phase.name),
        phase.approval ? h('span', { class: 'tag' }, 'approval') : null,
        phase.required === false ? h('span', { class: 'tag' }, 'optional') : null,
        h('span', { class: 'lane-state' }, state), detail ? h('span', { class: 'muted' }, detail) : null),
      h('div', { class: 'track', role: 'img', 'aria-label': label }, bars));
  };

  return h('div', { class: 'timeline' },
    h('div', { class: 'axis muted' }, h('span', {}, new Date(start).toLocaleTimeString()), h('span', {}, `${duration(end - start)}`), h('span', {}, run.is_terminal ? new Date(end).toLocaleTimeString() : 'now')),
    h('ol', { class: 'groups' }, [...groups.entries()].sort(([a], [b]) => a - b).map(([order, members]) =>
      h('li', { class: `group${members.length > 1 ? ' parallel' : ''}`, dataset: { order: String(order) } },
        members.length > 1 ? h('div', { class: 'group-label muted' }, `side by side (order ${order})`) : null,
        h('ul', { class: 'lanes' }, members.map(lane))))));
}

function attempts(count) {
  return count > 1 ? `${count} attempts (${count - 1} ${count === 2 ? 'retry' : 'retries'})` : '1 attempt';
}
