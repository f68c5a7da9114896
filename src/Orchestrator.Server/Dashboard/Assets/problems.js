// Problems of plugin manifests and workflow files, each with its file:line and field.
import { h } from './dom.js';

/** A FileProblem: "file:line field: message". */
export function fileProblem(problem) {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return h('li', { class: `problem ${problem.severity}` },
    h('span', { class: `badge severity-${problem.severity}` }, problem.severity), ' ',
    h('code', {}, where), problem.field ? [' ', h('code', { class: 'problem-field' }, problem.field)] : null, ': ', problem.message);
}

/** A DiscoveryProblem: why a plugin found on disk was not loaded (or is shadowed), with its manifest's problems. */
export function discoveryProblem(problem) {
  return h('li', { class: 'discovery-problem' },
    h('span', { class: 'badge' }, problem.kind.replaceAll('_', ' ')), ' ',
    problem.plugin ? h('strong', {}, `${problem.plugin}${problem.version ? ` ${problem.version}` : ''}`) : null, ' ',
    h('code', {}, problem.path), ': ', problem.message,
    problem.manifest_problems.length ? h('ul', {}, problem.manifest_problems.map(fileProblem)) : null);
}
