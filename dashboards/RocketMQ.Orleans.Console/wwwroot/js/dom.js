// DOM and formatting helpers. Every value from the cluster (topic names, message bodies, properties) goes through
// textContent, never innerHTML: a message body is user data.

/** Creates an element: h('td', { class: 'num' }, 'text', childNode, ...). */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A table with a header row; rows are arrays of cells (strings, nodes, or { value, class }). */
export function table(headers, rows, { empty = 'Nothing to show.', onRowClick, testId } = {}) {
  if (rows.length === 0) return h('div', { class: 'empty', 'data-testid': testId }, empty);
  const head = h('tr', {}, headers.map(header => h('th', { class: header.num ? 'num' : undefined }, header.label ?? header)));
  const body = rows.map(row => h('tr', {
    class: onRowClick ? 'clickable' : undefined,
    onclick: onRowClick ? () => onRowClick(row) : undefined,
  }, row.cells.map((cell, i) => h('td', { class: cellClass(headers[i], cell) }, cell?.value ?? cell))));
  return h('table', { 'data-testid': testId }, h('thead', {}, head), h('tbody', {}, body));
}

function cellClass(header, cell) {
  const classes = [];
  if (header?.num) classes.push('num');
  if (cell?.class) classes.push(cell.class);
  return classes.length ? classes.join(' ') : undefined;
}

export function panel(title, ...children) {
  return h('section', { class: 'panel' }, title ? h('h2', {}, title) : null, children);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind ?? ''}` }, text);
}

export function notice(text, ok) {
  return h('div', { class: `message ${ok ? 'ok' : 'error'}`, role: ok ? 'status' : 'alert' }, text);
}

export function number(value, digits = 0) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function time(ms) {
  if (!ms) return '–';
  const date = new Date(Number(ms));
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "2026-11-24T23:10" (datetime-local) in local time for a Unix ms value. */
export function localInput(ms) {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return date.toISOString().slice(0, 16);
}

export function bytesFromBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Classic hex dump: offset, 16 bytes in hex, printable ASCII. */
export function hexDump(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    const hex = Array.from(chunk, b => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, b => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
