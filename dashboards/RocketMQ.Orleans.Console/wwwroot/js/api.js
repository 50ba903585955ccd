// JSON calls to the console's API; a failed call throws an Error carrying the server's message.

export async function get(path) {
  return call('GET', path);
}

export async function post(path, body) {
  return call('POST', path, body);
}

export async function del(path) {
  return call('DELETE', path);
}

async function call(method, path, body) {
  const response = await fetch(`api/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // ACL on and no session (or it ended): back to the sign-in page.
  if (response.status === 401 && path !== 'login') {
    location.href = 'login.html';
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(data?.error ?? `${method} ${path}: HTTP ${response.status}`);
  return data;
}

export const enc = encodeURIComponent;
