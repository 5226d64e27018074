// Visualiser on a large synthetic graph (a benchmark, not a test): how long until the page is ready,
// how long the main thread was blocked on the way (the page "freezes" while it is), what one filter change
// costs, and the frame time of panning and zooming. Needs no server: Playwright answers every request,
// web/ files from disk and /v1/graph with a generated cytoscape payload (tests/web/synthetic_graph.mjs).
//   node bench/web_large_graph.mjs [NODES=2000] [EDGES=3000] [screenshot.png] [--web DIR]... [--frames N] [--profile FILE]
// Each --web DIR (default: this checkout's web/) is measured in turn on the same graph, so an old copy of
// the page (e.g. `git archive <rev> web | tar -x -C /tmp/old`, with node_modules linked in) can be
// compared with the current one in one run, under the same machine load.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticGraph } from '../tests/web/synthetic_graph.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const values = [];
  for (let i = args.indexOf(`--${name}`); i >= 0; i = args.indexOf(`--${name}`)) {
    values.push(args[i + 1]);
    args.splice(i, 2);
  }
  return values.length ? values : fallback;
};
const webDirs = option('web', [path.join(root, 'web')]).map((dir) => path.resolve(dir));
const frames = Number(option('frames', ['20'])[0]);
// --profile FILE: print where the page's main thread spent the load, and save the profile to FILE (.cpuprofile,
// for Chromium's DevTools).
const profile = option('profile', [false])[0];
const [nodeCount = 2000, edgeCount = 3000] = args.slice(0, 2).map(Number);
const screenshot = args[2];
const { chromium } = createRequire(path.join(root, 'web', 'package.json'))('playwright-core');

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const p95 = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] : NaN);
const ms = (x) => `${Math.round(x)} ms`;

