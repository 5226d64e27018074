// Force layout for big graphs, run in a Web Worker so the page stays responsive while it works (app.js
// also loads this file as a plain script and calls parleyLayout() directly when no worker can start).
// The same two stages as fcose (a spectral start, then forces), written on typed arrays: fcose's own force
// pass iterates at least 5 times per node over cytoscape objects, which on 2,000 nodes takes minutes.
//  1. Per connected component, pivot MDS (Brandes & Pich 2006): BFS hop distances from up to 40 pivots,
//     double-centred, projected on the two leading eigenvectors. Gives the global shape in milliseconds.
//  2. Fruchterman-Reingold forces (attraction d²/K along edges, repulsion K²/d within 1.5 K found through a
//     uniform grid, scaled by √(degree+1) of both ends as in ForceAtlas2 so hubs keep apart), with cooling,
//     then a few passes that push overlapping nodes apart.
//  3. Components packed in rows, biggest first; isolated nodes last.
// Input: n, sizes (node diameters, px), edges (flat [source, target, …] node indices). Output: x, y.
/* eslint-env worker */
(function (scope) {
  'use strict';

  // A deterministic generator, so the same graph always gets the same picture.
  function random(seed) {
    let s = seed % 2147483647 || 1;
    return () => (s = (s * 16807) % 2147483647) / 2147483647;
  }

  // Undirected adjacency in CSR form, without self loops; parallel edges count once.
  function adjacency(n, edges) {
    const seen = new Set();
    const pairs = [];
    for (let i = 0; i + 1 < edges.length; i += 2) {
      const a = Math.min(edges[i], edges[i + 1]);
      const b = Math.max(edges[i], edges[i + 1]);
      if (a === b || a < 0 || b >= n) continue;
      const key = a * n + b;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push(a, b);
    }
    const degree = new Int32Array(n);
    for (const v of pairs) degree[v]++;
    const start = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) start[v + 1] = start[v] + degree[v];
    const fill = start.slice(0, n);
    const adj = new Int32Array(pairs.length);
    for (let i = 0; i < pairs.length; i += 2) {
      adj[fill[pairs[i]]++] = pairs[i + 1];
      adj[fill[pairs[i + 1]]++] = pairs[i];
    }
    return { start, adj, degree, pairs };
  }

  function components(n, g) {
    const comp = new Int32Array(n).fill(-1);
    const list = [];
    const queue = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      if (comp[s] >= 0) continue;
      const id = list.length;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      comp[s] = id;
      while (head < tail) {
        const v = queue[head++];
        for (let k = g.start[v]; k < g.start[v + 1]; k++) {
          const w = g.adj[k];
          if (comp[w] < 0) {
            comp[w] = id;
            queue[tail++] = w;
          }
        }
      }
      list.push(queue.slice(0, tail));
    }
    return list;
  }

  // Hop distances from source over the component (local indices through index[]).
  function bfs(g, members, index, source, dist, queue) {
    dist.fill(-1);
    let head = 0;
    let tail = 0;
    queue[tail++] = source;
    dist[source] = 0;
    while (head < tail) {
      const v = queue[head++];
      const gv = members[v];
      for (let k = g.start[gv]; k < g.start[gv + 1]; k++) {
        const w = index[g.adj[k]];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue[tail++] = w;
        }
      }
    }
  }

  // Pivot MDS of one component into x, y (local indices).
  function pivotMds(g, members, index, x, y, rnd) {
    const m = members.length;
    const k = Math.min(40, m);
    const dist = new Int32Array(m);
    const queue = new Int32Array(m);
    const minDist = new Float64Array(m).fill(Infinity);
    const c = new Float64Array(m * k);  // c[v * k + p]: squared distance, then double-centred
    let pivot = 0;
    for (let v = 1; v < m; v++) if (g.degree[members[v]] > g.degree[members[pivot]]) pivot = v;
    for (let p = 0; p < k; p++) {
      bfs(g, members, index, pivot, dist, queue);
      let next = 0;
      for (let v = 0; v < m; v++) {
        const d = dist[v];
        c[v * k + p] = d * d;
        if (d < minDist[v]) minDist[v] = d;
        if (minDist[v] > minDist[next]) next = v;
      }
      pivot = next;  // max-min: the node farthest from every pivot so far
    }
    const rowMean = new Float64Array(m);
    const colMean = new Float64Array(k);
    let all = 0;
    for (let v = 0; v < m; v++) {
      for (let p = 0; p < k; p++) {
        const value = c[v * k + p];
        rowMean[v] += value / k;
        colMean[p] += value / m;
        all += value / (m * k);
      }
    }
    for (let v = 0; v < m; v++) for (let p = 0; p < k; p++) c[v * k + p] = -0.5 * (c[v * k + p] - rowMean[v] - colMean[p] + all);
    // Leading eigenvectors of the k×k matrix CᵀC by power iteration, the second kept orthogonal to the first.
    const ctc = new Float64Array(k * k);
    for (let v = 0; v < m; v++) {
      for (let p = 0; p < k; p++) {
        const a = c[v * k + p];
        if (a === 0) continue;
        for (let q = 0; q < k; q++) ctc[p * k + q] += a * c[v * k + q];
      }
    }
    const vectors = [];
    for (let e = 0; e < 2; e++) {
      let vec = Float64Array.from({ length: k }, () => rnd() - 0.5);
      let value = 0;
      for (let iter = 0; iter < 200; iter++) {
        for (const prev of vectors) {
          let dot = 0;
          for (let p = 0; p < k; p++) dot += vec[p] * prev.vec[p];
          for (let p = 0; p < k; p++) vec[p] -= dot * prev.vec[p];
        }
        const out = new Float64Array(k);
        for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) out[p] += ctc[p * k + q] * vec[q];
        let norm = 0;
        for (let p = 0; p < k; p++) norm += out[p] * out[p];
        norm = Math.sqrt(norm);
        if (norm === 0) break;
        let change = 0;
        for (let p = 0; p < k; p++) {
          out[p] /= norm;
          change += Math.abs(out[p] - vec[p]);
        }
        vec = out;
        value = norm;
        if (change < 1e-7) break;
      }
      vectors.push({ vec, value });
    }
    // Coordinates C·v, each axis scaled by its singular value's square root (as classical MDS would).
    const coords = [x, y];
    vectors.forEach(({ vec, value }, axis) => {
      const scale = value > 0 ? Math.pow(value, -0.25) : 0;
      for (let v = 0; v < m; v++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += c[v * k + p] * vec[p];
        coords[axis][v] = s * scale;
      }
    });
  }

  // Cell grid over the current positions: nodes of cell (i, j) are items[start[i*h+j] .. start[i*h+j+1]).
  function buildGrid(x, y, cell, grid) {
    const m = x.length;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let v = 0; v < m; v++) {
      if (x[v] < minX) minX = x[v];
      if (x[v] > maxX) maxX = x[v];
      if (y[v] < minY) minY = y[v];
      if (y[v] > maxY) maxY = y[v];
    }
    // Never more cells than a few per node: a wide, sparse drawing gets bigger cells.
    let size = cell;
    while (((maxX - minX) / size + 1) * ((maxY - minY) / size + 1) > 4 * m + 16) size *= 1.5;
    const w = Math.floor((maxX - minX) / size) + 1;
    const h = Math.floor((maxY - minY) / size) + 1;
    const start = new Int32Array(w * h + 1);
    const cellOf = grid.cellOf;
    for (let v = 0; v < m; v++) {
      const c = Math.floor((x[v] - minX) / size) * h + Math.floor((y[v] - minY) / size);
      cellOf[v] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < w * h; c++) start[c + 1] += start[c];
    const fill = start.slice(0, w * h);
    for (let v = 0; v < m; v++) grid.items[fill[cellOf[v]]++] = v;
    Object.assign(grid, { start, w, h });
  }

  // Calls visit(a, b) once for every pair of nodes in the same or neighbouring cells: each cell is met
  // with itself and half of its neighbours (the cell below and the right column).
  const NEIGHBOUR_DI = [0, 1, 1, 1];
  const NEIGHBOUR_DJ = [1, -1, 0, 1];
  function forEachClosePair(grid, visit) {
    const { start, items, w, h } = grid;
    for (let i = 0; i < w; i++) {
      for (let j = 0; j < h; j++) {
        const c = i * h + j;
        const end = start[c + 1];
        for (let s = start[c]; s < end; s++) {
          const a = items[s];
          for (let t = s + 1; t < end; t++) visit(a, items[t]);
          for (let k = 0; k < 4; k++) {
            const ni = i + NEIGHBOUR_DI[k];
            const nj = j + NEIGHBOUR_DJ[k];
            if (ni >= w || nj < 0 || nj >= h) continue;
            const nc = ni * h + nj;
            for (let t = start[nc], stop = start[nc + 1]; t < stop; t++) visit(a, items[t]);
          }
        }
      }
    }
  }

  function layoutComponent(g, members, sizes, opts, rnd, report) {
    const m = members.length;
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    if (m === 1) return { x, y };
    const index = opts.index;
    members.forEach((v, i) => { index[v] = i; });
    const K = opts.edgeLength;
    if (m === 2) {
      x[1] = K;
      return { x, y };
    }
    pivotMds(g, members, index, x, y, rnd);
    // Local edge list, and scale so that the mean edge is K long.
    const local = [];
    for (let i = 0; i < g.pairs.length; i += 2) {
      const a = g.pairs[i];
      if (index[a] >= 0 && index[a] < m && members[index[a]] === a) local.push(index[a], index[g.pairs[i + 1]]);
    }
    let total = 0;
    for (let e = 0; e < local.length; e += 2) total += Math.hypot(x[local[e]] - x[local[e + 1]], y[local[e]] - y[local[e + 1]]);
    const scale = total > 0 ? K / (total / (local.length / 2)) : K;
    // Structurally equal nodes (the leaves of one hub) get equal coordinates: jitter sets them apart.
    for (let v = 0; v < m; v++) {
      x[v] = x[v] * scale + (rnd() - 0.5) * K;
      y[v] = y[v] * scale + (rnd() - 0.5) * K;
    }
    const radius = Float64Array.from(members, (v) => sizes[v] / 2);
    // Busy nodes repel harder (as ForceAtlas2 does), so hubs move apart and keep room for their neighbours.
    const mass = Float64Array.from(members, (v) => Math.sqrt(g.degree[v] + 1));
    const dx = new Float64Array(m);
    const dy = new Float64Array(m);
    const grid = { cellOf: new Int32Array(m), items: new Int32Array(m) };
    const range = 1.5 * K;
    const K2 = K * K;
    const iterations = opts.iterations;
    const t0 = K * 2;
    const repel = (a, b) => {
      let ddx = x[a] - x[b];
      let ddy = y[a] - y[b];
      let d2 = ddx * ddx + ddy * ddy;
      if (d2 > range * range) return;
      if (d2 < 0.01) {
        ddx = rnd() - 0.5;
        ddy = rnd() - 0.5;
        d2 = ddx * ddx + ddy * ddy;
      }
      const f = (K2 * mass[a] * mass[b]) / d2;  // (mass·K²/d) along the unit vector (ddx, ddy)/d
      dx[a] += ddx * f;
      dy[a] += ddy * f;
      dx[b] -= ddx * f;
      dy[b] -= ddy * f;
    };
    for (let it = 0; it < iterations; it++) {
      dx.fill(0);
      dy.fill(0);
      buildGrid(x, y, range, grid);
      forEachClosePair(grid, repel);
      for (let e = 0; e < local.length; e += 2) {
        const a = local[e];
        const b = local[e + 1];
        const ddx = x[a] - x[b];
        const ddy = y[a] - y[b];
        const d = Math.sqrt(ddx * ddx + ddy * ddy);
        const f = d / K;  // (d²/K) along the unit vector
        dx[a] -= ddx * f;
        dy[a] -= ddy * f;
        dx[b] += ddx * f;
        dy[b] += ddy * f;
      }
      const t = t0 * Math.pow(1 - it / iterations, 1.5) + K * 0.02;
      for (let v = 0; v < m; v++) {
        const d = Math.sqrt(dx[v] * dx[v] + dy[v] * dy[v]);
        if (d > 0) {
          const step = Math.min(d, t) / d;
          x[v] += dx[v] * step;
          y[v] += dy[v] * step;
        }
      }
      if (it % 25 === 0) report(m, it / iterations);
    }
    // Overlap removal: nodes closer than their radii plus a gap are pushed apart, half each.
    const gap = opts.gap;
    for (let pass = 0; pass < 10; pass++) {
      let moved = 0;
      buildGrid(x, y, Math.max(range, 2 * Math.max(...radius) + gap), grid);
      forEachClosePair(grid, (a, b) => {
        const need = radius[a] + radius[b] + gap;
        let ddx = x[a] - x[b];
        let ddy = y[a] - y[b];
        const d = Math.sqrt(ddx * ddx + ddy * ddy);
        if (d >= need) return;
        if (d < 0.01) {
          ddx = rnd() - 0.5;
          ddy = rnd() - 0.5;
        }
        const push = (need - d) / 2 / Math.max(d, Math.hypot(ddx, ddy));
        x[a] += ddx * push;
        y[a] += ddy * push;
        x[b] -= ddx * push;
        y[b] -= ddy * push;
        moved++;
      });
      if (!moved) break;
    }
    return { x, y };
  }

  // Rows of component boxes, biggest first, about as wide as the drawing is tall.
  function pack(boxes, gap) {
    const order = boxes.map((b, i) => i).sort((a, b) => boxes[b].h * boxes[b].w - boxes[a].h * boxes[a].w);
    const area = boxes.reduce((sum, b) => sum + (b.w + gap) * (b.h + gap), 0);
    const width = Math.max(Math.sqrt(area) * 1.2, ...boxes.map((b) => b.w));
    let cx = 0;
    let cy = 0;
    let rowHeight = 0;
    for (const i of order) {
      const b = boxes[i];
      if (cx > 0 && cx + b.w > width) {
        cx = 0;
        cy += rowHeight + gap;
        rowHeight = 0;
      }
      b.left = cx;
      b.top = cy;
      cx += b.w + gap;
      rowHeight = Math.max(rowHeight, b.h);
    }
  }

  function parleyLayout({ n, sizes, edges, edgeLength = 80, gap = 6, iterations = 0, seed = 1 }, onProgress) {
    const rnd = random(seed);
    const g = adjacency(n, edges);
    const comps = components(n, g).sort((a, b) => b.length - a.length);
    const opts = { edgeLength, gap, index: new Int32Array(n).fill(-1),
      iterations: iterations || Math.round(Math.min(400, Math.max(150, 60000 / Math.sqrt(n + 1) / 10))) };
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let done = 0;
    const boxes = [];
    for (const members of comps) {
      const part = layoutComponent(g, members, sizes, opts, rnd,
        (m, fraction) => onProgress && onProgress((done + m * fraction) / n));
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      members.forEach((v, i) => {
        const r = sizes[v] / 2;
        minX = Math.min(minX, part.x[i] - r);
        maxX = Math.max(maxX, part.x[i] + r);
        minY = Math.min(minY, part.y[i] - r);
        maxY = Math.max(maxY, part.y[i] + r);
      });
      boxes.push({ members, part, minX, minY, w: maxX - minX, h: maxY - minY });
      done += members.length;
    }
    pack(boxes, edgeLength / 2);
    for (const b of boxes) {
      b.members.forEach((v, i) => {
        x[v] = b.part.x[i] - b.minX + b.left;
        y[v] = b.part.y[i] - b.minY + b.top;
      });
    }
    if (onProgress) onProgress(1);
    return { x, y };
  }

  scope.parleyLayout = parleyLayout;
  // In a worker: {id, n, sizes, edges, …} in, {id, progress} while working, then {id, x, y}.
  if (typeof WorkerGlobalScope !== 'undefined' && scope instanceof WorkerGlobalScope) {
    scope.onmessage = (ev) => {
      const { id } = ev.data;
      try {
        let last = 0;
        const { x, y } = parleyLayout(ev.data, (progress) => {
          if (progress - last >= 0.05 || progress === 1) {
            last = progress;
            scope.postMessage({ id, progress });
          }
        });
        scope.postMessage({ id, x, y }, [x.buffer, y.buffer]);
      } catch (err) {
        scope.postMessage({ id, error: String(err && err.message ? err.message : err) });
      }
    };
  }
})(typeof self !== 'undefined' ? self : globalThis);
