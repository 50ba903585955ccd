// Transactions: half messages not yet committed or rolled back, per broker group, with how often each was checked.
import { get } from '../api.js';
import { h, panel, table, badge, number, time } from '../dom.js';

export function mount(root) {
  const brokers = h('div');
  const open = h('div');
  root.append(
    h('h1', {}, 'Transactions'),
    panel('Half messages per broker group', brokers),
    panel('Open half messages', open),
  );
  return {
    live: true,
    async refresh() {
      const model = await get('transactions');
      brokers.replaceChildren(table(
        ['Broker group', 'Address', { label: 'Half messages', num: true }, { label: 'Resolved (op)', num: true }, { label: 'Check offset', num: true }, { label: 'Open', num: true }, { label: 'Max checks', num: true }],
        model.map(b => ({ cells: [b.brokerName, h('span', { class: 'mono' }, b.address),
          b.note ?? (b.hasHalfTopic ? number(b.halfMessages) : 'no transaction yet'), number(b.opMessages), number(b.checkOffset),
          b.open > 0 ? badge(`${b.open}${b.truncated ? '+' : ''}`, 'lag') : '0', b.maxCheckTimes] })),
        { empty: 'No broker.', testId: 'transaction-brokers' }));
      const messages = model.flatMap(b => b.messages.map(m => ({ broker: b.brokerName, ...m })));
      open.replaceChildren(table(['Broker group', 'Unique key', 'Topic', 'Producer group', 'Born', { label: 'Checks', num: true }],
        messages.map(m => ({ cells: [m.broker, h('span', { class: 'mono' }, m.uniqueKey ?? m.msgId), m.topic ?? '', m.producerGroup ?? '', time(m.bornTimestamp), m.checkTimes] })),
        { empty: 'Every transaction is resolved.', testId: 'open-transactions' }));
    },
  };
}
