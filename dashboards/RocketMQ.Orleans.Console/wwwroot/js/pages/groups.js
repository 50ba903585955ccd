// Consumer groups: list with total lag, and a group's members, subscriptions, per-queue offsets and lag, live lag and
// consume TPS charts, and reset offset by time.
import { get, post, enc } from '../api.js';
import { h, panel, table, badge, notice, number, time, localInput } from '../dom.js';
import { LineChart } from '../chart.js';

export function mount(root, group, app) {
  return group === undefined ? list(root, app) : detail(root, group);
}

function list(root, app) {
  const showSystem = h('input', { type: 'checkbox' });
  const rows = h('div');
  const open = h('input', { placeholder: 'Group name', 'aria-label': 'Group name' });
  const form = h('form', { class: 'inline' }, open, h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (open.value.trim()) app.navigate('groups', open.value.trim());
  });
  let groups = [];
  const render = () => rows.replaceChildren(table(['Group', { label: 'Queues', num: true }, { label: 'Lag', num: true }],
    groups.filter(g => showSystem.checked || !g.system).map(g => ({ group: g.group, cells: [g.group, g.queues, { value: number(g.lag), class: g.lag > 0 ? 'lag' : '' }] })),
    { empty: 'No consumer group yet.', testId: 'group-list', onRowClick: row => app.navigate('groups', row.group) }));
  showSystem.addEventListener('change', render);

  root.append(
    h('h1', {}, 'Consumer groups'),
    panel(null, h('div', { class: 'toolbar' }, form, h('span', { class: 'spacer' }), h('label', { style: 'flex-direction:row;align-items:center' }, showSystem, 'show system groups')), rows),
  );
  return {
    live: true,
    async refresh() {
      groups = await get('groups');
      render();
    },
  };
}

function detail(root, group) {
  const lagChart = new LineChart('Lag', [{ name: 'messages behind', color: 'var(--chart2)' }]);
  const tpsChart = new LineChart('Consume TPS', [{ name: 'messages/s', color: 'var(--chart)' }]);
  const summary = h('div');
  const members = h('div');
  const queues = h('div');
  const topic = h('select', { name: 'topic', 'aria-label': 'Topic' });
  const when = h('input', { type: 'datetime-local', name: 'timestamp', value: localInput(Date.now() - 3600000) });
  const result = h('div');
  const form = h('form', { class: 'inline', id: 'reset-offset' }, h('label', {}, 'Topic', topic), h('label', {}, 'Stored at or after', when),
    h('button', { type: 'submit' }, 'Reset offset'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const offsets = await post(`groups/${enc(group)}/reset-offset`, { topic: topic.value, timestamp: new Date(when.value).getTime(), force: true });
      result.replaceChildren(notice(`Reset ${offsets.length} queue(s): ${offsets.map(o => `${o.brokerName}/${o.queueId}→${o.offset}`).join(', ')}`, true));
    } catch (error) {
      result.replaceChildren(notice(error.message, false));
    }
  });

  root.append(
    h('h1', {}, 'Consumer group ', h('span', { class: 'mono', id: 'group-name' }, group)),
    h('div', { class: 'grid' }, h('section', { class: 'panel' }, lagChart.element), h('section', { class: 'panel' }, tpsChart.element)),
    h('div', { class: 'grid' }, panel('Summary', summary), panel('Members', members)),
    panel('Queues', queues),
    panel('Reset offset by time', form, result),
  );

  return {
    live: true,
    async refresh() {
      const model = await get(`groups/${enc(group)}`);
      summary.replaceChildren(
        h('div', { class: 'stat' }, h('b', { 'data-testid': 'total-lag' }, model.totalLag), h('span', {}, 'lag (messages)')),
        h('div', { class: 'stat' }, h('b', {}, number(model.consumeTps, 1)), h('span', {}, 'consume TPS')),
        h('div', { class: 'stat' }, h('b', {}, model.members.length), h('span', {}, 'members online')),
        h('p', { class: 'muted' }, model.consumeType ? `${model.consumeType} · ${model.messageModel}` : 'No client connected.'),
        table(['Subscribed topic', 'Type', 'Expression'], model.subscriptions.map(s => ({ cells: [s.topic, s.expressionType, h('span', { class: 'mono' }, s.expression)] })),
          { empty: '' }));
      members.replaceChildren(table(['Client id', 'Address', 'Language', { label: 'Version', num: true }],
        model.members.map(m => ({ cells: [h('span', { class: 'mono' }, m.clientId), m.clientAddress, m.language, m.version] })),
        { empty: 'No member online.', testId: 'group-members' }));
      queues.replaceChildren(table(['Topic', 'Broker group', { label: 'Queue', num: true }, { label: 'Broker offset', num: true }, { label: 'Consumer offset', num: true }, { label: 'Lag', num: true }, 'Last consumed'],
        model.queues.map(q => ({ cells: [q.topic, q.brokerName, q.queueId, number(q.brokerOffset), number(q.consumerOffset), q.lag > 0 ? badge(number(q.lag), 'lag') : '0', time(q.lastTimestamp)] })),
        { empty: 'The group has no committed offset on any broker.', testId: 'group-queues' }));
      // The group's own topics first; its %RETRY% topic last.
      const topics = [...new Set(model.queues.map(q => q.topic).concat(model.subscriptions.map(s => s.topic)))]
        .sort((a, b) => (a.startsWith('%') - b.startsWith('%')) || a.localeCompare(b));
      if (topic.options.length !== topics.length) topic.replaceChildren(...topics.map(t => h('option', { value: t }, t)));
      lagChart.push(model.totalLag);
      tpsChart.push(model.consumeTps);
    },
  };
}
