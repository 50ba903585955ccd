// Delayed messages: the schedule backlog per delay level (SCHEDULE_TOPIC_XXXX max offset minus delivery progress)
// and the timed messages (TIMER_DELIVER_MS, start-deliver-time) the broker's timer has not delivered yet.
import { get } from '../api.js';
import { h, panel, table, badge, number } from '../dom.js';
import { LineChart } from '../chart.js';

function summary(b) {
  const levels = b.progressServed ? `${number(b.pending)} pending on delay levels` : 'This broker does not report delay progress (GET_ALL_DELAY_OFFSET).';
  const timer = b.timerPending === null ? 'timer not reported' : `${number(b.timerPending)} pending on the timer`;
  return h('p', { class: 'muted' }, h('span', {}, levels), ' · ', h('span', { 'data-testid': 'timer-pending' }, timer));
}

export function mount(root) {
  const chart = new LineChart('Pending delayed messages', [
    { name: 'delay levels', color: 'var(--chart2)' },
    { name: 'timer', color: 'var(--chart)' },
  ]);
  const brokers = h('div');
  root.append(h('h1', {}, 'Delayed messages'), h('section', { class: 'panel' }, chart.element), brokers);
  return {
    live: true,
    async refresh() {
      const model = await get('delays');
      brokers.replaceChildren(...(model.length === 0 ? [panel(null, h('div', { class: 'empty' }, 'No broker.'))] : model.map(b => panel(
        `${b.brokerName} (${b.address})`,
        summary(b),
        table(['Level', 'Delay', { label: 'Scheduled', num: true }, { label: 'Delivered', num: true }, { label: 'Pending', num: true }],
          b.levels.map(l => ({ cells: [l.level, l.delay, number(l.maxOffset), number(l.delivered), l.pending > 0 ? badge(number(l.pending), 'lag') : '0'] })),
          { empty: 'No delayed message yet.', testId: 'delay-levels' })))));
      chart.push(model.reduce((sum, b) => sum + b.pending, 0), model.reduce((sum, b) => sum + (b.timerPending ?? 0), 0));
    },
  };
}
