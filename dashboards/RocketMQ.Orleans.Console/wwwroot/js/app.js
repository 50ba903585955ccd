// Hash router: #/<page>/<argument>. Each page module exports mount(root, argument, app) and returns
// { refresh, live }; live pages are refreshed every 2 seconds while they are shown.
import * as cluster from './pages/cluster.js';
import * as topics from './pages/topics.js';
import * as groups from './pages/groups.js';
import * as messages from './pages/messages.js';
import * as transactions from './pages/transactions.js';
import * as delays from './pages/delays.js';

const pages = { cluster, topics, groups, messages, transactions, delays };
const POLL_MS = 2000;

let current = null;
let timer = null;
let generation = 0;

const app = {
  navigate(page, argument) {
    location.hash = argument === undefined ? `#/${page}` : `#/${page}/${encodeURIComponent(argument)}`;
  },
  status(text, error = false) {
    const element = document.getElementById('status');
    element.textContent = text;
    element.classList.toggle('error', error);
  },
};

async function refresh(mine) {
  if (!current?.refresh) return;
  try {
    await current.refresh();
    if (mine === generation) app.status(`updated ${new Date().toLocaleTimeString()}`);
  } catch (error) {
    if (mine === generation) app.status(error.message, true);
  }
}

async function route() {
  const [, name = 'cluster', argument] = location.hash.match(/^#\/([^/]*)\/?(.*)$/) ?? [];
  const page = pages[name] ?? cluster;
  const mine = ++generation;
  clearInterval(timer);
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  const root = document.getElementById('page');
  root.replaceChildren();
  current = page.mount(root, argument ? decodeURIComponent(argument) : undefined, app);
  await refresh(mine);
  if (current?.live && mine === generation) {
    timer = setInterval(() => refresh(mine), POLL_MS);
  }
}

window.addEventListener('hashchange', route);
route();
