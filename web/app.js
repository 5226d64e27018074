// Parley visualiser. Loads the graph once from GET /v1/graph?format=cytoscape, filters it in the browser
// (relations, node kinds, proposal type, dates seen, minimum mentions), expands a node's neighbourhood
// from /v1/nodes/{id}/neighbors on double-click, and shows a clicked fact's evidence from
// /v1/edges/{id}/evidence. Text from the API is only ever inserted with textContent, never as HTML.
(() => {
  'use strict';

  // Node look by kind; DOT exports use the same colours (graph/export_dot.cpp).
  const KIND_STYLE = {
    person: { color: '#8ecae6', shape: 'ellipse' },
    state: { color: '#ffb703', shape: 'round-rectangle' },
    organization: { color: '#90be6d', shape: 'hexagon' },
    proposal: { color: '#f4a6c6', shape: 'diamond' },
    location: { color: '#cdb4db', shape: 'triangle' },
    group: { color: '#d9d9d9', shape: 'octagon' },
  };
  const UNKNOWN_KIND = { color: '#ffffff', shape: 'ellipse' };

  // Edge colour by relation family. Which relation is in which family comes from the server
  // (data.relation_group in the cytoscape export), so this table holds only colours and legend text.
  const GROUP_STYLE = {
    proposal: { color: '#1d4ed8', label: 'proposed, demanded' },
    support: { color: '#15803d', label: 'accepted, welcomed, supported, praised' },
    opposition: { color: '#b91c1c', label: 'rejected, criticized, warned, sanctioned' },
    contact: { color: '#7c3aed', label: 'called, met' },
    other: { color: '#6b7280', label: 'other (urged, announced, mediated, represents…)' },
  };

  // The formats of graph::export_formats(), offered as download links.
  const EXPORT_FORMATS = [
    ['json', 'JSON (canonical)'], ['cytoscape', 'Cytoscape (.cyjs)'], ['graphml', 'GraphML'],
    ['gexf', 'GEXF (Gephi, dynamic)'], ['dot', 'Graphviz DOT'], ['csv', 'CSV tables (zip)'], ['neo4j', 'Neo4j import (zip)'],
  ];

  // Above these sizes the page trades looks for speed (docs/visualiser.md, "Large graphs"). Up to
  // LARGE_LAYOUT_NODES nodes fcose runs in full on the page; above, layout-worker.js lays the graph out in a
  // Web Worker (fcose's force pass iterates at least 5 times per node: minutes on 2,000 nodes). Above the
  // LARGE_RENDER sizes edges become straight "haystack" lines without labels or arrows (except the clicked
  // node's facts), and only the busiest nodes keep their labels at overview zoom.
  const LARGE_LAYOUT_NODES = 300;
  const LARGE_RENDER_NODES = 500;
  const LARGE_RENDER_EDGES = 1000;
  // Large mode: node diameters between these (px), the size data (16..64) mapped onto them.
  const LARGE_NODE_SIZE = [8, 32];
  const BUNDLE_STEP = 24;  // px between the curves of different relations joining one pair of nodes
  const BUNDLE_SLOTS = 6;  // curve positions either side of the straight line

  const isLarge = (nodes, edges) => nodes > LARGE_RENDER_NODES || edges > LARGE_RENDER_EDGES;

  const AUTO_EVIDENCE_FACTS = 8;  // facts whose evidence a node panel loads without a click
  const EVIDENCE_PAGE = 20;

  const $ = (id) => document.getElementById(id);

  // h('a', {href: url}, 'text', child…): builds DOM; strings become text nodes, never markup.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'style') el.style.cssText = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  // Only http(s) links from evidence become clickable: a javascript: URL in an article must stay text.
  function safeUrl(url) {
    try {
      const parsed = new URL(String(url), window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // ---------- status: loading overlay, error banner, counts ----------

  let pending = 0;
  const timings = {};
  function setBusy(delta, text) {
    pending = Math.max(0, pending + delta);
    if (text) $('loading-text').textContent = text;
    $('loading').hidden = pending === 0;
    document.body.dataset.busy = pending > 0 ? 'true' : 'false';
  }

  async function withLoading(text, work) {
    setBusy(+1, text);
    try {
      await nextPaint();
      return await work();
    } finally {
      setBusy(-1);
    }
  }

  // Lets the browser paint the overlay before a long synchronous step (layout) starts.
  function nextPaint() {
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  function showError(message) {
    $('error-text').textContent = message;
    $('error').hidden = false;
    document.body.dataset.state = 'error';
  }

  function showNotice(message) {
    $('error-text').textContent = message;
    $('error').hidden = false;
    $('error').classList.add('notice');
  }

  function clearError() {
    $('error').hidden = true;
    $('error').classList.remove('notice');
  }

  // ---------- API ----------

  // GET path as JSON; onResponse sees the raw response (headers) of a successful call.
  async function api(path, onResponse) {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: 'application/json' } });
    } catch (err) {
      throw new Error(`cannot reach the server (${path}): ${err.message}`);
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      // RFC 9457 problem+json: detail names the parameter at fault.
      const detail = (body && (body.detail || body.title)) || text.slice(0, 200) || response.statusText;
      throw new Error(`${response.status}: ${detail} (${path})`);
    }
    if (body === null) throw new Error(`the server sent no JSON for ${path}`);
    if (onResponse) onResponse(response);
    return body;
  }

  // A list endpoint's rows, whether it answers {data: [...]} or a bare array.
  function rowsOf(doc) {
    if (Array.isArray(doc)) return doc;
    for (const key of ['data', 'evidence', 'items', 'edges']) if (Array.isArray(doc && doc[key])) return doc[key];
    return [];
  }

  // ---------- elements ----------

  // relation -> family, learnt from every cytoscape payload the server sends.
  const relationGroups = new Map();

  // Nested attributes flattened to attr_* fields, the way the cytoscape export writes them.
  function flatAttributes(attributes) {
    const out = {};
    for (const [key, value] of Object.entries(attributes || {})) {
      const flat = value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'));
      out[`attr_${key}`] = flat ? value : JSON.stringify(value);
    }
    return out;
  }

  // Cytoscape elements from a cytoscape export, or from a JSON graph payload ({nodes, edges} with numeric
  // ids: the canonical export, and what /v1/nodes/{id}/neighbors answers).
  function elementsOf(doc) {
    if (doc && doc.elements) {
      const els = doc.elements;
      return Array.isArray(els) ? els : [...(els.nodes || []), ...(els.edges || [])];
    }
    if (doc && Array.isArray(doc.nodes) && Array.isArray(doc.edges)) {
      const nodes = doc.nodes.map((n) => ({
        group: 'nodes',
        data: {
          ...n, ...flatAttributes(n.attributes), attributes: undefined,
          id: `n${n.id}`, node_id: n.id, label: n.name, proposal_type: n.proposal_type || '',
        },
      }));
      const edges = doc.edges.map((e) => ({
        group: 'edges',
        data: {
          ...e, id: `e${e.id}`, edge_id: e.id, source: `n${e.source}`, target: `n${e.target}`,
          label: `${e.negated ? 'not ' : ''}${e.relation}`,
        },
      }));
      return [...nodes, ...edges];
    }
    throw new Error('the server answered with neither cytoscape elements nor a graph payload');
  }

  function isEdge(el) {
    return el.group === 'edges' || (el.data && el.data.source !== undefined && el.data.target !== undefined);
  }

  function logScale(value, base, step, max) {
    return Math.min(max, base + step * Math.log2(1 + Math.max(0, Number(value) || 0)));
  }

  // Derived display fields, computed once on the plain elements before they are added (cheaper than
  // cytoscape calls per element, and no style functions run on every frame).
  function decorate(els) {
    const nodes = els.filter((el) => !isEdge(el));
    const edges = els.filter(isEdge);
    const totals = new Map();
    for (const { data: d } of edges) {
      if (d.relation_group) relationGroups.set(d.relation, d.relation_group);
      const group = d.relation_group || relationGroups.get(d.relation) || 'other';
      Object.assign(d, { relation_group: group, color: GROUP_STYLE[group].color, width: logScale(d.mention_count, 1, 1.2, 8) });
      for (const end of [d.source, d.target]) {
        const t = totals.get(String(end)) || { mentions: 0, degree: 0 };
        t.mentions += Number(d.mention_count) || 0;
        t.degree += 1;
        totals.set(String(end), t);
      }
    }
    for (const { data: d } of nodes) {
      if (d.mention_count === undefined) {
        // Payloads other than the cytoscape export carry no per-node totals: count what is loaded.
        const t = totals.get(String(d.id)) || { mentions: 0, degree: 0 };
        Object.assign(d, { mention_count: t.mentions, degree: t.degree });
      }
      const style = KIND_STYLE[d.kind] || UNKNOWN_KIND;
      Object.assign(d, { color: style.color, shape: style.shape, size: logScale(d.mention_count, 16, 7, 64) });
    }
    return els;
  }

  // The diameter a node is drawn with (the stylesheet maps data(size) the same way).
  function drawnSize(size, large) {
    if (!large) return size;
    const [lo, hi] = LARGE_NODE_SIZE;
    return lo + ((Math.min(64, Math.max(16, size)) - 16) * (hi - lo)) / 48;
  }

  // ---------- Cytoscape ----------

  cytoscape.use(cytoscapeFcose);

  // The stylesheet of either mode; everything per element comes from data fields and classes.
  function stylesheet(large) {
    const nodeSize = large ? `mapData(size, 16, 64, ${LARGE_NODE_SIZE[0]}, ${LARGE_NODE_SIZE[1]})` : 'data(size)';
    const edgeLabel = { label: 'data(label)', 'font-size': 8, color: 'data(color)', 'text-rotation': 'autorotate' };
    const sheet = [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)', shape: 'data(shape)', width: nodeSize, height: nodeSize,
          label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
          'text-max-width': 140, 'border-width': large ? 0 : 1, 'border-color': '#4b5563',
          'text-outline-color': '#ffffff', 'text-outline-width': large ? 0 : 2,
          // Large: a label is drawn from zoom 0.9 up (10 px × zoom ≥ 9 px), the busiest nodes' sooner (.hub1, .hub2).
          'min-zoomed-font-size': large ? 9 : 7,
        },
      },
      {
        selector: 'edge',
        // Large: plain straight lines centre to centre (parallel facts fall on one line); the facts of the
        // clicked node get their label and an arrow (.labelled). Labels and arrows on every edge cost more
        // than the rest of the drawing together.
        style: large ? {
          width: 'mapData(width, 1, 8, 0.6, 4)', 'line-color': 'data(color)', 'curve-style': 'haystack',
          'haystack-radius': 0, opacity: 0.6,
        } : {
          ...edgeLabel, width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'curve-style': 'bezier', 'min-zoomed-font-size': 8,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1, opacity: 0.85,
        },
      },
      { selector: 'edge[?negated]', style: { 'line-style': 'dashed' } },
      {
        selector: 'edge.labelled',
        style: { ...edgeLabel, 'mid-target-arrow-shape': 'triangle', 'mid-target-arrow-color': 'data(color)', opacity: 1,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1 },
      },
      // Drawn from zoom 0.3 (hub1) and 0.5 (hub2) up: fitting 2,000 nodes in a window is about zoom 0.4.
      { selector: 'node.hub1', style: { 'font-size': 22, 'min-zoomed-font-size': 6.5, 'text-outline-width': 2, 'font-weight': 'bold' } },
      { selector: 'node.hub2', style: { 'font-size': 14, 'min-zoomed-font-size': 7, 'text-outline-width': 1.5 } },
    ];
    // Facts of one relation between the same two nodes share one curve (a bundle); bundles of different
    // relations between that pair fan out either side of the straight line (bundleEdges sets the classes).
    for (let slot = -BUNDLE_SLOTS; slot <= BUNDLE_SLOTS; slot++) {
      sheet.push({
        selector: `edge.${bundleClass(slot)}`,
        style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': (slot * BUNDLE_STEP) / 2, 'control-point-weights': 0.5 },
      });
    }
    sheet.push(
      { selector: '.hidden', style: { display: 'none' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827' } },
      { selector: 'edge:selected', style: { width: 5, opacity: 1 } },
      { selector: '.found', style: { 'border-width': 6, 'border-color': '#e11d48' } },
    );
    return sheet;
  }

  function bundleClass(slot) {
    return `bundle-${slot < 0 ? 'm' : 'p'}${Math.abs(slot)}`;
  }

  // The graph is created when the first payload arrives: the renderer options depend on its size.
  let cy = null;
  let cyLarge = null;  // the renderer options cy was made with
  let styleLarge = null;  // the stylesheet in use

  function ensureCy(large) {
    if (cy && cyLarge === large) return;
    if (cy) cy.destroy();
    cy = cytoscape({
      container: $('cy'),
      minZoom: 0.05,
      maxZoom: 4,
      style: stylesheet(large),
      // Large: one canvas pixel per CSS pixel even on HiDPI screens. textureOnViewport and
      // hideEdgesOnViewport stay off: Cytoscape's layered texture cache already makes drag and wheel frames
      // cost ~1 ms at 2,000 nodes, while a viewport texture costs a full redraw (~1 s) when a gesture starts
      // and hidden edges a node redraw per frame (measured with bench/web_large_graph.mjs).
      textureOnViewport: false,
      hideEdgesOnViewport: false,
      pixelRatio: large ? 1 : 'auto',
    });
    cyLarge = large;
    styleLarge = large;
    bindGraphEvents();
  }

  // After elements were added: the stylesheet for the new size, label ranks, bundles. Call inside cy.batch.
  function restyle() {
    const large = isLarge(cy.nodes().length, cy.edges().length);
    if (large !== styleLarge) {
      cy.style(stylesheet(large));
      styleLarge = large;
    }
    if (large) {
      const nodes = cy.nodes();
      const ranks = hubRanks(nodes.map((n) => ({ id: n.id(), degree: n.degree() })));
      nodes.removeClass('hub1 hub2');
      nodes.forEach((n) => { if (ranks.has(n.id())) n.addClass(ranks.get(n.id())); });
    } else {
      bundleEdges();
    }
  }

  // Large mode: the busiest nodes (by facts) keep a label at overview zoom (class hub1, then hub2); the
  // others show theirs when zoomed in. nodes: [{id, degree}]; answers id -> class for the ranked ones.
  function hubRanks(nodes) {
    const sorted = [...nodes].sort((a, b) => b.degree - a.degree);
    const top = Math.min(25, Math.max(10, Math.round(sorted.length * 0.01)));
    const next = Math.min(80, Math.max(20, Math.round(sorted.length * 0.03)));
    return new Map(sorted.slice(0, top + next).map((n, i) => [n.id, i < top ? 'hub1' : 'hub2']));
  }

  // Small mode: one curve per (source, target, relation, negated); curves of one pair of nodes fan out.
  function bundleEdges() {
    const pairs = new Map();  // unordered pair -> bundle key -> edges
    cy.edges().forEach((e) => {
      const d = e.data();
      if (d.source === d.target) return;
      const pair = d.source < d.target ? `${d.source}\u0000${d.target}` : `${d.target}\u0000${d.source}`;
      const bundle = `${d.source}\u0000${d.relation}\u0000${d.negated ? 1 : 0}`;
      if (!pairs.has(pair)) pairs.set(pair, new Map());
      const bundles = pairs.get(pair);
      if (!bundles.has(bundle)) bundles.set(bundle, []);
      bundles.get(bundle).push(e);
    });
    const all = [];
    for (let slot = -BUNDLE_SLOTS; slot <= BUNDLE_SLOTS; slot++) all.push(bundleClass(slot));
    cy.edges().removeClass(all.join(' '));
    for (const bundles of pairs.values()) {
      const list = [...bundles.values()];
      if (list.length === 1 && list[0].length === 1) continue;  // a lone fact: the default straight line
      list.forEach((edges, i) => {
        for (const e of edges) {
          // Half steps from the middle; a curve's side is relative to its own direction.
          const sign = e.data('source') < e.data('target') ? 1 : -1;
          const slot = Math.max(-BUNDLE_SLOTS, Math.min(BUNDLE_SLOTS, sign * (2 * i - (list.length - 1))));
          e.addClass(bundleClass(slot));
        }
      });
    }
  }

  // The canvas shrinks when the details panel opens: Cytoscape only notices window resizes by itself.
  // Keeping the old centre in the middle, so opening the panel does not push the graph off to one side.
  let canvasSize = { w: $('cy').clientWidth, h: $('cy').clientHeight };
  new ResizeObserver(() => {
    const size = { w: $('cy').clientWidth, h: $('cy').clientHeight };
    if (cy) {
      cy.resize();
      cy.panBy({ x: (size.w - canvasSize.w) / 2, y: (size.h - canvasSize.h) / 2 });
    }
    canvasSize = size;
  }).observe($('cy'));

  // Pans just enough to bring a clicked element back into view after the panel took its place.
  function keepInView(ele) {
    requestAnimationFrame(() => {
      cy.resize();
      const box = ele.renderedBoundingBox();
      const margin = 40;
      const dx = box.x2 > cy.width() - margin ? cy.width() - margin - box.x2 : box.x1 < margin ? margin - box.x1 : 0;
      const dy = box.y2 > cy.height() - margin ? cy.height() - margin - box.y2 : box.y1 < margin ? margin - box.y1 : 0;
      if (dx || dy) cy.animate({ panBy: { x: dx, y: dy } }, { duration: 200 });
    });
  }

  function visible() {
    return cy.elements().not('.hidden');
  }

  function updateCounts() {
    const nodes = cy.nodes().not('.hidden').length;
    const edges = cy.edges().not('.hidden').length;
    const counts = $('counts');
    counts.dataset.nodes = String(nodes);
    counts.dataset.edges = String(edges);
    const total = cy.nodes().length === nodes && cy.edges().length === edges ? '' : ` (of ${cy.nodes().length} / ${cy.edges().length})`;
    counts.textContent = `${nodes} nodes · ${edges} edges${total}`;
    $('empty').hidden = nodes > 0 || pending > 0;
  }

  // Big graphs are laid out by layout-worker.js in a Web Worker, so the page keeps answering (the spinner
  // shows progress); where no worker can start, the same code runs on the page.
  let layoutWorker = null;
  let workerFailed = false;
  let layoutJobs = 0;

  function layoutOnPage(job, onProgress) {
    timings.layout_thread = 'page';
    return window.parleyLayout(job, onProgress);
  }

  function layoutInWorker(job, onProgress) {
    if (!workerFailed && !layoutWorker) {
      try {
        layoutWorker = new Worker('layout-worker.js');
      } catch {
        workerFailed = true;
      }
    }
    if (workerFailed) return Promise.resolve(layoutOnPage(job, onProgress));
    const id = ++layoutJobs;
    return new Promise((resolve, reject) => {
      const done = () => {
        layoutWorker.removeEventListener('message', onMessage);
        layoutWorker.removeEventListener('error', onError);
      };
      const onMessage = (ev) => {
        if (ev.data.id !== id) return;
        if (ev.data.progress !== undefined) return onProgress(ev.data.progress);
        done();
        timings.layout_thread = 'worker';
        if (ev.data.error) reject(new Error(`layout failed: ${ev.data.error}`));
        else resolve(ev.data);
      };
      const onError = (ev) => {
        ev.preventDefault();
        done();
        workerFailed = true;
        layoutWorker.terminate();
        resolve(layoutOnPage(job, onProgress));
      };
      layoutWorker.addEventListener('message', onMessage);
      layoutWorker.addEventListener('error', onError);
      layoutWorker.postMessage({ id, ...job });
    });
  }

  // Positions for nodes [{id, size}] joined by edges [{source, target}], in the order of nodes.
  async function forceLayout(nodes, edges) {
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const pairs = [];
    for (const e of edges) {
      const a = index.get(String(e.source));
      const b = index.get(String(e.target));
      if (a !== undefined && b !== undefined) pairs.push(a, b);
    }
    const job = { n: nodes.length, sizes: Float64Array.from(nodes, (node) => node.size), edges: Int32Array.from(pairs) };
    const started = performance.now();
    const { x, y } = await layoutInWorker(job, (progress) =>
      setBusy(0, `Laying out ${nodes.length} nodes… ${Math.round(progress * 100)} %`));
    timings.layout = performance.now() - started;
    return nodes.map((node, i) => ({ x: x[i], y: y[i] }));
  }

  async function runLayout(eles, incremental) {
    const nodes = eles.nodes();
    const n = nodes.length;
    if (n === 0) return;
    if (n > LARGE_LAYOUT_NODES) {
      // New nodes from an expansion keep the ring they were placed on around the expanded node.
      if (incremental) return;
      await withLoading(`Laying out ${n} nodes…`, async () => {
        const positions = await forceLayout(nodes.map((node) => ({ id: node.id(), size: node.width() })),
          eles.edges().map((e) => e.data()));
        cy.batch(() => nodes.positions((node, i) => positions[i]));
        cy.fit(eles, 30);
      });
      return;
    }
    await withLoading(`Laying out ${n} nodes…`, async () => {
      eles.layout({
        name: 'fcose',
        quality: 'default',
        randomize: !incremental,
        animate: n < 250,
        animationDuration: 400,
        fit: true,
        padding: 30,
        packComponents: true,
        nodeSeparation: 60,
        idealEdgeLength: () => 90,
        nodeRepulsion: () => 8000,
        edgeElasticity: () => 0.4,
      }).run();
    });
  }

  // ---------- filters ----------

  const filterState = {
    relations: new Map(),  // relation -> checked
    kinds: new Map(),
    dates: [],  // sorted distinct dates seen on edges
  };

  function checkbox(name, value, checked, swatch, count, onchange) {
    return h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, value, checked, onchange }),
      swatch ? h('span', { class: `swatch ${swatch.shape || ''}`, style: `background:${swatch.color}` }) : null,
      h('span', { class: 'check-label' }, value),
      h('span', { class: 'n' }, String(count)));
  }

  function countBy(collection, key) {
    const counts = new Map();
    collection.forEach((el) => {
      const value = el.data(key);
      if (value !== undefined && value !== null && value !== '') counts.set(value, (counts.get(value) || 0) + 1);
    });
    return counts;
  }

  // Rebuilds the filter controls from what is loaded; choices already made survive, new values start checked.
  function buildFilters() {
    const groups = Object.keys(GROUP_STYLE);
    const relationCounts = countBy(cy.edges(), 'relation');
    const relations = [...relationCounts.keys()].sort((a, b) => {
      const ga = groups.indexOf(relationGroups.get(a) || 'other');
      const gb = groups.indexOf(relationGroups.get(b) || 'other');
      return ga - gb || a.localeCompare(b);
    });
    $('relation-filters').replaceChildren(...relations.map((relation) => {
      if (!filterState.relations.has(relation)) filterState.relations.set(relation, true);
      const group = relationGroups.get(relation) || 'other';
      return checkbox('relation', relation, filterState.relations.get(relation), GROUP_STYLE[group], relationCounts.get(relation),
        (ev) => { filterState.relations.set(relation, ev.target.checked); applyFilters(); });
    }));

    const kindCounts = countBy(cy.nodes(), 'kind');
    const kinds = [...kindCounts.keys()].sort((a, b) => {
      const order = Object.keys(KIND_STYLE);
      return (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99);
    });
    $('kind-filters').replaceChildren(...kinds.map((kind) => {
      if (!filterState.kinds.has(kind)) filterState.kinds.set(kind, true);
      return checkbox('kind', kind, filterState.kinds.get(kind), KIND_STYLE[kind] || UNKNOWN_KIND, kindCounts.get(kind),
        (ev) => { filterState.kinds.set(kind, ev.target.checked); applyFilters(); });
    }));

    const select = $('proposal-type');
    const chosen = select.value;
    const types = [...countBy(cy.nodes('[kind = "proposal"]'), 'proposal_type').entries()].sort((a, b) => a[0].localeCompare(b[0]));
    select.replaceChildren(h('option', { value: '' }, 'any'),
      ...types.map(([type, count]) => h('option', { value: type }, `${type} (${count})`)));
    select.value = types.some(([type]) => type === chosen) ? chosen : '';

    const dates = new Set();
    cy.edges().forEach((e) => {
      for (const key of ['first_seen', 'last_seen']) if (e.data(key)) dates.add(e.data(key));
    });
    const oldDates = filterState.dates;
    const fromDate = oldDates[Number($('date-from').value)];
    const toDate = oldDates[Number($('date-to').value)];
    const wasFullRange = !oldDates.length || (fromDate === oldDates[0] && toDate === oldDates[oldDates.length - 1]);
    filterState.dates = [...dates].sort();
    const last = Math.max(0, filterState.dates.length - 1);
    for (const id of ['date-from', 'date-to']) $(id).max = String(last);
    const indexOf = (date, fallback) => {
      const i = filterState.dates.indexOf(date);
      return i >= 0 ? i : fallback;
    };
    $('date-from').value = String(wasFullRange ? 0 : indexOf(fromDate, 0));
    $('date-to').value = String(wasFullRange ? last : indexOf(toDate, last));

    let maxMentions = 1;
    cy.edges().forEach((e) => { maxMentions = Math.max(maxMentions, Number(e.data('mention_count')) || 1); });
    $('min-mentions').max = String(maxMentions);
    if (Number($('min-mentions').value) > maxMentions) $('min-mentions').value = String(maxMentions);

    buildLegend();
    buildSearchList();
  }

  function readFilters() {
    const dates = filterState.dates;
    let fromIndex = Number($('date-from').value);
    let toIndex = Number($('date-to').value);
    if (fromIndex > toIndex) [fromIndex, toIndex] = [toIndex, fromIndex];
    const relations = new Set([...filterState.relations].filter(([, on]) => on).map(([r]) => r));
    const kinds = new Set([...filterState.kinds].filter(([, on]) => on).map(([k]) => k));
    const f = {
      relations,
      kinds,
      allRelations: relations.size === filterState.relations.size,
      proposalType: $('proposal-type').value,
      minMentions: Number($('min-mentions').value) || 1,
      from: dates[fromIndex] || '',
      to: dates[toIndex] || '',
      datesNarrowed: dates.length > 0 && (fromIndex > 0 || toIndex < dates.length - 1),
    };
    f.edgeFilterActive = !f.allRelations || f.proposalType !== '' || f.minMentions > 1 || f.datesNarrowed;
    return f;
  }

  function isProposalOf(node, type) {
    return node.data('kind') === 'proposal' && node.data('proposal_type') === type;
  }

  // Edge rules follow the server's EdgeFilter; a node shows when it passes the kind filter and keeps at
  // least one visible fact (nodes that had none to begin with show until an edge filter is set).
  function applyFilters() {
    const f = readFilters();
    $('date-from-label').textContent = f.from || '–';
    $('date-to-label').textContent = f.to || '–';
    $('min-mentions-label').textContent = String(f.minMentions);
    cy.batch(() => {
      const touched = new Set();
      cy.edges().forEach((e) => {
        const d = e.data();
        const source = e.source();
        const target = e.target();
        let ok = f.relations.has(d.relation) && (Number(d.mention_count) || 1) >= f.minMentions &&
          f.kinds.has(source.data('kind')) && f.kinds.has(target.data('kind'));
        if (ok && f.proposalType) ok = isProposalOf(source, f.proposalType) || isProposalOf(target, f.proposalType);
        if (ok && f.datesNarrowed) {
          const first = d.first_seen || d.last_seen;
          const last = d.last_seen || d.first_seen;
          if (first && last) ok = !(last < f.from || first > f.to);  // overlaps the chosen range
        }
        e.toggleClass('hidden', !ok);
        if (ok) {
          touched.add(d.source);
          touched.add(d.target);
        }
      });
      cy.nodes().forEach((n) => {
        const isolated = n.connectedEdges().length === 0;
        const show = f.kinds.has(n.data('kind')) && (touched.has(n.id()) || (isolated && !f.edgeFilterActive));
        n.toggleClass('hidden', !show);
      });
    });
    updateCounts();
    updateExportLinks(f);
  }

  function buildLegend() {
    const groups = new Map(Object.keys(GROUP_STYLE).map((g) => [g, []]));
    cy.edges().forEach((e) => {
      const list = groups.get(e.data('relation_group')) || groups.get('other');
      if (!list.includes(e.data('relation'))) list.push(e.data('relation'));
    });
    const rows = [...Object.entries(GROUP_STYLE)].map(([group, style]) =>
      h('div', { class: 'legend-row' },
        h('span', { class: 'line', style: `background:${style.color}` }),
        h('span', {}, groups.get(group).length ? groups.get(group).sort().join(', ') : style.label)));
    const kinds = Object.entries(KIND_STYLE).map(([kind, style]) =>
      h('div', { class: 'legend-row' }, h('span', { class: `swatch ${style.shape}`, style: `background:${style.color}` }), kind));
    $('legend').replaceChildren(...rows,
      h('div', { class: 'legend-row' }, h('span', { class: 'line dashed' }), 'negated ("did not …")'), ...kinds);
  }

  // Download links carry the filters the server understands too (relation, proposal_type, from/to, as_state).
  function updateExportLinks(f) {
    const params = new URLSearchParams();
    if (!f.allRelations) for (const r of [...f.relations].sort()) params.append('relation', r);
    if (f.proposalType) params.set('proposal_type', f.proposalType);
    if (f.datesNarrowed) {
      params.set('from', f.from);
      params.set('to', f.to);
    }
    if ($('state-view').checked) params.set('as_state', 'true');
    $('export-links').replaceChildren(...EXPORT_FORMATS.map(([format, label]) => {
      const p = new URLSearchParams(params);
      p.set('format', format);
      return h('a', { href: `/v1/graph?${p}`, download: '' }, label);
    }), h('p', { class: 'hint' }, 'Exports apply the relation, proposal type, date and state-view filters.'));
  }

  // ---------- search ----------

  function buildSearchList() {
    const names = new Set();
    cy.nodes().forEach((n) => {
      names.add(n.data('label'));
      for (const alias of n.data('aliases') || []) names.add(alias);
    });
    $('search-names').replaceChildren(...[...names].sort().slice(0, 5000).map((name) => h('option', { value: name })));
  }

  function findLoaded(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const nodes = cy.nodes().toArray();
    const exact = nodes.find((n) => String(n.data('label')).toLowerCase() === q);
    if (exact) return exact;
    const alias = nodes.find((n) => (n.data('aliases') || []).some((a) => String(a).toLowerCase() === q));
    if (alias) return alias;
    return nodes.find((n) => String(n.data('label')).toLowerCase().includes(q)) || null;
  }

  function focusNode(node) {
    cy.elements().unselect();
    node.select();
    node.addClass('found');
    setTimeout(() => node.removeClass('found'), 2500);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 400 });
    showNode(node);
    if (node.hasClass('hidden')) showNotice(`${node.data('label')} is hidden by the current filters.`);
  }

  async function search(query) {
    clearError();
    const local = findLoaded(query);
    if (local) return focusNode(local);
    // Not in the loaded graph: ask the API by name or alias and bring its neighbourhood in.
    const params = new URLSearchParams({ q: query.trim(), limit: '5' });
    const found = rowsOf(await withLoading(`Searching for ${query}…`, () => api(`/v1/nodes?${params}`)));
    if (!found.length) return showNotice(`No node matches "${query}".`);
    await expand(found[0].id);
    const node = cy.getElementById(`n${found[0].id}`);
    if (node.nonempty()) focusNode(node);
  }

  // ---------- loading and expanding ----------

  let loadSerial = 0;

  async function loadGraph() {
    const serial = ++loadSerial;
    const started = performance.now();
    for (const key of Object.keys(timings)) delete timings[key];
    clearError();
    document.body.dataset.state = 'loading';
    // evidence=false: the page fetches sentences per fact on demand, not the whole corpus up front.
    const params = new URLSearchParams({ format: 'cytoscape', evidence: 'false' });
    if ($('state-view').checked) params.set('as_state', 'true');
    try {
      let truncated = false;
      const doc = await withLoading('Loading graph…', () => api(`/v1/graph?${params}`, (response) => {
        truncated = response.headers.get('X-Parley-Truncated') === 'true';
      }));
      const els = decorate(elementsOf(doc));
      const nodeEls = els.filter((el) => !isEdge(el));
      const edgeEls = els.filter(isEdge);
      const large = isLarge(nodeEls.length, edgeEls.length);
      const bigLayout = nodeEls.length > LARGE_LAYOUT_NODES;
      timings.fetch = performance.now() - started;
      if (bigLayout) {
        // Laid out before the elements are added: every node arrives at its place, nothing is drawn twice.
        await withLoading(`Laying out ${nodeEls.length} nodes…`, async () => {
          const positions = await forceLayout(
            nodeEls.map((el) => ({ id: String(el.data.id), size: drawnSize(el.data.size, large) })),
            edgeEls.map((el) => el.data));
          nodeEls.forEach((el, i) => { el.position = positions[i]; });
        });
        if (serial !== loadSerial) return;  // a newer load (state view toggled) took over
      }
      const drawStarted = performance.now();
      if (large) {
        // Classes set before the add: setting them afterwards restyles every node and its edges again.
        const degree = new Map(nodeEls.map((el) => [String(el.data.id), 0]));
        for (const { data: d } of edgeEls) {
          for (const end of [String(d.source), String(d.target)]) degree.set(end, (degree.get(end) || 0) + 1);
        }
        const ranks = hubRanks([...degree].map(([id, n]) => ({ id, degree: n })));
        for (const el of nodeEls) if (ranks.has(String(el.data.id))) el.classes = ranks.get(String(el.data.id));
      }
      closeDetails();
      ensureCy(large);
      cy.batch(() => {
        cy.elements().remove();
        cy.add(els);
        if (!large) bundleEdges();
      });
      buildFilters();
      applyFilters();
      if (bigLayout) cy.fit(visible(), 30);
      else await runLayout(visible(), false);
      updateCounts();
      if (truncated) {
        showNotice(`The server cut the graph at ${cy.edges().length} facts (its export limit): the page shows only those. ` +
          'Use the exports with filters, or parley export, for everything.');
      }
      await nextPaint();
      timings.draw = performance.now() - drawStarted;
      timings.total = performance.now() - started;
      document.body.dataset.state = 'ready';
    } catch (err) {
      showError(`Could not load the graph: ${err.message}`);
    }
  }

  async function expand(nodeId) {
    // In state view the neighbourhood is lifted too, so it brings states and organizations, not their people.
    const params = new URLSearchParams({ direction: 'both', depth: '1' });
    if ($('state-view').checked) params.set('as_state', 'true');
    const doc = await withLoading('Loading neighbourhood…', () => api(`/v1/nodes/${encodeURIComponent(nodeId)}/neighbors?${params}`));
    const incoming = elementsOf(doc).filter((el) => el.data && cy.getElementById(String(el.data.id)).empty());
    // An edge whose endpoint is neither loaded nor in the answer would make cy.add throw: leave it out.
    const ids = new Set(incoming.filter((el) => !isEdge(el)).map((el) => String(el.data.id)));
    const known = (id) => ids.has(String(id)) || cy.getElementById(String(id)).nonempty();
    const fresh = incoming.filter((el) => !isEdge(el) || (known(el.data.source) && known(el.data.target)));
    if (!fresh.length) {
      showNotice('Nothing new around this node: its neighbourhood is already on the page.');
      return;
    }
    const anchor = cy.getElementById(`n${nodeId}`);
    const centre = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    decorate(fresh);
    // New nodes start on a ring around the anchor, wide enough for all of them, so the incremental
    // layout has little to move (on a big graph, that ring is where they stay).
    const newNodes = fresh.filter((el) => !isEdge(el));
    const radius = Math.max(120, (newNodes.length * 36) / (2 * Math.PI));
    newNodes.forEach((el, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, newNodes.length);
      el.position = { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
    });
    let added;
    cy.batch(() => {
      added = cy.add(fresh);
      restyle();
    });
    buildFilters();
    applyFilters();
    await runLayout(visible(), true);
    showNotice(`Added ${added.nodes().length} nodes and ${added.edges().length} edges.`);
  }

  // ---------- details panel ----------

  function closeDetails() {
    if (cy) cy.edges('.labelled').removeClass('labelled');
    $('details').hidden = true;
    $('details-body').replaceChildren();
  }

  function factsList(pairs) {
    return h('dl', { class: 'facts-dl' },
      pairs.filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(', ') : String(v))]));
  }

  function dateSpan(first, last) {
    if (!first && !last) return '';
    return first === last || !last ? first : `${first} – ${last}`;
  }

  function factTitle(edge) {
    const d = edge.data();
    return h('span', { class: 'fact-title' },
      h('span', { class: 'line', style: `background:${d.color}` }),
      h('b', {}, edge.source().data('label')), ' ',
      h('span', { class: 'relation', style: `color:${d.color}` }, d.label || d.relation), ' ',
      h('b', {}, edge.target().data('label')));
  }

  // Evidence rows, whatever names the API gives the article's fields.
  function evidenceItem(row) {
    const article = row.article || {};
    const title = row.article_title || article.title || row.title || 'untitled article';
    const url = safeUrl(row.article_url || article.url || row.url || '');
    const outlet = row.article_source || row.outlet || article.outlet || article.source || row.source || '';
    const date = row.date || article.published || row.published || '';
    const modality = row.modality && row.modality !== 'asserted' ? ` · ${row.modality}` : '';
    return h('li', { class: 'evidence-item' },
      row.sentence || row.text ? h('blockquote', {}, row.sentence || row.text) : h('p', { class: 'muted' }, '(no sentence stored for this mention)'),
      h('div', { class: 'cite' },
        url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', {}, title),
        outlet || date ? ` — ${[outlet, date].filter(Boolean).join(', ')}` : '', modality));
  }

  async function loadEvidence(edgeId, container, cursor) {
    const params = new URLSearchParams({ limit: String(EVIDENCE_PAGE) });
    if (cursor) params.set('cursor', cursor);
    const status = h('p', { class: 'muted' }, 'Loading evidence…');
    container.append(status);
    try {
      const doc = await api(`/v1/edges/${encodeURIComponent(edgeId)}/evidence?${params}`);
      const rows = rowsOf(doc);
      status.remove();
      let list = container.querySelector('ol.evidence');
      if (!list) {
        list = h('ol', { class: 'evidence' });
        container.append(list);
      }
      list.append(...rows.map(evidenceItem));
      if (!rows.length && !cursor) container.append(h('p', { class: 'muted' }, 'No evidence sentences stored.'));
      if (doc && doc.next_cursor) {
        const more = h('button', { type: 'button', class: 'link', onclick: () => { more.remove(); loadEvidence(edgeId, container, doc.next_cursor); } }, 'more evidence…');
        container.append(more);
      }
    } catch (err) {
      status.textContent = `Evidence could not be loaded: ${err.message}`;
      status.className = 'error-inline';
    }
  }

  function openDetails(...children) {
    $('details-body').replaceChildren(...children);
    $('details').hidden = false;
  }

  function factItem(edge, autoload) {
    const d = edge.data();
    const evidence = h('div', { class: 'evidence-box' });
    const meta = [`${d.mention_count || 0} mention${Number(d.mention_count) === 1 ? '' : 's'}`, dateSpan(d.first_seen, d.last_seen), d.title]
      .filter(Boolean).join(' · ');
    const item = h('li', { class: 'fact', 'data-edge-id': d.edge_id },
      h('button', { type: 'button', class: 'fact-head', onclick: () => { cy.elements().unselect(); edge.select(); showEdge(edge); } }, factTitle(edge)),
      h('div', { class: 'muted' }, meta),
      evidence);
    if (autoload) loadEvidence(d.edge_id, evidence);
    else evidence.append(h('button', { type: 'button', class: 'link', onclick: (ev) => { ev.target.remove(); loadEvidence(d.edge_id, evidence); } }, 'show evidence'));
    return item;
  }

  // Large mode draws edges without labels and arrows: the clicked node's facts get theirs.
  function labelFactsOf(ele) {
    if (!styleLarge) return;
    cy.batch(() => {
      cy.edges('.labelled').removeClass('labelled');
      (ele.isNode() ? ele.connectedEdges() : ele).addClass('labelled');
    });
  }

  function showNode(node) {
    const d = node.data();
    labelFactsOf(node);
    const attributes = Object.entries(d).filter(([k]) => k.startsWith('attr_')).map(([k, v]) => [k.slice(5).replace(/_/g, ' '), Array.isArray(v) ? v.join(', ') : v]);
    const edges = node.connectedEdges().not('.hidden').sort((a, b) => (b.data('mention_count') || 0) - (a.data('mention_count') || 0));
    const hiddenCount = node.connectedEdges().length - edges.length;
    const extra = h('div', { class: 'node-extra' });
    openDetails(
      h('h2', {}, d.label),
      h('p', { class: 'kind' }, h('span', { class: `swatch ${d.shape}`, style: `background:${d.color}` }), [d.kind, d.proposal_type].filter(Boolean).join(' · ')),
      factsList([['aliases', d.aliases], ['seen', dateSpan(d.first_seen, d.last_seen)], ['facts', d.degree], ['mentions', d.mention_count], ...attributes]),
      extra,
      h('h3', {}, `Facts (${edges.length}${hiddenCount ? `, ${hiddenCount} hidden by filters` : ''})`),
      h('ol', { class: 'facts' }, edges.toArray().map((e, i) => factItem(e, i < AUTO_EVIDENCE_FACTS))),
      h('button', { type: 'button', class: 'link', onclick: () => expand(d.node_id).catch((err) => showError(err.message)) }, 'load neighbourhood from the API'));
    keepInView(node);
    // Offices held and degree by relation come from the node endpoint; the panel works without them.
    api(`/v1/nodes/${encodeURIComponent(d.node_id)}`).then((info) => {
      const offices = (info.offices || []).map((o) =>
        [o.title, o.of && o.of.name, dateSpan(o.first_seen, o.last_seen)].filter(Boolean).join(', '));
      // degree: {relation: {out: n, in: m}}
      const byRelation = Object.entries(info.degree || {}).map(([relation, counts]) =>
        `${relation} ${typeof counts === 'object' ? Object.entries(counts).map(([dir, n]) => `${dir} ${n}`).join(', ') : counts}`);
      extra.append(factsList([['offices', offices], ['by relation', byRelation]]));
    }).catch(() => {});
  }

  function showEdge(edge) {
    const d = edge.data();
    labelFactsOf(edge);
    // Other facts of this relation between the same two nodes (in state view, several people's lifted facts).
    const bundled = edge.parallelEdges().not(edge).filter((e) => e.data('source') === d.source &&
      e.data('relation') === d.relation && Boolean(e.data('negated')) === Boolean(d.negated)).toArray();
    const evidence = h('div', { class: 'evidence-box' });
    openDetails(
      h('h2', {}, factTitle(edge)),
      factsList([
        ['relation', d.relation], ['negated', d.negated ? 'yes — the text says it did not happen' : ''], ['title', d.title],
        ['mentions', d.mention_count], ['evidence', d.evidence_count], ['seen', dateSpan(d.first_seen, d.last_seen)],
      ]),
      h('h3', {}, 'Evidence'),
      evidence,
      bundled.length ? h('h3', {}, `Drawn on the same line: ${bundled.length} more fact${bundled.length === 1 ? '' : 's'}`) : null,
      bundled.length ? h('ol', { class: 'facts' }, bundled.map((e) => factItem(e, false))) : null);
    keepInView(edge);
    loadEvidence(d.edge_id, evidence);
  }

  // ---------- wiring ----------

  function bindGraphEvents() {
    cy.on('tap', 'node', (ev) => showNode(ev.target));
    cy.on('tap', 'edge', (ev) => showEdge(ev.target));
    cy.on('dbltap', 'node', (ev) => { expand(ev.target.data('node_id')).catch((err) => showError(`Could not expand: ${err.message}`)); });
    cy.on('tap', (ev) => { if (ev.target === cy) closeDetails(); });
  }

  $('details-close').addEventListener('click', closeDetails);
  $('error-close').addEventListener('click', clearError);
  $('fit').addEventListener('click', () => { if (cy) cy.fit(visible(), 30); });
  $('relayout').addEventListener('click', () => { if (cy) runLayout(visible(), false).catch((err) => showError(err.message)); });
  $('state-view').addEventListener('change', loadGraph);
  $('proposal-type').addEventListener('change', applyFilters);
  for (const id of ['date-from', 'date-to', 'min-mentions']) $(id).addEventListener('input', applyFilters);
  for (const button of document.querySelectorAll('[data-relations]')) {
    button.addEventListener('click', () => {
      const on = button.dataset.relations === 'all';
      for (const relation of filterState.relations.keys()) filterState.relations.set(relation, on);
      for (const input of $('relation-filters').querySelectorAll('input')) input.checked = on;
      applyFilters();
    });
  }
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    search($('search').value).catch((err) => showError(`Search failed: ${err.message}`));
  });
  window.addEventListener('error', (ev) => showError(`Page error: ${ev.message}`));
  window.addEventListener('unhandledrejection', (ev) => showError(`Page error: ${ev.reason && ev.reason.message ? ev.reason.message : ev.reason}`));

  // For the browser test, the benchmark and the curious: the live graph, the visible counts, and how long
  // the last load took (ms: fetch, layout, draw, total; layout_thread says where the big layout ran).
  window.parley = {
    get cy() { return cy; },
    timings,
    counts: () => ({ nodes: cy.nodes().not('.hidden').length, edges: cy.edges().not('.hidden').length }),
    reload: loadGraph,
  };

  loadGraph();
})();
