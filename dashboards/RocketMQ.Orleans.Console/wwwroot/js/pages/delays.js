// Delayed messages: the schedule backlog per delay level (SCHEDULE_TOPIC_XXXX max offset minus delivery progress).
import { get } from '../api.js';
import { h, panel, table, badge, number } from '../dom.js';
import { LineChart } from '../chart.js';

export function mount(root) {
  const chart = new LineChart('Pending delayed messages', [{ name: 'pending', color: 'var(--chart2)' }]);
  const brokers = h('div');
  root.append(h('h1', {}, 'Delayed messages'), h('section', { class: 'panel' }, chart.element), brokers);
  return {
    live: true,
    async refresh() {
      const model = await get('delays');
      brokers.replaceChildren(...(model.length === 0 ? [panel(null, h('div', { class: 'empty' }, 'No broker.'))] : model.map(b => panel(
        `${b.brokerName} (${b.address})`,
        h('p', { class: 'muted' }, b.progressServed ? `${number(b.pending)} pending` : 'This broker does not report delay progress (GET_ALL_DELAY_OFFSET).'),
        table(['Level', 'Delay', { label: 'Scheduled', num: true }, { label: 'Delivered', num: true }, { label: 'Pending', num: true }],
          b.levels.map(l => ({ cells: [l.level, l.delay, number(l.maxOffset), number(l.delivered), l.pending > 0 ? badge(number(l.pending), 'lag') : '0'] })),
          { empty: 'No delayed message yet.', testId: 'delay-levels' })))));
      chart.push(model.reduce((sum, b) => sum + b.pending, 0));
    },
  };
}