// A CPU profile of the page's main thread: the 15 functions with the most self time, and the app's own
// functions (app.js, layout-worker.js) with their total time, callees included.
function printProfile(p) {
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of p.nodes) for (const child of node.children || []) parent.set(child, node.id);
  const name = ({ functionName, url, lineNumber }) => `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
  const self = new Map();
  const total = new Map();
  p.samples.forEach((id, i) => {
    const t = (p.timeDeltas[i] || 0) / 1000;
    const key = name(byId.get(id).callFrame);
    self.set(key, (self.get(key) || 0) + t);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (!/app\.js|layout-worker\.js/.test(frame.url)) continue;
      const k = name(frame);
      if (!seen.has(k)) total.set(k, (total.get(k) || 0) + t);
      seen.add(k);
    }
  });
  console.log('  self time:');
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms(t).padStart(8)}  ${key}`);
  console.log('  total time in the app\'s functions:');
  for (const [key, t] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms(t).padStart(8)}  ${key}`);
}

const types = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css' };
const payload = JSON.stringify(syntheticGraph(nodeCount, edgeCount));

async function measure(web) {
  const context = await chromium.launchPersistentContext(path.join(os.tmpdir(), `parley-bench-${process.pid}-${Date.now()}`), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.route('http://parley.test/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/v1/graph') return route.fulfill({ contentType: 'application/json', body: payload });
    // A profile names functions only with the unminified build.
    const wanted = profile ? url.pathname.replace(/cytoscape\.min\.js$/, 'cytoscape.umd.js') : url.pathname;
    const file = path.join(web, wanted === '/' ? 'index.html' : decodeURIComponent(wanted));
    if (!file.startsWith(web) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: types[path.extname(file)] || 'application/octet-stream', body: readFileSync(file) });
  });
  // Main-thread tasks over 50 ms, from the first script on: while one runs the page does not respond.
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const cdp = profile ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const started = Date.now();
  await page.goto('http://parley.test/');
  await page.waitForFunction(() => document.body.dataset.state && document.body.dataset.state !== 'loading' && document.body.dataset.busy === 'false', null, { timeout: 900_000 });
  const ready = Date.now() - started;
  if (cdp) {
    const cpu = (await cdp.send('Profiler.stop')).profile;
    writeFileSync(profile, JSON.stringify(cpu));
    console.log('  profile of the load:');
    printProfile(cpu);
  }
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== 'ready') throw new Error(`page ended in state ${state}: ${await page.textContent('#error-text')}`);
  const load = await page.evaluate(() => {
    const tasks = window.__longTasks;
    const durations = tasks.map((t) => t.duration);
    return {
      longest: Math.max(0, ...durations),
      blocked: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      rendered: window.parley.cy.nodes(':visible').length,
      timings: window.parley.timings || null,
    };
  });
  // Let the post-load redraws settle before the interaction measurements.
  await page.waitForTimeout(1000);
  if (screenshot && web === webDirs[webDirs.length - 1]) await page.screenshot({ path: screenshot });
  const filterMs = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector('#relation-filters input').click();
    return performance.now() - t;
  });
  await page.evaluate(() => document.querySelector('#relation-filters input').click());
  await page.waitForTimeout(1000);
  if (cdp) await cdp.send('Profiler.start');
  // Programmatic pan: one cy.panBy per animation frame (what earlier runs measured; no gesture, so
  // Cytoscape's gesture shortcuts such as textureOnViewport do not apply).
  const programmatic = await page.evaluate(async (n) => {
    const cy = window.parley.cy;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const times = [];
    await frame();
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      cy.panBy({ x: i % 2 ? -7 : 8, y: 5 });
      await frame();
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, frames);
  if (cdp) {
    console.log('  profile of the programmatic pan (a full redraw per frame):');
    printProfile((await cdp.send('Profiler.stop')).profile);
  }
  await page.waitForTimeout(1000);
  // Gestures as a user makes them: a mouse drag on the background and wheel zooms. Cytoscape draws in its
  // own animation-frame loop and skips frames after a slow one, so what is timed is each of its draws
  // (the canvas renderer's render(), wrapped here): while a gesture lasts, that is the frame time.
  const box = await page.evaluate(() => {
    const rect = document.getElementById('cy').getBoundingClientRect();
    window.__draws = [];
    window.__tasksBefore = window.__longTasks.length;
    const renderer = window.parley.cy.renderer();
    const render = renderer.render;
    renderer.render = function timed(...args) {
      const t0 = performance.now();
      const result = render.apply(this, args);
      window.__draws.push(performance.now() - t0);
      return result;
    };
    return { x: rect.left, y: rect.top, w: rect.width, h: rect.height };
  });
  const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  // The canvas corner is background (fit leaves 30 px of padding), so the drag pans rather than moves a node.
  const viewport = () => page.evaluate(() => ({ ...window.parley.cy.pan(), zoom: window.parley.cy.zoom() }));
  const beforeDrag = await viewport();
  await page.mouse.move(box.x + 6, box.y + 6);
  await page.mouse.down();
  await page.evaluate(() => { window.__draws = []; });
  const dragStarted = Date.now();
  for (let i = 1; i <= frames; i++) {
    await page.mouse.move(box.x + 6 + 12 * i, box.y + 6 + 8 * i);
    await settle();
  }
  await page.mouse.up();
  const dragMs = Date.now() - dragStarted;
  const drag = await page.evaluate(() => window.__draws.splice(0));
  const afterDrag = await viewport();
  await page.waitForTimeout(1000);
  await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
  await page.evaluate(() => { window.__draws = []; });
  const wheelStarted = Date.now();
  for (let i = 0; i < frames; i++) {
    await page.mouse.wheel(0, i < frames / 2 ? -100 : 100);
    await settle();
  }
  const wheelMs = Date.now() - wheelStarted;
  const wheel = await page.evaluate(() => window.__draws.splice(0));
  const afterWheel = await viewport();
  await page.waitForTimeout(1500);
  const gestureLongest = await page.evaluate(() => Math.max(0, ...window.__longTasks.slice(window.__tasksBefore).map((t) => t.duration)));
  // A gesture that did not move the viewport (it hit something other than the canvas) measured nothing.
  const moved = { drag: Math.hypot(afterDrag.x - beforeDrag.x, afterDrag.y - beforeDrag.y), wheel: afterWheel.zoom !== afterDrag.zoom };
  const interaction = { programmatic, drag, wheel, longest: gestureLongest, moved, dragMs, wheelMs };
  await context.close();
  return { ready, state, load, filterMs, interaction, errors };
}

console.log(`# ${nodeCount} nodes, ${edgeCount} edges; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
for (const web of webDirs) {
  const r = await measure(web);
  const t = r.load.timings;
  const frame = (xs) => `median ${ms(median(xs))} (p95 ${ms(p95(xs))})`;
  console.log(`${path.relative(process.cwd(), web) || '.'}:\n` +
    `  ready in ${ms(r.ready)} (${r.load.rendered} nodes rendered), longest main-thread block ${ms(r.load.longest)}, ` +
    `blocked ${ms(r.load.blocked)} in all${t ? ` [${Object.entries(t).map(([k, v]) => `${k} ${typeof v === 'number' ? ms(v) : v}`).join(', ')}]` : ''}\n` +
    `  relation filter ${ms(r.filterMs)}; programmatic pan frame ${frame(r.interaction.programmatic)}\n` +
    `  mouse drag of ${frames} moves (panned ${Math.round(r.interaction.moved.drag)} px) took ${ms(r.interaction.dragMs)}: ` +
    `${r.interaction.drag.length} draws, ${frame(r.interaction.drag)}\n` +
    `  ${frames} wheel steps (${r.interaction.moved.wheel ? 'zoomed' : 'DID NOT ZOOM'}) took ${ms(r.interaction.wheelMs)}: ` +
    `${r.interaction.wheel.length} draws, ${frame(r.interaction.wheel)}\n  ` +
    `longest block during and after the gestures ${ms(r.interaction.longest)}` +
    `${r.errors.length ? `\n  PAGE ERRORS: ${r.errors.join(' | ')}` : ''}`);
}
console.log(`# load average after: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
