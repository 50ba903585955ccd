// A small live line chart in SVG: one or two series over the last N samples, y axis from 0 to the largest value.

const SVG = 'http://www.w3.org/2000/svg';

export class LineChart {
  constructor(title, series, capacity = 60) {
    this.series = series.map(s => ({ ...s, values: [] }));
    this.capacity = capacity;
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'chart');
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', title);
    this.element = document.createElement('div');
    const heading = document.createElement('h2');
    heading.textContent = title;
    this.legend = document.createElement('div');
    this.legend.className = 'muted';
    this.element.append(heading, this.svg, this.legend);
    this.draw();
  }

  /** Appends one sample per series (null = no value yet, drawn as a gap-free skip). */
  push(...values) {
    values.forEach((value, i) => {
      const s = this.series[i];
      s.values.push(value ?? null);
      if (s.values.length > this.capacity) s.values.shift();
    });
    this.draw();
  }

  draw() {
    // Drawn in CSS pixels of the chart's current width, so text and dots are not stretched.
    const width = this.svg.clientWidth || 600, top = 14, bottom = 150, left = 44;
    this.svg.setAttribute('viewBox', `0 0 ${width} 160`);
    const all = this.series.flatMap(s => s.values).filter(v => v !== null);
    const max = Math.max(1, ...all);
    this.svg.replaceChildren();
    this.svg.append(line(left, bottom, width, bottom, 'axis'), line(left, top, left, bottom, 'axis'));
    this.svg.append(text(4, top + 4, format(max)), text(4, bottom, '0'));
    for (const s of this.series) {
      const points = [];
      s.values.forEach((value, i) => {
        if (value === null) return;
        const x = left + (i * (width - left)) / Math.max(1, this.capacity - 1);
        const y = bottom - ((bottom - top) * value) / max;
        points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      });
      const polyline = document.createElementNS(SVG, 'polyline');
      polyline.setAttribute('points', points.join(' '));
      polyline.setAttribute('stroke', s.color);
      this.svg.append(polyline);
      if (points.length > 0) {
        // The newest sample as a dot, so a chart with one sample so far is not blank.
        const [x, y] = points.at(-1).split(',');
        const dot = document.createElementNS(SVG, 'circle');
        Object.entries({ cx: x, cy: y, r: 3, fill: s.color }).forEach(([k, v]) => dot.setAttribute(k, v));
        this.svg.append(dot);
      }
    }
    this.legend.textContent = this.series
      .map(s => `${s.name}: ${format(s.values.filter(v => v !== null).at(-1))}`)
      .join('   ·   ');
  }
}

function line(x1, y1, x2, y2, cls) {
  const element = document.createElementNS(SVG, 'line');
  Object.entries({ x1, y1, x2, y2, class: cls }).forEach(([k, v]) => element.setAttribute(k, v));
  return element;
}

function text(x, y, content) {
  const element = document.createElementNS(SVG, 'text');
  element.setAttribute('x', x);
  element.setAttribute('y', y);
  element.setAttribute('class', 'label');
  element.textContent = content;
  return element;
}

function format(value) {
  if (value === undefined || value === null) return '–';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 });
}
