// Every request of the dashboard goes through here, to the same /api routes and checks as any other client.
// The API key the user gives is kept in sessionStorage (this tab, until it closes) and sent as X-Api-Key.

const keyName = 'orchestrator.apiKey';
let askForKey = async () => null;

/** An answer of the API that is not a success, with its problem details (RFC 7807) when it sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Sets the function that asks the user for a key; it resolves to the key, or null when the user declines. */
export function onKeyNeeded(ask) {
  askForKey = ask;
}

export function hasKey() {
  return sessionStorage.getItem(keyName) !== null;
}

export function forgetKey() {
  sessionStorage.removeItem(keyName);
}

/** Sends a request; JSON bodies in and out. Asks for a key on 401 and tries again with it. */
export async function request(method, path, body, { signal, raw = false } = {}) {
  for (;;) {
    const sent = sessionStorage.getItem(keyName);
    const headers = { Accept: 'application/json' };
    if (sent !== null) headers['X-Api-Key'] = sent;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      // Another request may have been given a new key meanwhile: then just try again with it.
      if (sessionStorage.getItem(keyName) !== sent) continue;
      forgetKey();
      const key = await askForKey(sent === null ? 'This server requires an API key.' : 'That key was not accepted: check it and enter it again.');
      if (key) {
        sessionStorage.setItem(keyName, key);
        continue;
      }
    }

    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch {
        problem = null;
      }
      throw new ApiError(response.status, problem);
    }

    if (raw) return response;
    return response.status === 204 ? null : response.json();
  }
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);

/**
 * Reads a server-sent event stream (GET /api/runs/{id}/events) with fetch, so that the API key goes in a header
 * (EventSource cannot send one). Calls onEvent(name, data) for each event; resolves when the stream closes.
 */
export async function streamEvents(path, onEvent, signal) {
  const response = await request('GET', path, undefined, { signal, raw: true });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

/** Fetches a file with the key and hands it to the browser as a download. */
export async function download(path, fileName) {
  const response = await request('GET', path, undefined, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file with the key as text. */
export async function text(path) {
  const response = await request('GET', path, undefined, { raw: true });
  return response.text();
}
