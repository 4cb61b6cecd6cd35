/**
 * Node order of a layered diagram (columns of nodes, edges between columns), chosen to cross few edges: the
 * barycentre heuristic of Sugiyama et al. — each node sorted by the mean position of its neighbours in the column
 * beside it — swept left to right then right to left a few times, keeping the order with the fewest crossings.
 * A node's `group` keeps it in a block with the nodes of the same group, blocks in the order written (défis stay
 * together under their thread); nodes without a group move freely.
 */

export interface OrderNode {
  column: number;
  group?: string;
}

export interface OrderEdge<N> {
  a: N;
  b: N;
}

/** Sweeps (each one left to right and back): the count rarely improves after three or four. */
const SWEEPS = 4;

/** The columns reordered to cross fewer edges; `columns` is not changed. */
export function orderColumns<N extends OrderNode>(columns: N[][], edges: Array<OrderEdge<N>>): N[][] {
  const neighbours = new Map<N, N[]>();
  for (const e of edges) {
    neighbours.set(e.a, [...(neighbours.get(e.a) ?? []), e.b]);
    neighbours.set(e.b, [...(neighbours.get(e.b) ?? []), e.a]);
  }
  // Block rank of each node: the written position of its group's first node (a free node ranks 0 with all others).
  const rank = new Map<N, number>();
  for (const col of columns) {
    const first = new Map<string, number>();
    col.forEach((n, i) => {
      if (n.group === undefined) return rank.set(n, 0);
      if (!first.has(n.group)) first.set(n.group, i);
      rank.set(n, first.get(n.group)!);
    });
  }
  let order = columns.map((c) => [...c]);
  let best = { order, crossings: countCrossings(order, edges) };
  const sortBy = (c: number, from: number) => {
    const pos = new Map(order[from].map((n, i) => [n, i]));
    const current = new Map(order[c].map((n, i) => [n, i]));
    const centre = new Map<N, number>();
    for (const n of order[c]) {
      const ps = (neighbours.get(n) ?? []).filter((o) => o.column === from).map((o) => pos.get(o)!);
      // A node with no neighbour there keeps its place relative to the others.
      centre.set(n, ps.length ? ps.reduce((s, p) => s + p, 0) / ps.length : current.get(n)!);
    }
    order[c] = [...order[c]].sort((p, q) => rank.get(p)! - rank.get(q)! || centre.get(p)! - centre.get(q)! || current.get(p)! - current.get(q)!);
  };
  for (let s = 0; s < SWEEPS; s++) {
    order = order.map((c) => [...c]);
    for (let c = 1; c < order.length; c++) sortBy(c, c - 1);
    for (let c = order.length - 2; c >= 0; c--) sortBy(c, c + 1);
    transpose(order, neighbours, rank);
    const crossings = countCrossings(order, edges);
    if (crossings < best.crossings) best = { order, crossings };
  }
  return best.order;
}

/**
 * The "transpose" refinement (Gansner et al., dot): swap two neighbouring nodes of one block when that crosses fewer
 * edges on both sides, until no swap helps. Barycentres leave such pairs behind when two nodes share a mean.
 */
function transpose<N extends OrderNode>(order: N[][], neighbours: Map<N, N[]>, rank: Map<N, number>): void {
  const pos = new Map<N, number>();
  for (const col of order) col.forEach((n, i) => pos.set(n, i));
  // Crossings between the edges of u and those of v when u is drawn above v.
  const between = (u: N, v: N) => {
    let n = 0;
    for (const x of neighbours.get(u) ?? []) for (const y of neighbours.get(v) ?? []) if (x.column === y.column && pos.get(x)! > pos.get(y)!) n++;
    return n;
  };
  for (let improved = true, rounds = 0; improved && rounds < 20; rounds++) {
    improved = false;
    for (const col of order) {
      for (let i = 0; i + 1 < col.length; i++) {
        const [u, v] = [col[i], col[i + 1]];
        if (rank.get(u) !== rank.get(v) || between(v, u) >= between(u, v)) continue;
        [col[i], col[i + 1]] = [v, u];
        pos.set(v, i);
        pos.set(u, i + 1);
        improved = true;
      }
    }
  }
}

/** Pairs of edges that cross, with nodes drawn in `columns` order (edges between neighbouring columns). */
export function countCrossings<N extends OrderNode>(columns: N[][], edges: Array<OrderEdge<N>>): number {
  const pos = new Map<N, number>();
  for (const col of columns) col.forEach((n, i) => pos.set(n, i));
  let n = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [e, f] = [edges[i], edges[j]];
      if (e.a.column !== f.a.column || e.b.column !== f.b.column) continue;
      if ((pos.get(e.a)! - pos.get(f.a)!) * (pos.get(e.b)! - pos.get(f.b)!) < 0) n++;
    }
  }
  return n;
}
