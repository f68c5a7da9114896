// Small DOM helpers. Every value from the API goes in as text (never as HTML).

/** Creates an element: h('a', {href: '/x', class: 'y'}, 'text', child). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    // Through the CSSOM: the content security policy refuses style attributes.
    else if (name === 'style') element.style.cssText = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Replaces the children of element (arrays are flattened; null, undefined and false are left out). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** Adds children to element, as h and fill do. */
export function append(element, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A duration in milliseconds as "850 ms", "12.3 s", "4 min 05 s" or "2 h 03 min". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** An ISO time as the browser's local date and time, with the ISO value as its tooltip. */
export function time(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString());
}

/** A run's status as a badge. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, status);
}

/** How long a run has taken: to its last update once finished, to now while it goes on. */
export function runDuration(run) {
  const end = run.is_terminal ? Date.parse(run.last_updated_at) : Date.now();
  return end - Date.parse(run.created_at);
}

/** The workflow or plugin a run runs. */
export function target(run) {
  if (run.workflow) return `workflow ${run.workflow}`;
  const plugin = run.plugin?.name ?? run.progress?.plugin;
  return plugin ? `plugin ${plugin}` : '–';
}

/** A message box: kind is "error", "info" or "ok". */
export function notice(kind, ...content) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...content);
}

/** A problem from the API (an ApiError) as a message with every listed error. */
export function problemNotice(error) {
  const errors = error.problem?.errors ?? [];
  const retry = error.status === 401
    ? h('p', {}, h('button', { type: 'button', onclick: () => window.dispatchEvent(new Event('dashboard:retry')) }, 'Enter the API key'))
    : null;
  return notice('error', h('strong', {}, error.message), errors.length ? h('ul', {}, errors.map((e) => h('li', {}, e))) : null, retry);
}

/** A heading that takes the focus after navigation, so keyboard and screen reader users land on the new page. */
export function pageTitle(text, ...extra) {
  return h('h1', { tabindex: '-1', id: 'page-title' }, text, ...extra);
}
