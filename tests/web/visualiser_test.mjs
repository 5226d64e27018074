// Browser test of the visualiser page, run by ctest:
//   node visualiser_test.mjs --parley BIN --source REPO --out DIR
// Ingests tests/web/articles.ndjson into a fresh database, starts `parley serve` on a free loopback port,
// drives Debian's Chromium (/usr/bin/chromium) with playwright-core from web/node_modules, and checks that
// the page renders exactly the API's nodes and edges, shows a clicked node's evidence, finds a node by
// name, follows a relation filter, expands a node through as_state=true in state view, and renders every
// node of a synthetic 600-node graph laid out by the Web Worker (big-graph mode). Saves DIR/visualiser.png.
// Anything missing is a failure, not a skip.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { syntheticGraph } from './synthetic_graph.mjs';

const CHROMIUM = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 60_000;

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) fail(`missing --${name}`);
  return process.argv[i + 1];
}

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function getJson(base, pathAndQuery) {
  const response = await fetch(base + pathAndQuery);
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function waitForHealth(base, server) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`parley serve exited early with ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('parley serve did not answer /healthz within 30 s');
}

// The page's rendered counts: what #counts says and what Cytoscape has visible, which must agree.
async function pageCounts(page) {
  return page.evaluate(() => {
    const el = document.getElementById('counts');
    const shown = window.parley.cy.elements(':visible');
    return {
      nodes: Number(el.dataset.nodes),
      edges: Number(el.dataset.edges),
      visibleNodes: shown.nodes().length,
      visibleEdges: shown.edges().length,
    };
  });
}

function apiCounts(doc) {
  return { nodes: doc.elements.nodes.length, edges: doc.elements.edges.length };
}

async function main() {
  const parley = path.resolve(arg('parley'));
  const source = path.resolve(arg('source'));
  const out = path.resolve(arg('out'));
  const webModules = path.join(source, 'web', 'node_modules');
  if (!existsSync(parley)) fail(`parley binary not found at ${parley}`);
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: run scripts/setup.sh --with-browser`);
  if (!existsSync(path.join(webModules, 'playwright-core'))) fail(`${webModules}/playwright-core missing: run scripts/setup.sh (npm ci in web/)`);
  if (!existsSync(path.join(webModules, 'cytoscape'))) fail(`${webModules}/cytoscape missing: run scripts/setup.sh (npm ci in web/)`);
  const { chromium } = createRequire(path.join(source, 'web', 'package.json'))('playwright-core');

  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'parley-web-test-'));
  const db = path.join(work, 'parley.db');
  const env = { ...process.env, PARLEY_DB: db };
  let server = null;
  let context = null;
  try {
    const ingest = spawnSync(parley, ['ingest', '--db', db, path.join(source, 'tests', 'web', 'articles.ndjson')], { env, encoding: 'utf8' });
    if (ingest.status !== 0) throw new Error(`parley ingest failed (${ingest.status}): ${ingest.stderr}${ingest.stdout}`);
    console.log(ingest.stdout.trim().split('\n').pop());

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(parley, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
      { env: { ...env, PARLEY_LISTEN: `127.0.0.1:${port}` }, stdio: ['ignore', 'ignore', 'pipe'] });
    let serverLog = '';
    server.stderr.on('data', (chunk) => { serverLog = (serverLog + chunk).slice(-20_000); });
    await waitForHealth(base, server).catch((err) => { throw new Error(`${err.message}\n${serverLog}`); });

    const all = await getJson(base, '/v1/graph?format=cytoscape&evidence=false');
    const expected = apiCounts(all);
    check(expected.nodes >= 5 && expected.edges >= 5, `the test corpus gives a real graph (${expected.nodes} nodes, ${expected.edges} edges)`);

    context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
    // No CDN: every request the page makes goes to our server.
    const foreign = [];
    page.on('request', (req) => { if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url()); });
    const neighbourRequests = [];
    page.on('request', (req) => { if (req.url().includes('/neighbors')) neighbourRequests.push(new URL(req.url())); });

    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
    const state = await page.getAttribute('body', 'data-state');
    if (state !== 'ready') throw new Error(`page failed to load: ${await page.textContent('#error-text')}`);
    await page.waitForFunction(() => document.body.dataset.busy === 'false');

    let counts = await pageCounts(page);
    check(counts.nodes === expected.nodes && counts.edges === expected.edges,
      `rendered counts equal the API's: page ${counts.nodes}/${counts.edges}, API ${expected.nodes}/${expected.edges}`);
    check(counts.visibleNodes === expected.nodes && counts.visibleEdges === expected.edges,
      `Cytoscape shows the same (${counts.visibleNodes}/${counts.visibleEdges})`);

    // Click the node with the most facts, at its rendered position, and wait for its evidence.
    const target = await page.evaluate(() => {
      const cy = window.parley.cy;
      const node = cy.nodes().sort((a, b) => b.connectedEdges().length - a.connectedEdges().length)[0];
      cy.center(node);
      const box = document.getElementById('cy').getBoundingClientRect();
      const p = node.renderedPosition();
      return { id: node.id(), nodeId: node.data('node_id'), label: node.data('label'), x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('#details:not([hidden]) .evidence-item blockquote');
    const heading = await page.textContent('#details h2');
    check(heading.trim() === target.label, `clicking ${target.label} opens its panel`);
    // A fact in the panel whose evidence has a sentence: its quote and link must be the API's.
    const quoted = await page.waitForFunction(() => {
      for (const quote of document.querySelectorAll('#details .fact .evidence-item blockquote')) {
        if (quote.textContent.trim()) {
          const item = quote.closest('.evidence-item');
          const link = item.querySelector('a');
          return { edge: quote.closest('.fact').dataset.edgeId, sentence: quote.textContent, href: link && link.getAttribute('href') };
        }
      }
      return null;
    }).then((handle) => handle.jsonValue());
    const evidence = await getJson(base, `/v1/edges/${quoted.edge}/evidence`);
    const match = evidence.data.find((row) => row.sentence === quoted.sentence);
    check(Boolean(match), `the panel quotes the API's evidence for fact ${quoted.edge}: "${quoted.sentence.slice(0, 60)}…"`);
    check(quoted.href === match.article.url, `the evidence links to its article (${quoted.href})`);
    await page.screenshot({ path: path.join(out, 'visualiser.png') });
    console.log(`ok - screenshot saved to ${path.join(out, 'visualiser.png')}`);

    // Search: finds and selects a node by name.
    const other = await page.evaluate((skip) => window.parley.cy.nodes().filter((n) => n.id() !== skip)[0].data('label'), target.id);
    await page.fill('#search', other);
    await page.press('#search', 'Enter');
    await page.waitForFunction((name) => window.parley.cy.$('node:selected').data('label') === name, other);
    check(true, `search selects "${other}"`);

    // Double-click loads the neighbourhood from the API: nothing new on a fully loaded graph, and no error.
    await page.evaluate((id) => window.parley.cy.getElementById(id).emit('dbltap'), target.id);
    await page.waitForFunction(() => document.body.dataset.busy === 'false' && !document.getElementById('error').hidden);
    const note = await page.textContent('#error-text');
    check(/Nothing new|Added/.test(note) && (await page.getAttribute('body', 'data-state')) === 'ready', `double-click asks the API for the neighbourhood: "${note}"`);
    check(neighbourRequests.length === 1 && !neighbourRequests[0].searchParams.has('as_state'), 'outside state view the neighbourhood is asked for without as_state');
    await page.click('#error-close');

    // Relation filter: keep only the event relation with the most facts; the counts must match the API's filter.
    const relation = await page.evaluate(() => {
      const counts = {};
      window.parley.cy.edges('[relation != "represents"]').forEach((e) => { counts[e.data('relation')] = (counts[e.data('relation')] || 0) + 1; });
      return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    });
    const filtered = apiCounts(await getJson(base, `/v1/graph?format=cytoscape&evidence=false&relation=${encodeURIComponent(relation)}`));
    await page.click('button[data-relations="none"]');
    await page.check(`#relation-filters input[value="${relation}"]`);
    counts = await pageCounts(page);
    check(counts.edges < expected.edges, `filtering to "${relation}" changes the counts (${expected.nodes}/${expected.edges} -> ${counts.nodes}/${counts.edges})`);
    check(counts.nodes === filtered.nodes && counts.edges === filtered.edges,
      `filtered counts equal GET /v1/graph?relation=${relation} (${filtered.nodes}/${filtered.edges})`);
    check(counts.visibleNodes === counts.nodes && counts.visibleEdges === counts.edges, 'Cytoscape agrees with the counts');
    await page.click('button[data-relations="all"]');
    counts = await pageCounts(page);
    check(counts.nodes === expected.nodes && counts.edges === expected.edges, 'restoring all relations restores the counts');

    // State view reloads through as_state=true and still renders what the API returns.
    const lifted = apiCounts(await getJson(base, '/v1/graph?format=cytoscape&evidence=false&as_state=true'));
    await page.check('#state-view');
    await page.waitForFunction((n) => document.body.dataset.busy === 'false' && Number(document.getElementById('counts').dataset.edges) === n, lifted.edges);
    counts = await pageCounts(page);
    check(counts.nodes === lifted.nodes && counts.edges === lifted.edges, `state view renders the lifted graph (${lifted.nodes}/${lifted.edges})`);

    // Double-click in state view: the neighbourhood is asked for lifted (as_state=true), and the page then
    // shows only nodes of the lifted graph or of that lifted answer (states and organizations, not their people).
    const liftedDoc = await getJson(base, '/v1/graph?format=cytoscape&evidence=false&as_state=true');
    const hub = await page.evaluate(() => {
      const node = window.parley.cy.nodes().sort((a, b) => b.degree() - a.degree())[0];
      node.emit('dbltap');
      return { id: node.id(), nodeId: node.data('node_id'), label: node.data('label') };
    });
    await page.waitForFunction(() => document.body.dataset.busy === 'false' && !document.getElementById('error').hidden);
    const asked = neighbourRequests[neighbourRequests.length - 1];
    check(asked.pathname === `/v1/nodes/${hub.nodeId}/neighbors` && asked.searchParams.get('as_state') === 'true',
      `in state view, double-clicking ${hub.label} asks for ${asked.pathname}?${asked.searchParams}`);
    const answer = await getJson(base, `${asked.pathname}?${asked.searchParams}`);
    const allowed = new Set([...liftedDoc.elements.nodes.map((n) => n.data.id), ...answer.nodes.map((n) => `n${n.id}`)]);
    const shown = await page.evaluate(() => window.parley.cy.nodes().map((n) => n.id()));
    check(shown.every((id) => allowed.has(id)), `after the expansion the page shows ${shown.length} nodes, all from the lifted graph or the lifted neighbourhood`);
    await page.uncheck('#state-view');
    await page.waitForFunction((n) => document.body.dataset.busy === 'false' && document.body.dataset.state === 'ready' &&
      Number(document.getElementById('counts').dataset.edges) === n, expected.edges);

    // Big-graph mode: a synthetic 600-node graph, laid out in the Web Worker and drawn in large mode.
    const big = syntheticGraph(600, 900);
    await page.route((url) => url.pathname === '/v1/graph', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(big) }));
    await page.evaluate(() => window.parley.reload());
    await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.busy === 'false');
    counts = await pageCounts(page);
    check(counts.nodes === 600 && counts.edges === 900 && counts.visibleNodes === 600 && counts.visibleEdges === 900,
      `big-graph mode renders all ${counts.visibleNodes}/${counts.visibleEdges} elements`);
    const bigState = await page.evaluate(() => {
      const cy = window.parley.cy;
      const spots = new Set(cy.nodes().map((n) => `${Math.round(n.position('x'))},${Math.round(n.position('y'))}`));
      const extent = cy.extent();
      const inView = cy.nodes().filter((n) => {
        const p = n.position();
        return p.x >= extent.x1 && p.x <= extent.x2 && p.y >= extent.y1 && p.y <= extent.y2;
      }).length;
      return { spots: spots.size, inView, thread: window.parley.timings.layout_thread, hubs: cy.nodes('.hub1').length,
        curve: cy.edges()[0].style('curve-style') };
    });
    check(bigState.thread === 'worker', 'the big layout ran in the Web Worker');
    check(bigState.spots === 600 && bigState.inView === 600, `every node has its own place, all in view (${bigState.spots} places, ${bigState.inView} in view)`);
    check(bigState.hubs > 0 && bigState.curve === 'haystack', `large-mode drawing: ${bigState.hubs} hub labels, ${bigState.curve} edges`);
    await page.screenshot({ path: path.join(out, 'visualiser-large.png') });

    check(pageErrors.length === 0, `no page errors${pageErrors.length ? `: ${pageErrors.join(' | ')}` : ''}`);
    check(foreign.length === 0, `no request leaves the server${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
    console.log('PASS');
  } finally {
    if (context) await context.close().catch(() => {});
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => { server.kill('SIGKILL'); resolve(); }, 10_000);
        server.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => fail(err.stack || err.message));
