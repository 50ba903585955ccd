// Messages: lookup by key, by id, or by topic and store-time range; a message's properties and body (text or hex);
// resend to a consumer group.
import { get, post, enc } from '../api.js';
import { h, panel, table, notice, number, time, localInput, bytesFromBase64, hexDump } from '../dom.js';

const modes = [
  { id: 'key', label: 'By key' },
  { id: 'id', label: 'By message id' },
  { id: 'time', label: 'By time range' },
];

export function mount(root, initialTopic) {
  let mode = 'key';
  const topic = h('input', { name: 'topic', placeholder: 'Topic', value: initialTopic ?? '' });
  const key = h('input', { name: 'key', placeholder: 'Message key' });
  const id = h('input', { name: 'id', placeholder: 'Offset message id or unique key', size: 40 });
  const begin = h('input', { type: 'datetime-local', name: 'begin', value: localInput(Date.now() - 3600000) });
  const end = h('input', { type: 'datetime-local', name: 'end', value: localInput(Date.now() + 60000) });
  const fields = h('span', { class: 'inline', style: 'display:contents' });
  const form = h('form', { class: 'inline', id: 'message-search' }, fields, h('button', { type: 'submit' }, 'Search'));
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const results = h('div');
  const detail = h('div');

  const renderMode = () => {
    tabs.replaceChildren(...modes.map(m => h('button', {
      type: 'button', role: 'tab', class: m.id === mode ? 'active' : undefined, 'aria-selected': m.id === mode ? 'true' : 'false',
      onclick: () => { mode = m.id; renderMode(); },
    }, m.label)));
    const labelled = (text, input) => h('label', {}, text, input);
    fields.replaceChildren(...(mode === 'key' ? [labelled('Topic', topic), labelled('Key', key)]
      : mode === 'id' ? [labelled('Message id', id), labelled('Topic (for a unique key)', topic)]
        : [labelled('Topic', topic), labelled('From', begin), labelled('To', end)]));
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    detail.replaceChildren();
    try {
      const found = mode === 'key' ? await get(`messages/by-key?topic=${enc(topic.value.trim())}&key=${enc(key.value.trim())}`)
        : mode === 'id' ? await get(`messages/by-id?id=${enc(id.value.trim())}&topic=${enc(topic.value.trim())}`)
          : await get(`messages/by-time?topic=${enc(topic.value.trim())}&begin=${new Date(begin.value).getTime()}&end=${new Date(end.value).getTime()}`);
      results.replaceChildren(
        h('p', { class: 'muted', 'data-testid': 'result-count' }, `${found.length} message(s)`),
        table(['Message id', 'Topic', 'Tags', 'Keys', 'Stored', { label: 'Size', num: true }],
          found.map(m => ({ message: m, cells: [h('span', { class: 'mono' }, m.msgId), m.topic, m.tags ?? '', m.keys ?? '', time(m.storeTimestamp), number(m.bodySize)] })),
          { empty: 'No message found.', testId: 'message-results', onRowClick: row => showDetail(detail, row.message) }));
      if (found.length === 1) showDetail(detail, found[0]);
    } catch (error) {
      results.replaceChildren(notice(error.message, false));
    }
  });

  renderMode();
  root.append(h('h1', {}, 'Messages'), panel(null, tabs, form), panel('Results', results), detail);
  return { live: false, refresh: async () => {} };
}

function showDetail(container, message) {
  const bytes = bytesFromBase64(message.body);
  const body = h('pre', { class: 'body', 'data-testid': 'message-body' });
  let view = 'text';
  const toggle = h('div', { class: 'tabs' });
  const render = () => {
    body.textContent = view === 'text' ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : hexDump(bytes);
    toggle.replaceChildren(...['text', 'hex'].map(v => h('button', {
      type: 'button', class: v === view ? 'active' : undefined, onclick: () => { view = v; render(); },
    }, v === 'text' ? 'Text' : 'Hex')));
  };
  render();

  const group = h('input', { name: 'group', placeholder: 'Consumer group', required: true });
  const result = h('div');
  const resend = h('form', { class: 'inline', id: 'resend' }, h('label', {}, 'Consumer group', group), h('button', { type: 'submit' }, 'Resend to group'));
  resend.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const answer = await post('messages/resend', { msgId: message.msgId, group: group.value.trim() });
      result.replaceChildren(notice(`Sent back to ${answer.topic}; the group's consumers receive it again.`, true));
    } catch (error) {
      result.replaceChildren(notice(error.message, false));
    }
  });

  const facts = [
    ['Message id', message.msgId], ['Unique key', message.uniqueKey ?? ''], ['Topic', message.topic], ['Tags', message.tags ?? ''],
    ['Keys', message.keys ?? ''], ['Queue', `${message.queueId} @ offset ${message.queueOffset}`], ['Store host', message.storeHost],
    ['Born host', message.bornHost], ['Born', time(message.bornTimestamp)], ['Stored', time(message.storeTimestamp)],
    ['Reconsume times', message.reconsumeTimes], ['Body size', `${message.bodySize} bytes`],
  ];
  container.replaceChildren(h('div', { class: 'grid', 'data-testid': 'message-detail' },
    panel('Message', table(['Field', 'Value'], facts.map(([name, value]) => ({ cells: [name, h('span', { class: 'mono' }, value)] })))),
    panel('Properties', table(['Name', 'Value'], Object.entries(message.properties).map(([name, value]) => ({ cells: [h('span', { class: 'mono' }, name), h('span', { class: 'mono' }, value)] })),
      { testId: 'message-properties' }))),
  panel('Body', toggle, body),
  panel('Resend', resend, result));
}
