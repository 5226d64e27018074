// A synthetic /v1/graph?format=cytoscape payload for the big-graph checks (tests/web/visualiser_test.mjs)
// and the benchmark (bench/web_large_graph.mjs). Connected and skewed: node i links to an earlier node
// (a tree), then random extra edges prefer low ids (hubs), like actors in the news. Deterministic.

export function syntheticGraph(n, m) {
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
