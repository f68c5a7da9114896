// A start form generated from JSON Schemas: one field per property (a select for an enum, a number box for numbers,
// a JSON box for objects and arrays), and the API's validation errors placed under the fields they name.
import { h } from './dom.js';

/** The first type of a schema that is not "null" (["integer", "null"] → "integer"). */
function typeOf(schema) {
  const types = [schema?.type ?? []].flat().filter((t) => t !== 'null');
  if (types.length === 0 && Array.isArray(schema?.enum)) return 'enum';
  return types[0] ?? 'json';
}

/**
 * The fields of one object: group is "config" or "input"; properties is [name, schema] pairs; values the values to
 * start with; required the names that must be given. Returns {element, read()} where read() gives the values set.
 */
export function objectFields(group, properties, values, required) {
  const fields = properties.map(([name, schema]) => field(group, name, schema ?? {}, values?.[name], required.includes(name)));
  return {
    element: h('div', { class: 'field-grid' }, fields.map((f) => f.element)),
    read: () => {
      const result = {};
      const problems = [];
      for (const f of fields) {
        const { value, problem } = f.read();
        if (problem) problems.push([`${group}/${f.name}`, problem]);
        else if (value !== undefined) result[f.name] = value;
      }
      return { value: result, problems };
    },
    initial: () => Object.fromEntries(fields.map((f) => [f.name, f.initial])),
  };
}

function field(group, name, schema, initial, required) {
  const id = `${group}-${name}`;
  const type = typeOf(schema);
  const describedBy = `${id}-error`;
  const common = { id, name: `${group}.${name}`, 'aria-describedby': describedBy, dataset: { field: `${group}/${name}` } };
  let control;
  let read;
  if (Array.isArray(schema.enum)) {
    const choices = schema.enum.filter((v) => v !== null);
    control = h('select', common, h('option', { value: '' }, required ? 'choose…' : '(not set)'), choices.map((v) => h('option', { value: JSON.stringify(v), selected: JSON.stringify(v) === JSON.stringify(initial) }, String(v))));
    read = () => ({ value: control.value ? JSON.parse(control.value) : undefined });
  } else if (type === 'boolean') {
    control = h('select', common, h('option', { value: '' }, '(not set)'), ['true', 'false'].map((v) => h('option', { value: v, selected: String(initial) === v }, v)));
    read = () => ({ value: control.value ? control.value === 'true' : undefined });
  } else if (type === 'integer' || type === 'number') {
    control = h('input', { ...common, type: 'number', step: type === 'integer' ? '1' : 'any', inputmode: type === 'integer' ? 'numeric' : 'decimal', value: initial ?? '' });
    read = () => {
      if (control.value.trim() === '') return { value: undefined };
      const number = Number(control.value);
      return Number.isFinite(number) ? { value: number } : { problem: 'not a number' };
    };
  } else if (type === 'string') {
    const long = (schema.maxLength ?? 0) > 200 || name === 'premise' || String(initial ?? '').length > 60;
    control = long ? h('textarea', { ...common, rows: 3 }, initial ?? '') : h('input', { ...common, value: initial ?? '' });
    read = () => ({ value: control.value === '' ? undefined : control.value });
  } else {
    control = h('textarea', { ...common, rows: 3, class: 'json' }, initial === undefined ? '' : JSON.stringify(initial, null, 2));
    read = () => {
      if (control.value.trim() === '') return { value: undefined };
      try {
        return { value: JSON.parse(control.value) };
      } catch (error) {
        return { problem: `not JSON: ${error.message}` };
      }
    };
  }
  const hint = [type === 'json' ? 'JSON' : type, schema.minimum !== undefined ? `≥ ${schema.minimum}` : null, schema.maximum !== undefined ? `≤ ${schema.maximum}` : null, required ? 'required' : null].filter(Boolean).join(', ');
  const element = h('div', { class: 'field' },
    h('label', { for: id }, name, h('span', { class: 'muted' }, ` (${hint})`)),
    control,
    schema.description ? h('p', { class: 'hint' }, schema.description) : null,
    h('p', { class: 'field-error', id: describedBy, hidden: true }));
  return { name, element, initial, read };
}

/**
 * Places the API's errors (problem details "errors", e.g. "config: at /target_words: 10 is less than 500 …" or
 * "config: 'genre' is required …") under the fields they name; returns the errors no field took.
 */
export function showErrors(form, errors) {
  clearErrors(form);
  const rest = [];
  for (const error of errors) {
    const target = fieldOf(error);
    const box = target && form.querySelector(`[data-field="${CSS.escape(target)}"]`);
    if (!box) {
      rest.push(error);
      continue;
    }
    const message = document.getElementById(box.getAttribute('aria-describedby'));
    message.hidden = false;
    message.textContent = message.textContent ? `${message.textContent} ${error}` : error;
    box.setAttribute('aria-invalid', 'true');
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
  return rest;
}

export function clearErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) {
    message.hidden = true;
    message.textContent = '';
  }
  for (const box of form.querySelectorAll('[aria-invalid]')) box.removeAttribute('aria-invalid');
}

function fieldOf(error) {
  const group = /^(config|input)\b/.exec(error)?.[1];
  if (!group) return null;
  const name = /\bat \/([^/:\s]+)/.exec(error)?.[1]
    ?? /^\w+:\s*'([^']+)'/.exec(error)?.[1]
    ?? /required propert(?:y|ies)\W*([A-Za-z0-9_-]+)/i.exec(error)?.[1];
  return name ? `${group}/${name.replaceAll('~1', '/').replaceAll('~0', '~')}` : null;
}
