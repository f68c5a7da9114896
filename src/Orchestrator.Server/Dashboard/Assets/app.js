// The dashboard's router: each address (/, /runs/{id}, /plugins, /plugins/{name}, /workflows) draws its page into
// <main>; links between pages change the address without reloading.
import { onKeyNeeded, hasKey, forgetKey } from './api.js';
import { h, append, fill } from './dom.js';
import { runsPage } from './pages/runs.js';
import { runPage } from './pages/run.js';
import { pluginsPage } from './pages/plugins.js';
import { pluginPage } from './pages/plugin.js';
import { workflowsPage } from './pages/workflows.js';

const routes = [
  { pattern: /^\/$/, nav: 'runs', page: runsPage },
  { pattern: /^\/runs\/([^/]+)$/, nav: 'runs', page: runPage },
  { pattern: /^\/plugins$/, nav: 'plugins', page: pluginsPage },
  { pattern: /^\/plugins\/([^/]+)$/, nav: 'plugins', page: pluginPage },
  { pattern: /^\/workflows$/, nav: 'workflows', page: workflowsPage },
];

let current = null;

/** Goes to a dashboard address. */
export function navigate(url, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render();
}

async function render() {
  declined = false;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const main = document.getElementById('main');
  fill(main);
  const route = routes.find((r) => r.pattern.test(location.pathname));
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === route?.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!route) {
    append(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'The dashboard has no page at this address. ', h('a', { href: '/' }, 'See the runs.')));
    return;
  }
  const params = route.pattern.exec(location.pathname).slice(1).map(decodeURIComponent);
  try {
    await route.page({ main, params, query: new URLSearchParams(location.search), signal: controller.signal, navigate });
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  }
  if (current === controller) {
    document.getElementById('forget-key').hidden = !hasKey();
    const title = main.querySelector('h1');
    if (title) {
      document.title = `${title.textContent} · Orchestrator`;
      title.focus({ preventScroll: true });
    }
  }
}

// The key dialog: one at a time, whatever number of requests are waiting for it. Once the user cancels it, requests
// that still need a key fail without asking again (a request in flight would otherwise reopen it at once) until the
// user asks for it ("Enter the API key") or goes to another page.
let pendingKey = null;
let declined = false;
onKeyNeeded((message) => {
  if (declined) return Promise.resolve(null);
  pendingKey ??= new Promise((resolve) => {
    const dialog = document.getElementById('key-dialog');
    const input = document.getElementById('key-input');
    document.getElementById('key-message').textContent = message;
    input.value = '';
    dialog.addEventListener('close', () => {
      pendingKey = null;
      const key = dialog.returnValue === 'use' && input.value.trim() ? input.value.trim() : null;
      declined = key === null;
      resolve(key);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
  return pendingKey;
});

document.getElementById('forget-key').addEventListener('click', () => {
  forgetKey();
  render();
});

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.origin !== location.origin || link.hasAttribute('download') || link.target) return;
  if (!routes.some((r) => r.pattern.test(link.pathname))) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});

window.addEventListener('popstate', render);
window.addEventListener('dashboard:retry', render);
render();
