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

  // Above these sizes the page trades looks for speed. Measured in headless Chromium (software rendering)
  // on 2,000 nodes / 3,000 edges: fcose's spectral pass ("draft") takes seconds, its force refinement
  // minutes; bezier edges and outlined labels double the paint time.
  const LARGE_LAYOUT_NODES = 300;
  const LARGE_RENDER_EDGES = 1000;

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

  // Derived display fields, computed once per element rather than by style functions on every frame.
  function decorate(eles) {
    eles.nodes().forEach((n) => {
      if (n.data('mention_count') === undefined) {
        // Payloads other than the cytoscape export carry no per-node totals: count what is loaded.
        let mentions = 0;
        n.connectedEdges().forEach((e) => { mentions += Number(e.data('mention_count')) || 0; });
        n.data({ mention_count: mentions, degree: n.connectedEdges().length });
      }
      const style = KIND_STYLE[n.data('kind')] || UNKNOWN_KIND;
      n.data({ color: style.color, shape: style.shape, size: logScale(n.data('mention_count'), 16, 7, 64) });
    });
    eles.edges().forEach((e) => {
      const d = e.data();
      if (d.relation_group) relationGroups.set(d.relation, d.relation_group);
      const group = d.relation_group || relationGroups.get(d.relation) || 'other';
      e.data({ relation_group: group, color: GROUP_STYLE[group].color, width: logScale(d.mention_count, 1, 1.2, 8) });
    });
  }

  // ---------- Cytoscape ----------

  cytoscape.use(cytoscapeFcose);

  const cy = cytoscape({
    container: $('cy'),
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)', shape: 'data(shape)', width: 'data(size)', height: 'data(size)',
          label: 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 7, 'text-valign': 'bottom',
          'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 140, 'border-width': 1, 'border-color': '#4b5563',
          'text-outline-color': '#ffffff', 'text-outline-width': 2,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'curve-style': 'bezier', label: 'data(label)',
          'font-size': 8, 'min-zoomed-font-size': 8, color: 'data(color)', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1, opacity: 0.85,
        },
      },
      { selector: 'edge[?negated]', style: { 'line-style': 'dashed' } },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827' } },
      { selector: 'edge:selected', style: { width: 5, opacity: 1 } },
      { selector: '.found', style: { 'border-width': 6, 'border-color': '#e11d48' } },
    ],
  });

  // The canvas shrinks when the details panel opens: Cytoscape only notices window resizes by itself.
  // Keeping the old centre in the middle, so opening the panel does not push the graph off to one side.
  let canvasSize = { w: $('cy').clientWidth, h: $('cy').clientHeight };
  new ResizeObserver(() => {
    const size = { w: $('cy').clientWidth, h: $('cy').clientHeight };
    cy.resize();
    cy.panBy({ x: (size.w - canvasSize.w) / 2, y: (size.h - canvasSize.h) / 2 });
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

  // Cheaper drawing for big graphs: straight edges, no label halos, edge labels only when zoomed in.
  function tuneRendering() {
    const large = cy.edges().length > LARGE_RENDER_EDGES;
    cy.style()
      .selector('edge').style({ 'curve-style': large ? 'straight' : 'bezier', 'min-zoomed-font-size': large ? 14 : 8 })
      .selector('node').style({
        'text-outline-width': large ? 0 : 2,
        'min-zoomed-font-size': large ? 12 : 7,
        width: large ? 'mapData(size, 16, 64, 8, 32)' : 'data(size)',
        height: large ? 'mapData(size, 16, 64, 8, 32)' : 'data(size)',
      })
      .update();
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

  // The spectral pass packs a big graph into a small square where nodes overlap; scaling the positions
  // about their centre to roughly 60 px of room per node separates them at no cost.
  function spreadOut(nodes) {
    const box = nodes.boundingBox({ includeLabels: false });
    const factor = (60 * Math.sqrt(nodes.length)) / Math.max(box.w, box.h, 1);
    if (factor <= 1) return;
    const cx = (box.x1 + box.x2) / 2;
    const cy0 = (box.y1 + box.y2) / 2;
    cy.batch(() => nodes.positions((node) => {
      const p = node.position();
      return { x: cx + (p.x - cx) * factor, y: cy0 + (p.y - cy0) * factor };
    }));
    cy.fit(nodes, 30);
  }

  async function runLayout(eles, incremental) {
    const n = eles.nodes().length;
    if (n === 0) return;
    // fcose's draft quality is its spectral pass, which an incremental run skips: on a large graph new
    // nodes keep the ring they were placed on around the node that was expanded.
    if (incremental && n > LARGE_LAYOUT_NODES) return;
    await withLoading(`Laying out ${n} nodes…`, async () => {
      eles.layout({
        name: 'fcose',
        quality: n > LARGE_LAYOUT_NODES ? 'draft' : 'default',  // draft = the spectral pass only
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
      if (n > LARGE_LAYOUT_NODES) spreadOut(eles.nodes());
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

  async function loadGraph() {
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
      const els = elementsOf(doc);
      closeDetails();
      cy.batch(() => {
        cy.elements().remove();
        decorate(cy.add(els));
      });
      tuneRendering();
      buildFilters();
      applyFilters();
      await runLayout(visible(), false);
      updateCounts();
      if (truncated) {
        showNotice(`The server cut the graph at ${cy.edges().length} facts (its export limit): the page shows only those. ` +
          'Use the exports with filters, or parley export, for everything.');
      }
      document.body.dataset.state = 'ready';
    } catch (err) {
      showError(`Could not load the graph: ${err.message}`);
    }
  }

  async function expand(nodeId) {
    // The neighbourhood is person-level even in state view: the endpoint has no as_state lift.
    const params = new URLSearchParams({ direction: 'both', depth: '1' });
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
    let added;
    cy.batch(() => {
      // New nodes start on a ring around the anchor, so the incremental layout has little to move.
      const newNodes = fresh.filter((el) => !isEdge(el));
      newNodes.forEach((el, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, newNodes.length);
        el.position = { x: centre.x + 120 * Math.cos(angle), y: centre.y + 120 * Math.sin(angle) };
      });
      added = cy.add(fresh);
      decorate(added);
    });
    tuneRendering();
    buildFilters();
    applyFilters();
    await runLayout(visible(), true);
    showNotice(`Added ${added.nodes().length} nodes and ${added.edges().length} edges.`);
  }

  // ---------- details panel ----------

  function closeDetails() {
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

  function showNode(node) {
    const d = node.data();
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
    const evidence = h('div', { class: 'evidence-box' });
    openDetails(
      h('h2', {}, factTitle(edge)),
      factsList([
        ['relation', d.relation], ['negated', d.negated ? 'yes — the text says it did not happen' : ''], ['title', d.title],
        ['mentions', d.mention_count], ['evidence', d.evidence_count], ['seen', dateSpan(d.first_seen, d.last_seen)],
      ]),
      h('h3', {}, 'Evidence'),
      evidence);
    keepInView(edge);
    loadEvidence(d.edge_id, evidence);
  }

  // ---------- wiring ----------

  cy.on('tap', 'node', (ev) => showNode(ev.target));
  cy.on('tap', 'edge', (ev) => showEdge(ev.target));
  cy.on('dbltap', 'node', (ev) => { expand(ev.target.data('node_id')).catch((err) => showError(`Could not expand: ${err.message}`)); });
  cy.on('tap', (ev) => { if (ev.target === cy) closeDetails(); });

  $('details-close').addEventListener('click', closeDetails);
  $('error-close').addEventListener('click', clearError);
  $('fit').addEventListener('click', () => cy.fit(visible(), 30));
  $('relayout').addEventListener('click', () => runLayout(visible(), false));
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

  // For the browser test and the curious: the live graph and the visible counts.
  window.parley = {
    cy,
    counts: () => ({ nodes: cy.nodes().not('.hidden').length, edges: cy.edges().not('.hidden').length }),
    reload: loadGraph,
  };

  loadGraph();
})();
