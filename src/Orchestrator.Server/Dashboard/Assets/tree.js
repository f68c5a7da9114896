// JSON as a collapsible tree of <details> elements (keyboard: Tab to a node, Enter or Space opens and closes it).
import { h } from './dom.js';

/**
 * Draws value; the paths of open nodes are kept in `open` (a Set), so a tree drawn again after an update keeps what
 * the user opened. The first level is open until the user closes it.
 */
export function jsonTree(value, open, label = 'shared data') {
  return h('div', { class: 'tree' }, node(label, value, '$', open, 0));
}

function node(key, value, path, open, depth) {
  if (value === null || typeof value !== 'object') {
    return h('div', { class: 'leaf' }, h('span', { class: 'key' }, key), ': ', h('span', { class: `value ${value === null ? 'null' : typeof value}` }, JSON.stringify(value)));
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const size = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const isOpen = open.has(path) || (depth === 0 && !open.has(`!${path}`));
  const details = h('details', { open: isOpen, dataset: { path } },
    h('summary', {}, h('span', { class: 'key' }, key), ' ', h('span', { class: 'muted' }, size)),
    h('div', { class: 'children' }, entries.map(([k, v]) => node(k, v, `${path}/${k}`, open, depth + 1))));
  details.addEventListener('toggle', (event) => {
    event.stopPropagation();
    if (details.open) {
      open.add(path);
      open.delete(`!${path}`);
    } else {
      open.delete(path);
      open.add(`!${path}`);
    }
  });
  return details;
}
