// Visualiser on a large synthetic graph (a benchmark, not a test): how long until the page is ready,
// what one filter change and one pan frame cost. Needs no server: Playwright answers every request,
// web/ files from disk and /v1/graph with a generated cytoscape payload.
//   node bench/web_large_graph.mjs [NODES=2000] [EDGES=3000] [screenshot.png]

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const [nodeCount = 2000, edgeCount = 3000] = process.argv.slice(2, 4).map(Number);
const screenshot = process.argv[4];
const { chromium } = createRequire(path.join(web, 'package.json'))('playwright-core');

// A connected, skewed graph: node i links to an earlier node (a tree), then random extra edges
// preferring low ids (hubs), like actors in the news. Deterministic (fixed seed).
function syntheticGraph(n, m) {
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const kinds = ['person', 'state', 'organization', 'proposal', 'location', 'group'];
  const relations = [['proposed', 'proposal'], ['demanded', 'proposal'], ['accepted', 'support'], ['welcomed', 'support'],
    ['rejected', 'opposition'], ['criticized', 'opposition'], ['called', 'contact'], ['met', 'contact'], ['urged', 'other']];
  const nodes = [];
  for (let i = 1; i <= n; i++) {
    const kind = kinds[Math.floor(rnd() * rnd() * kinds.length)];
    nodes.push({ data: { id: `n${i}`, node_id: i, label: `${kind} ${i}`, name: `${kind} ${i}`, kind,
      proposal_type: kind === 'proposal' ? 'ceasefire' : '', aliases: [], first_seen: '2025-05-01', last_seen: '2025-06-01' } });
  }
  const edges = [];
  for (let j = 1; j <= m; j++) {
    const source = j < n ? j + 1 : 1 + Math.floor(n * rnd() * rnd());
    const target = j < n ? 1 + Math.floor(j * rnd() * rnd()) : 1 + Math.floor(n * rnd());
    const [relation, group] = relations[Math.floor(rnd() * relations.length)];
    const date = `2025-05-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    edges.push({ data: { id: `e${j}`, edge_id: j, source: `n${source}`, target: `n${target}`, relation, relation_group: group,
      label: relation, negated: false, title: '', mention_count: 1 + Math.floor(rnd() * rnd() * 10), evidence_count: 1,
      first_seen: date, last_seen: date } });
  }
  return { elements: { nodes, edges } };
}

const types = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css' };
const payload = JSON.stringify(syntheticGraph(nodeCount, edgeCount));
const context = await chromium.launchPersistentContext(path.join(os.tmpdir(), `parley-bench-${process.pid}`), {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await context.route('http://parley.test/**', (route) => {
  const url = new URL(route.request().url());
  if (url.pathname === '/v1/graph') return route.fulfill({ contentType: 'application/json', body: payload });
  const file = path.join(web, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
  if (!file.startsWith(web) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
  return route.fulfill({ contentType: types[path.extname(file)] || 'application/octet-stream', body: readFileSync(file) });
});
const page = context.pages()[0] || await context.newPage();
const started = Date.now();
await page.goto('http://parley.test/');
await page.waitForFunction(() => document.body.dataset.state && document.body.dataset.state !== 'loading' && document.body.dataset.busy === 'false', null, { timeout: 600_000 });
const ready = Date.now() - started;
const filterMs = await page.evaluate(() => {
  const t = performance.now();
  document.querySelector('#relation-filters input').click();
  return performance.now() - t;
});
const frameMs = await page.evaluate(async () => {
  const cy = window.parley.cy;
  const t = performance.now();
  for (let i = 0; i < 10; i++) {
    cy.panBy({ x: 5, y: 5 });
    await new Promise((r) => requestAnimationFrame(r));
  }
  return (performance.now() - t) / 10;
});
if (screenshot) await page.screenshot({ path: screenshot });
console.log(`${nodeCount} nodes, ${edgeCount} edges: ready in ${ready} ms, relation filter ${filterMs.toFixed(0)} ms, ` +
  `pan frame ${frameMs.toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`);
await context.close();
