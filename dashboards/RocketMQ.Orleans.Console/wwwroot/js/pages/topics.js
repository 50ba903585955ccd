// Topics: list (system topics hidden unless asked), create/update form, and a topic's queues, offsets and put TPS.
import { get, post, del, enc } from '../api.js';
import { h, panel, table, badge, notice, number, time } from '../dom.js';
import { LineChart } from '../chart.js';

export function mount(root, topic, app) {
  return topic === undefined ? list(root, app) : detail(root, topic, app);
}

function list(root, app) {
  const showSystem = h('input', { type: 'checkbox', id: 'show-system' });
  const filter = h('input', { type: 'search', placeholder: 'Filter', 'aria-label': 'Filter topics' });
  const rows = h('div');
  let topics = [];
  const render = () => {
    const text = filter.value.trim().toLowerCase();
    const shown = topics.filter(t => (showSystem.checked || t.kind === 'normal') && t.name.toLowerCase().includes(text));
    rows.replaceChildren(table(['Topic', 'Kind'], shown.map(t => ({ topic: t.name, cells: [t.name, badge(t.kind)] })),
      { empty: 'No topic.', testId: 'topic-list', onRowClick: row => app.navigate('topics', row.topic) }));
  };
  showSystem.addEventListener('change', render);
  filter.addEventListener('input', render);

  const result = h('div');
  const name = h('input', { name: 'topic', required: true, placeholder: 'TopicName', pattern: '[%\\|a-zA-Z0-9_\\-]{1,127}' });
  const readQueues = h('input', { name: 'readQueueNums', type: 'number', min: 1, max: 1024, value: 8 });
  const writeQueues = h('input', { name: 'writeQueueNums', type: 'number', min: 1, max: 1024, value: 8 });
  const perm = h('select', { name: 'perm' }, h('option', { value: 6 }, 'read + write (6)'), h('option', { value: 4 }, 'read (4)'), h('option', { value: 2 }, 'write (2)'));
  const form = h('form', { class: 'inline', id: 'create-topic' },
    h('label', {}, 'Topic', name), h('label', {}, 'Read queues', readQueues), h('label', {}, 'Write queues', writeQueues),
    h('label', {}, 'Permission', perm), h('button', { type: 'submit' }, 'Create / update'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const answer = await post('topics', {
        topic: name.value.trim(), readQueueNums: Number(readQueues.value), writeQueueNums: Number(writeQueues.value), perm: Number(perm.value),
      });
      result.replaceChildren(notice(`Topic ${name.value.trim()} saved on ${answer.brokers.join(', ')}.`, true));
      await refresh();
    } catch (error) {
      result.replaceChildren(notice(error.message, false));
    }
  });

  root.append(
    h('h1', {}, 'Topics'),
    panel('Create or update a topic', form, result),
    panel(null, h('div', { class: 'toolbar' }, filter, h('label', { style: 'flex-direction:row;align-items:center' }, showSystem, 'show system topics')), rows),
  );

  async function refresh() {
    topics = await get('topics');
    render();
  }

  return { live: false, refresh };
}

function detail(root, topic, app) {
  const chart = new LineChart('Put TPS', [{ name: 'messages/s', color: 'var(--chart)' }]);
  const summary = h('div');
  const brokers = h('div');
  const queues = h('div');
  const result = h('div');
  const remove = h('button', { class: 'danger', type: 'button', id: 'delete-topic' }, 'Delete topic');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete topic ${topic} from every broker and the name server?`)) return;
    try {
      await del(`topics/${enc(topic)}`);
      app.navigate('topics');
    } catch (error) {
      result.replaceChildren(notice(error.message, false));
    }
  });

  root.append(
    h('div', { class: 'toolbar' }, h('h1', {}, 'Topic ', h('span', { class: 'mono', id: 'topic-name' }, topic)), h('span', { class: 'spacer' }),
      h('a', { href: `#/messages/${enc(topic)}` }, 'Find messages'), remove),
    result,
    h('div', { class: 'grid' }, panel('Summary', summary, brokers), h('section', { class: 'panel' }, chart.element)),
    panel('Queues', queues),
  );

  return {
    live: true,
    async refresh() {
      const model = await get(`topics/${enc(topic)}`);
      summary.replaceChildren(
        h('div', { class: 'stat' }, h('b', { 'data-testid': 'total-messages' }, number(model.totalMessages)), h('span', {}, 'messages (sum of max offsets)')),
        h('div', { class: 'stat' }, h('b', {}, number(model.putTps, 1)), h('span', {}, 'put TPS')),
        h('div', { class: 'stat' }, h('b', {}, model.queues.length), h('span', {}, 'queues')));
      brokers.replaceChildren(table(['Broker group', 'Master', { label: 'Read queues', num: true }, { label: 'Write queues', num: true }, 'Perm'],
        model.brokers.map(b => ({ cells: [b.brokerName, h('span', { class: 'mono' }, b.masterAddress ?? 'no live master'), b.readQueueNums, b.writeQueueNums, b.perm] }))));
      queues.replaceChildren(table(['Broker group', { label: 'Queue', num: true }, { label: 'Min offset', num: true }, { label: 'Max offset', num: true }, 'Last stored'],
        model.queues.map(q => ({ cells: [q.brokerName, q.queueId, number(q.minOffset), number(q.maxOffset), time(q.lastUpdateTimestamp)] })),
        { testId: 'topic-queues' }));
      chart.push(model.putTps);
    },
  };
}
