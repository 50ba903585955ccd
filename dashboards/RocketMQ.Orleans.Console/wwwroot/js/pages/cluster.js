// Cluster: silos (Orleans membership) and broker groups (control-plane directory) with runtime figures.
import { get } from '../api.js';
import { h, panel, table, badge, number } from '../dom.js';
import { LineChart } from '../chart.js';

export function mount(root) {
  const chart = new LineChart('Put TPS (all brokers)', [{ name: 'put/s', color: 'var(--chart)' }, { name: 'get/s', color: 'var(--chart2)' }]);
  const silos = h('div');
  const brokers = h('div');
  root.append(
    h('h1', {}, 'Cluster'),
    panel('Broker groups', brokers),
    h('div', { class: 'grid' }, panel('Silos', silos), h('section', { class: 'panel' }, chart.element)),
  );

  return {
    live: true,
    async refresh() {
      const model = await get('cluster');
      silos.replaceChildren(
        table(['Silo', 'Name', 'Status'], model.silos.map(s => ({
          cells: [h('span', { class: 'mono' }, s.address, s.isLocal ? ' (this silo)' : ''), s.name ?? '', badge(s.status, s.status === 'Active' ? 'ok' : 'bad')],
        })), { testId: 'silos' }),
        pastSilos(model.pastSilos));
      brokers.replaceChildren(table(
        ['Cluster', 'Broker', 'Id', 'Address', 'Liveness', { label: 'Put TPS', num: true }, { label: 'Get TPS', num: true }, { label: 'Disk used', num: true }, 'Capacity', 'Version'],
        model.brokers.map(b => ({
          cells: [b.cluster, b.brokerName, b.brokerId, h('span', { class: 'mono' }, b.address),
            badge(b.live ? 'live' : b.siloStatus, b.live ? 'ok' : 'bad'),
            number(b.putTps, 1), number(b.getFoundTps, 1),
            b.diskRatio === null ? '–' : `${number(b.diskRatio * 100, 1)} %`,
            b.diskCapacity ?? b.error ?? '', b.version ?? ''],
        })),
        { empty: 'No broker group registered.', testId: 'brokers' }));
      const live = model.brokers.filter(b => b.live);
      chart.push(live.reduce((sum, b) => sum + (b.putTps ?? 0), 0), live.reduce((sum, b) => sum + (b.getFoundTps ?? 0), 0));
    },
  };
}

// Orleans keeps a Dead row for every past incarnation of a restarted silo: folded away, one line per endpoint.
function pastSilos(past) {
  if (past.length === 0) return null;
  const incarnations = past.reduce((sum, p) => sum + p.incarnations, 0);
  return h('details', { 'data-testid': 'past-silos' },
    h('summary', {}, `${incarnations} dead incarnation${incarnations === 1 ? '' : 's'} of ${past.length} endpoint${past.length === 1 ? '' : 's'}`),
    table(['Endpoint', 'Name', { label: 'Incarnations', num: true }, 'Latest'], past.map(p => ({
      cells: [h('span', { class: 'mono' }, p.endpoint), p.name ?? '', p.incarnations, h('span', { class: 'mono' }, p.latestAddress)],
    }))));
}
