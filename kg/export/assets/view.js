// kg's network view. Data comes from the JSON block in the page (never from the network); every piece
// of it reaches the page through textContent or as canvas text, so nothing in the data can run as script.
//
// The parts talk through a small event bus (`bus`): the graph, the timeline and the side panel each
// listen for "selection" ({nodes, edges}: what the user picked, wherever) and "period" ({from, to}: ISO
// days or ""), and announce their own changes the same way. The map of event places listens to both and
// emits "selection" for a place picked on it (its events' actors and edges, with the place's id).
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const edgesOf = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    edgesOf.get(e.source).push(e);
    if (e.target !== e.source) edgesOf.get(e.target).push(e);
  }
  const big = data.nodes.length > data.overview.above;
  const byDegree = data.nodes.slice().sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
  const LABEL_PX = 12, LABEL_PX_MAX = 16; // node and edge labels are never drawn smaller than LABEL_PX css px
  const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";
  const EDGE_HIT_PX = 6; // a click this close to an edge's line (either side) picks the edge
  const SHAPE_EXTENT = 1.2; // a triangle's apex rises 1.155 sizes above its centre (kg.export.view)
  const MAP_OPEN_WIDTH = 1400; // css px: narrower windows open on the graph alone

  // ------------------------------------------------------------------ event bus and selection model
  const bus = (() => {
    const subs = new Map();
    return {
      on(type, fn) { if (!subs.has(type)) subs.set(type, []); subs.get(type).push(fn); },
      emit(type, payload) { for (const fn of subs.get(type) || []) fn(payload); },
    };
  })();
  const selection = { nodes: [], edges: [], place: "", source: "" };

  const state = {
    classes: new Set(Object.keys(data.classes)),
    predicates: new Set(Object.keys(data.predicates)),
    unasserted: true,
    minMentions: 1,
    minConfidence: 0,
    from: "",
    to: "",
    undated: true,
    showUnlinked: false,
    sizeBy: "degree",
    overview: big,
    shown: new Set(byDegree.slice(0, data.overview.nodes).map((n) => n.id)), // overview + drill-downs
    forced: new Set(), // found by search or on a path: shown whatever the filters say
    path: null, // {nodes, edges} of the last shortest path
  };

  // ------------------------------------------------------------------ small DOM helpers (text only)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const clsLabel = (c) => (data.classes[c] ? data.classes[c].label : c);
  const predLabel = (p) => (data.predicates[p] ? data.predicates[p].label : p);
  const edgeText = (e) => (e.status === "asserted" ? predLabel(e.predicate) : predLabel(e.predicate) + " (" + e.status + ")");
  const darker = (hex) => "#" + hex.slice(1).match(/../g).map((h) => Math.round(parseInt(h, 16) * 0.7).toString(16).padStart(2, "0")).join("");

  // ------------------------------------------------------------------ vis items
  const EDGE_STYLE = {
    asserted: { color: "#7a8a99", dashes: false },
    disputed: { color: "#d1495b", dashes: [8, 4] },
    other: { color: "#aaaaaa", dashes: [2, 5] },
  };
  const sizeOf = (n) => (state.sizeBy === "mentions" ? n.size_by_mentions : n.size);
  function nodeItem(n) {
    const c = data.classes[n.cls];
    return {
      id: n.id, x: n.x, y: n.y, shape: c.shape, size: sizeOf(n),
      color: { background: c.colour, border: darker(c.colour), highlight: { background: c.colour, border: "#000" } },
    };
  }
  function edgeItem(e) {
    const style = EDGE_STYLE[e.status] || EDGE_STYLE.other;
    const symmetric = data.predicates[e.predicate] && data.predicates[e.predicate].symmetric;
    return {
      id: e.id, from: e.source, to: e.target, value: e.mentions,
      arrows: symmetric ? "" : "to", dashes: style.dashes, color: { color: style.color, highlight: "#222" },
    };
  }
  const nodes = new vis.DataSet(data.nodes.map(nodeItem));
  const edges = new vis.DataSet(data.edges.map(edgeItem));

  // ------------------------------------------------------------------ filters
  // A sentence counts when its confidence reaches the minimum and, with a period set, its dates
  // (event start to end, else the document's date) meet the period. An edge is shown when one of its
  // sentences counts, so a period keeps exactly the edges with a sentence in it.
  const timed = () => state.from !== "" || state.to !== "";
  function inPeriod(date, end) {
    if (!timed()) return true;
    if (!date) return state.undated;
    return (!state.from || (end || date) >= state.from) && (!state.to || date <= state.to);
  }
  const evPasses = (ev) => ev.confidence >= state.minConfidence && inPeriod(ev.date, ev.end);
  const restPasses = (r) => r[2] >= state.minConfidence && inPeriod(r[0], r[1]);
  function edgeKind(e) { // the filters that do not look at sentences
    if (!state.predicates.has(e.predicate)) return false;
    if (!state.unasserted && e.status !== "asserted" && e.status !== "disputed") return false;
    return e.mentions >= state.minMentions;
  }
  function edgePasses(e) {
    if (!edgeKind(e)) return false;
    if (!timed() && state.minConfidence <= 0) return true;
    return e.evidence.some(evPasses) || e.rest.some(restPasses);
  }
  let visibleNodes = new Set();
  function computeVisible() {
    const out = new Set();
    for (const n of data.nodes) {
      if (state.forced.has(n.id)) { out.add(n.id); continue; }
      if (!state.classes.has(n.cls) || n.mentions < state.minMentions) continue;
      if (state.overview && !state.shown.has(n.id)) continue;
      out.add(n.id);
    }
    if (!state.showUnlinked) {
      const linked = new Set();
      for (const e of data.edges) {
        if (out.has(e.source) && out.has(e.target) && edgePasses(e)) { linked.add(e.source); linked.add(e.target); }
      }
      for (const id of [...out]) if (!linked.has(id) && !state.forced.has(id)) out.delete(id);
    }
    return out;
  }
  const nodeView = new vis.DataView(nodes, { filter: (item) => visibleNodes.has(item.id) });
  const edgeView = new vis.DataView(edges, {
    filter: (item) => {
      const e = edgeById.get(item.id);
      return visibleNodes.has(e.source) && visibleNodes.has(e.target) && edgePasses(e);
    },
  });
  function refresh() {
    visibleNodes = computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    $("status").textContent = "Showing " + nodeView.length + " of " + data.nodes.length + " nodes, "
      + edgeView.length + " of " + data.edges.length + " edges";
    if (big) {
      $("overview").hidden = false;
      $("overview-text").textContent = state.overview
        ? "Overview: the " + Math.min(data.overview.nodes, data.nodes.length) + " best-connected of "
          + data.nodes.length + " entities, and what you opened. Double-click a node to show its neighbours."
        : "All " + data.nodes.length + " entities.";
      $("show-all").hidden = !state.overview;
      $("back-overview").hidden = state.overview;
    }
    bus.emit("filters", state);
  }
  visibleNodes = computeVisible();

  // ------------------------------------------------------------------ network
  // the map pane opens beside the graph when some event has a place with coordinates and the window is
  // wide enough to leave the graph its room (else the header's button opens it); set before the network
  // is made, so the canvas takes its size once
  $("map").hidden = data.places.length === 0 || window.innerWidth < MAP_OPEN_WIDTH;
  const container = $("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
    interaction: { hover: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, selectConnectedEdges: false },
    nodes: { borderWidth: 1, borderWidthSelected: 2 },
    edges: {
      smooth: false, width: 1, selectionWidth: 2,
      scaling: { min: 1, max: 6, label: { enabled: false } },
      arrows: { to: { scaleFactor: 0.5 } },
    },
  });
  refresh();

  // ------------------------------------------------------------------ geometry (screen px in the canvas)
  const view2 = () => ({ s: network.getScale(), t: network.body.view.translation });
  const toDOM = (p, v) => ({ x: p.x * v.s + v.t.x, y: p.y * v.s + v.t.y });
  function shownNodeIds() { return nodeView.getIds(); }
  function bodyNode(id) { return network.body.nodes[id]; }

  // What lies under a point of the canvas: a node when the point is inside a node's drawn shape (the
  // smallest first, so a small node over a big one's box wins), else the edge whose line passes nearest,
  // within EDGE_HIT_PX of it, wherever it runs (past or under a node).
  function hit(dom) {
    const v = view2();
    const p = { x: (dom.x - v.t.x) / v.s, y: (dom.y - v.t.y) / v.s };
    let node = null, nodeSize = Infinity;
    for (const id of shownNodeIds()) {
      const b = bodyNode(id);
      if (!b) continue;
      const size = b.options.size, dx = p.x - b.x, dy = p.y - b.y;
      const shape = b.options.shape;
      const inside = shape === "dot" ? dx * dx + dy * dy <= (size + 1) ** 2
        : shape === "square" ? Math.abs(dx) <= size + 1 && Math.abs(dy) <= size + 1
          : inTriangle(dx, dy, size + 1);
      if (inside && size < nodeSize) { node = id; nodeSize = size; }
    }
    if (node !== null) return { node };
    const tol = EDGE_HIT_PX / v.s;
    let edge = null, best = Infinity;
    for (const id of edgeView.getIds()) {
      const e = edgeById.get(id);
      const a = bodyNode(e.source), b = bodyNode(e.target);
      if (!a || !b) continue;
      const d = e.source === e.target ? Math.abs(Math.hypot(p.x - a.x, p.y - a.y - a.options.size) - a.options.size)
        : segmentDistance(p, a, b);
      if (d <= tol && d < best) { edge = id; best = d; }
    }
    return edge !== null ? { edge } : {};
  }
  function inTriangle(dx, dy, size) { // vis-network's triangle: side 2*size, centred on its incircle
    const h = Math.sqrt(3) * size, r = h / 3;
    if (dy > r || dy < r - h) return false;
    return Math.abs(dx) <= (dy - (r - h)) / Math.sqrt(3);
  }
  function segmentDistance(p, a, b) {
    const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  }

  // ------------------------------------------------------------------ highlight (hover, selection, path)
  let hoverNode = null;
  function highlight() {
    let seeds = [], edgeIds = [], actors = [];
    if (state.path) { seeds = []; edgeIds = state.path.edges.slice(); }
    else if (hoverNode) seeds = [hoverNode];
    else if (selection.place) { edgeIds = selection.edges.slice(); actors = selection.nodes; } // a place on the map: its events' edges and actors, no neighbours
    else if (selection.nodes.length) seeds = selection.nodes;
    else if (selection.edges.length) edgeIds = selection.edges.slice();
    if (!seeds.length && !edgeIds.length && !actors.length) return null;
    const shownEdges = new Set(edgeView.getIds());
    const hiNodes = new Set(seeds), hiEdges = new Set();
    for (const id of seeds) {
      for (const e of edgesOf.get(id) || []) {
        if (!shownEdges.has(e.id)) continue;
        hiEdges.add(e.id); hiNodes.add(e.source); hiNodes.add(e.target);
      }
    }
    for (const id of edgeIds) {
      const e = edgeById.get(id);
      if (!e || !shownEdges.has(id)) continue;
      hiEdges.add(id); hiNodes.add(e.source); hiNodes.add(e.target);
    }
    if (state.path) for (const id of state.path.nodes) hiNodes.add(id);
    for (const id of actors) if (visibleNodes.has(id)) hiNodes.add(id);
    return { nodes: hiNodes, edges: hiEdges, labelled: new Set(seeds.length ? hiEdges : edgeIds) };
  }

  // ------------------------------------------------------------------ labels, drawn on the canvas
  // Labels keep a fixed size on screen (LABEL_PX to LABEL_PX_MAX css px, by node size) at every zoom.
  // Each frame they are set down in order of importance (selected, highlighted, then biggest nodes
  // first), each beside its node (below, above, right or left) where it overlaps no label already set
  // and no node; a label with no room is left out until zooming in makes room.
  const widths = new Map(); // text + px -> width
  let lastLabels = [];
  let frames = 0;
  function measure(ctx, text, px) {
    const key = px + "|" + text;
    let w = widths.get(key);
    if (w === undefined) { ctx.font = px + "px " + FONT; w = ctx.measureText(text).width; widths.set(key, w); }
    return w;
  }
  function labelPx(size) {
    const span = (data.sizes.max - data.sizes.min) || 1;
    return Math.round(LABEL_PX + (LABEL_PX_MAX - LABEL_PX) * Math.max(0, Math.min(1, (size - data.sizes.min) / span)));
  }
  function Boxes(cell) { // a grid of screen rectangles, for overlap tests
    const grid = new Map();
    const keys = (r) => {
      const out = [];
      for (let i = Math.floor(r.x / cell); i <= Math.floor((r.x + r.w) / cell); i++)
        for (let j = Math.floor(r.y / cell); j <= Math.floor((r.y + r.h) / cell); j++) out.push(i * 65537 + j);
      return out;
    };
    return {
      add(r) { for (const k of keys(r)) { if (!grid.has(k)) grid.set(k, []); grid.get(k).push(r); } },
      hits(r, except, minSize) {
        for (const k of keys(r)) for (const q of grid.get(k) || []) {
          if (q.owner === except || (minSize && q.size < minSize)) continue;
          if (r.x < q.x + q.w && q.x < r.x + r.w && r.y < q.y + q.h && q.y < r.y + r.h) return true;
        }
        return false;
      },
    };
  }
  function drawLabels(ctx, hi) {
    const v = view2();
    const W = container.clientWidth, H = container.clientHeight;
    const ratio = network.canvas.pixelRatio || 1;
    const obstacles = Boxes(64), placed = Boxes(64);
    const onScreen = [];
    for (const id of shownNodeIds()) {
      const b = bodyNode(id);
      if (!b) continue;
      const c = toDOM(b, v), r = b.options.size * SHAPE_EXTENT * v.s;
      if (c.x + r < 0 || c.y + r < 0 || c.x - r > W || c.y - r > H) continue;
      obstacles.add({ x: c.x - r, y: c.y - r, w: 2 * r, h: 2 * r, owner: id, size: b.options.size });
      onScreen.push({ id, c, r, size: b.options.size });
    }
    const rank = (o) => (selection.nodes.includes(o.id) ? 0 : hi && hi.nodes.has(o.id) ? 1 : 2);
    onScreen.sort((a, b) => rank(a) - rank(b) || b.size - a.size || nodeById.get(b.id).degree - nodeById.get(a.id).degree
      || (a.id < b.id ? -1 : 1));
    const out = [];
    const fits = (r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= W && r.y + r.h <= H;
    // a place clear of every node if there is one, else one that covers only nodes smaller than the
    // label's own (a hub in a dense cluster would otherwise never be named)
    const tryPlace = (cands, owner, ownSize) => {
      for (const minSize of [0, ownSize]) {
        for (const r of cands) {
          r.owner = owner;
          if (fits(r) && !placed.hits(r) && !obstacles.hits(r, owner, minSize)) { placed.add(r); return r; }
        }
      }
      return null;
    };
    // the selected node's label first, then its edges' labels, then the other nodes by importance
    const order = onScreen.filter((o) => rank(o) === 0).concat(["edges"], onScreen.filter((o) => rank(o) > 0));
    for (const o of order) {
      if (o === "edges") {
        for (const id of hi ? [...hi.labelled] : []) {
          const e = edgeById.get(id), a = bodyNode(e.source), b = bodyNode(e.target);
          if (!a || !b || e.source === e.target) continue;
          const text = edgeText(e), px = LABEL_PX, w = measure(ctx, text, px), h = Math.round(px * 1.25);
          const A = toDOM(a, v), B = toDOM(b, v);
          const cands = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map((t) => ({
            x: A.x + (B.x - A.x) * t - w / 2, y: A.y + (B.y - A.y) * t - h / 2, w, h }));
          const r = tryPlace(cands, "edge:" + id, data.sizes.min * 1.5);
          if (r) out.push({ kind: "edge", id, text, px, x: r.x, y: r.y, w, h });
        }
        continue;
      }
      const n = nodeById.get(o.id), px = labelPx(o.size), w = measure(ctx, n.label, px), h = Math.round(px * 1.25);
      const gap = 2;
      const cands = [
        { x: o.c.x - w / 2, y: o.c.y + o.r + gap, w, h },
        { x: o.c.x - w / 2, y: o.c.y - o.r - gap - h, w, h },
        { x: o.c.x + o.r + gap + 1, y: o.c.y - h / 2, w, h },
        { x: o.c.x - o.r - gap - 1 - w, y: o.c.y - h / 2, w, h },
      ];
      const r = tryPlace(cands, o.id, o.size);
      if (r) out.push({ kind: "node", id: o.id, text: n.label, px, x: r.x, y: r.y, w, h });
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    for (const l of out) {
      const dim = hi && (l.kind === "node" ? !hi.nodes.has(l.id) : false);
      ctx.font = l.px + "px " + FONT;
      if (l.kind === "edge") {
        ctx.fillStyle = "rgba(255,255,255,0.9)";
        ctx.fillRect(l.x, l.y, l.w, l.h);
        ctx.fillStyle = "#333";
      } else {
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.lineWidth = 3;
        ctx.strokeText(l.text, l.x, l.y + l.h / 2);
        ctx.fillStyle = dim ? "#9a9a9a" : "#222";
      }
      ctx.fillText(l.text, l.x, l.y + l.h / 2);
    }
    ctx.restore();
    lastLabels = out;
  }

  let lastHighlight = null;
  network.on("afterDrawing", (ctx) => {
    const hi = highlight();
    lastHighlight = hi;
    if (hi) { // fade everything, then draw the highlighted edges and nodes again on top
      const ratio = network.canvas.pixelRatio || 1;
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = "rgba(255,255,255,0.72)";
      ctx.fillRect(0, 0, container.clientWidth, container.clientHeight);
      ctx.restore();
      for (const id of hi.edges) { const b = network.body.edges[id]; if (b && b.connected) { b.draw(ctx); b.drawArrows(ctx); } }
      for (const id of hi.nodes) { const b = bodyNode(id); if (b && visibleNodes.has(id)) b.draw(ctx); }
    }
    drawLabels(ctx, hi);
    frames += 1;
  });

  // ------------------------------------------------------------------ side panel
  const panel = $("panel");
  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  const fill = (...parts) => panel.append(...parts.filter((p) => p !== null && p !== undefined));
  function jump(text, fn) {
    return el("a", { class: "jump", role: "button", tabindex: "0", onclick: fn,
      onkeydown: (ev) => { if (ev.key === "Enter") fn(); } }, text);
  }
  function docLine(index) {
    const d = data.docs[index];
    if (!d) return el("span", {}, "unknown document");
    const bits = [d.title || d.path || d.id, d.date, d.publisher].filter(Boolean).join(" · ");
    // only web addresses become links: a javascript: or data: URL from the data must never be clickable
    if (/^https?:\/\//i.test(d.url)) return el("a", { href: d.url, target: "_blank", rel: "noopener noreferrer" }, bits);
    return el("span", {}, bits);
  }
  function evidenceItem(ev) {
    const held = ev.status === "asserted" ? "" : ev.status;
    const when = ev.date ? (ev.end && ev.end !== ev.date ? ev.date + " to " + ev.end : ev.date) : "";
    const meta = [held, ev.former ? "former (the role has ended)" : "", ev.source ? "per " + ev.source : "", ev.when ? "when: " + ev.when + (when ? " (" + when + ")" : "") : when,
      "confidence " + ev.confidence.toFixed(2)].filter(Boolean).join(" · ");
    return el("li", { class: "evidence" },
      el("blockquote", { class: ev.status === "asserted" ? "" : "unasserted" }, ev.sentence),
      el("div", { class: "meta" }, docLine(ev.doc)),
      el("div", { class: "meta" }, meta));
  }
  const filtering = () => timed() || state.minConfidence > 0;
  function filterNote() {
    const bits = [];
    if (timed()) bits.push("dated " + (state.from || "…") + " to " + (state.to || "…"));
    if (state.minConfidence > 0) bits.push("confidence at least " + state.minConfidence.toFixed(2));
    return bits.join(", ");
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    const s = nodeById.get(e.source), t = nodeById.get(e.target);
    const kept = e.evidence.filter(evPasses);
    const inRest = e.rest.filter(restPasses).length;
    clearPanel();
    panel.dataset.kind = "edge";
    panel.dataset.id = id;
    fill(
      el("h2", {}, s.label + " — " + predLabel(e.predicate) + " — " + t.label),
      el("p", { class: "meta" }, [e.status, e.mentions + " mention" + (e.mentions === 1 ? "" : "s"),
        e.documents + " document" + (e.documents === 1 ? "" : "s"), "confidence " + e.confidence.toFixed(2),
        e.first ? (e.first === e.last ? e.first : e.first + " to " + e.last) : "undated"].join(" · ")),
      el("p", {}, jump(s.label, () => focusNode(s.id)), " → ", jump(t.label, () => focusNode(t.id))),
      el("h3", {}, "Evidence"),
      filtering() ? el("p", { class: "meta filtered" }, (kept.length + inRest) + " of " + e.mentions
        + " sentences " + filterNote()) : null,
      el("ol", {}, ...kept.map(evidenceItem)),
      e.rest.length ? el("p", { class: "meta" }, "(the page keeps the first " + e.evidence.length + " of "
        + e.mentions + " sentences)") : null);
  }
  function showNode(id) {
    const n = nodeById.get(id);
    if (!n) return;
    clearPanel();
    panel.dataset.kind = "node";
    panel.dataset.id = id;
    const rels = edgesOf.get(id);
    const docs = new Set();
    for (const e of rels) for (const ev of e.evidence) docs.add(ev.doc);
    fill(
      el("h2", {}, n.label),
      el("p", { class: "meta" }, clsLabel(n.cls) + " · " + n.mentions + " mentions · " + n.degree + " neighbours"),
      n.names.length > 1 ? el("p", {}, "Also: " + n.names.slice(1).join("; ")) : null,
      n.titles.length ? el("p", {}, "Titles: " + n.titles.join("; ")) : null,
      el("button", { type: "button", onclick: () => expand(id) }, "Show neighbours"),
      el("h3", {}, "Relations (" + rels.length + ")"),
      el("ul", {}, ...rels.slice(0, 200).map((e) => {
        const other = nodeById.get(e.source === id ? e.target : e.source);
        const text = e.source === id ? predLabel(e.predicate) + " " + other.label : other.label + " " + predLabel(e.predicate);
        return el("li", {}, jump(text, () => select({ edges: [e.id] }, "panel")),
          e.status === "asserted" ? "" : " (" + e.status + ")", " · " + e.mentions + "×");
      })),
      el("h3", {}, "Documents (" + docs.size + ")"),
      el("ul", {}, ...[...docs].sort((a, b) => a - b).slice(0, 100).map((d) => el("li", {}, docLine(d)))),
      ...placedEvents(id));
  }
  function placedEvents(id) { // the node's events that have a place, each opening its place on the map
    const evs = data.events.filter((ev) => ev.actors.includes(id));
    if (!evs.length) return [];
    const places = new Map(data.places.map((p) => [p.id, p]));
    return [el("h3", {}, "Events on the map (" + evs.length + ")"),
      el("ul", { class: "events" }, ...evs.slice(0, 100).map((ev) => el("li", {},
        jump(ev.label, () => { if (map && !map.shown()) $("map-toggle").click(); if (map) map.pick(ev.place); }),
        " · " + places.get(ev.place).name)))];
  }
  function showPath() {
    const p = state.path;
    clearPanel();
    panel.dataset.kind = "path";
    panel.dataset.id = "";
    const a = nodeById.get(p.from), b = nodeById.get(p.to);
    if (!p.edges.length) {
      fill(el("h2", {}, "No path"), el("p", {}, "No chain of shown relations links " + a.label + " and " + b.label
        + (filtering() ? " (" + filterNote() + ")" : "") + "."));
      return;
    }
    fill(el("h2", {}, a.label + " to " + b.label),
      el("p", { class: "meta" }, p.edges.length + " step" + (p.edges.length === 1 ? "" : "s") + " · the shortest chain of shown relations"),
      el("ol", { class: "path" }, ...p.edges.map((id, i) => {
        const e = edgeById.get(id);
        const from = nodeById.get(p.nodes[i]), to = nodeById.get(p.nodes[i + 1]);
        const words = e.source === from.id ? from.label + " " + edgeText(e) + " " + to.label
          : to.label + " " + edgeText(e) + " " + from.label;
        return el("li", { "data-edge": id }, jump(words, () => select({ edges: [id] }, "panel")));
      })));
  }

  // ------------------------------------------------------------------ selection
  function select(sel, source) {
    selection.nodes = (sel.nodes || []).filter((id) => nodeById.has(id));
    selection.edges = (sel.edges || []).filter((id) => edgeById.has(id));
    selection.place = sel.place || "";
    selection.source = source;
    bus.emit("selection", selection);
  }
  bus.on("selection", (sel) => {
    if (sel.source !== "path" && state.path) { state.path = null; }
    const nodesShown = sel.nodes.filter((id) => visibleNodes.has(id));
    const edgesShown = sel.edges.filter((id) => edgeView.get(id));
    network.setSelection({ nodes: nodesShown, edges: edgesShown }, { unselectAll: true, highlightEdges: false });
    if (sel.source === "path") showPath();
    else if (sel.place && map) map.showPlace(sel.place);
    else if (sel.nodes.length) showNode(sel.nodes[0]);
    else if (sel.edges.length) showEdge(sel.edges[0]);
    network.redraw();
  });

  // ------------------------------------------------------------------ drill-down, search and path
  function expand(id) {
    state.shown.add(id);
    for (const e of edgesOf.get(id)) { state.shown.add(e.source); state.shown.add(e.target); }
    refresh();
  }
  function focusNode(id) {
    if (!nodeById.has(id)) return;
    if (!visibleNodes.has(id)) { state.forced.add(id); expand(id); }
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    select({ nodes: [id] }, "search");
    view.focused = id;
  }
  function shortestPath(from, to) {
    // breadth first over the edges the filters keep (fewest steps; ties go to the neighbour with the
    // smaller id, so the same data always gives the same path)
    const prev = new Map([[from, null]]);
    let frontier = [from];
    while (frontier.length && !prev.has(to)) {
      const next = [];
      for (const id of frontier) {
        const steps = edgesOf.get(id).filter(edgePasses)
          .map((e) => [e.source === id ? e.target : e.source, e.id])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
        for (const [nb, eid] of steps) {
          if (!prev.has(nb)) { prev.set(nb, [id, eid]); next.push(nb); }
        }
      }
      frontier = next;
    }
    if (!prev.has(to)) return { from, to, nodes: [], edges: [] };
    const nodesOn = [to], edgesOn = [];
    for (let at = to; prev.get(at); at = prev.get(at)[0]) { edgesOn.unshift(prev.get(at)[1]); nodesOn.unshift(prev.get(at)[0]); }
    return { from, to, nodes: nodesOn, edges: edgesOn };
  }
  const pathEnds = { from: null, to: null };
  function findPath() {
    for (const end of ["from", "to"]) {
      if (!pathEnds[end]) { const q = search($("path-" + end).value)[0]; if (q) pickEnd(end, q); }
    }
    if (!pathEnds.from || !pathEnds.to) return null;
    const p = shortestPath(pathEnds.from, pathEnds.to);
    for (const id of p.nodes) state.forced.add(id);
    state.forced.add(p.from); state.forced.add(p.to);
    state.path = p;
    refresh();
    select({ nodes: [], edges: p.edges }, "path");
    return p;
  }
  function clearPath() {
    state.path = null;
    pathEnds.from = pathEnds.to = null;
    $("path-from").value = $("path-to").value = "";
    select({}, "path-clear");
  }
  function pickEnd(end, id) { pathEnds[end] = id; $("path-" + end).value = nodeById.get(id).label; }

  const index = data.nodes.map((n) => ({ id: n.id, keys: n.names.map(fold) }));
  function search(text) {
    const q = fold(text.trim());
    if (!q) return [];
    const scored = [];
    for (const row of index) {
      let best = Infinity;
      for (const k of row.keys) {
        const at = k.indexOf(q);
        if (at >= 0) best = Math.min(best, (k === q ? 0 : at === 0 ? 1 : 2) * 1000 + k.length);
      }
      if (best < Infinity) scored.push([best, -nodeById.get(row.id).degree, row.id]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
    return scored.slice(0, 12).map((s) => s[2]);
  }
  // a text box with a list of matching entities under it; onPick(id) when one is chosen
  function picker(box, list, onPick) {
    let matches = [], active = 0;
    function render() {
      while (list.firstChild) list.removeChild(list.firstChild);
      matches.forEach((id, i) => {
        const n = nodeById.get(id);
        list.append(el("li", { role: "option", class: i === active ? "active" : "", onmousedown: (ev) => { ev.preventDefault(); pick(id); } },
          n.label, " ", el("span", { class: "cls" }, clsLabel(n.cls))));
      });
      list.hidden = matches.length === 0;
    }
    function pick(id) { matches = []; render(); onPick(id); }
    box.addEventListener("input", () => { matches = search(box.value); active = 0; render(); });
    box.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && matches.length) { active = (active + 1) % matches.length; render(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp" && matches.length) { active = (active + matches.length - 1) % matches.length; render(); ev.preventDefault(); }
      else if (ev.key === "Enter") {
        const found = matches.length ? matches[active] : search(box.value)[0];
        if (found) pick(found);
      } else if (ev.key === "Escape") { matches = []; render(); }
    });
    box.addEventListener("blur", () => { matches = []; render(); });
  }
  picker($("search"), $("matches"), focusNode);
  picker($("path-from"), $("path-from-matches"), (id) => pickEnd("from", id));
  picker($("path-to"), $("path-to-matches"), (id) => { pickEnd("to", id); findPath(); });
  $("path-from").addEventListener("input", () => { pathEnds.from = null; });
  $("path-to").addEventListener("input", () => { pathEnds.to = null; });

  // ------------------------------------------------------------------ legend and filter controls
  const countBy = (items, key) => items.reduce((m, x) => m.set(x[key], (m.get(x[key]) || 0) + 1), new Map());
  const classCounts = countBy(data.nodes, "cls");
  for (const [c, info] of Object.entries(data.classes)) {
    const check = el("input", { type: "checkbox", "data-class": c });
    check.checked = true;
    check.addEventListener("change", () => { check.checked ? state.classes.add(c) : state.classes.delete(c); refresh(); });
    const swatch = el("span", { class: "swatch " + info.shape });
    swatch.style.background = info.colour;
    $("classes").append(el("li", {}, el("label", {}, check, swatch, info.label, el("span", { class: "count" }, classCounts.get(c) || 0))));
  }
  const predCounts = countBy(data.edges, "predicate");
  for (const [p, info] of Object.entries(data.predicates)) {
    const check = el("input", { type: "checkbox", "data-predicate": p });
    check.checked = true;
    check.addEventListener("change", () => { check.checked ? state.predicates.add(p) : state.predicates.delete(p); refresh(); });
    $("predicates").append(el("li", {}, el("label", {}, check, info.label, el("span", { class: "count" }, predCounts.get(p) || 0))));
  }
  const on = (id, ev, fn) => $(id).addEventListener(ev, fn);
  function refilter() {
    refresh();
    if (panel.dataset.kind === "edge") showEdge(panel.dataset.id);
    else if (panel.dataset.kind === "place" && map) map.showPlace(panel.dataset.id);
  }
  on("unasserted", "change", (ev) => { state.unasserted = ev.target.checked; refresh(); });
  on("min-mentions", "input", (ev) => { state.minMentions = Math.max(1, parseInt(ev.target.value, 10) || 1); refresh(); });
  on("min-confidence", "input", (ev) => { state.minConfidence = Math.max(0, Math.min(1, parseFloat(ev.target.value) || 0)); refilter(); });
  on("date-from", "change", (ev) => bus.emit("period", { from: ev.target.value, to: state.to, source: "inputs" }));
  on("date-to", "change", (ev) => bus.emit("period", { from: state.from, to: ev.target.value, source: "inputs" }));
  on("undated", "change", (ev) => { state.undated = ev.target.checked; refilter(); });
  on("show-unlinked", "change", (ev) => { state.showUnlinked = ev.target.checked; refresh(); });
  on("size-by", "change", (ev) => { state.sizeBy = ev.target.value; nodes.update(data.nodes.map(nodeItem)); });
  on("physics", "change", (ev) => network.setOptions({ physics: { enabled: ev.target.checked } }));
  on("fit", "click", () => network.fit({ animation: false }));
  on("show-all", "click", () => { state.overview = false; refresh(); network.fit({ animation: false }); });
  on("back-overview", "click", () => { state.overview = true; refresh(); network.fit({ animation: false }); });
  on("path-go", "click", findPath);
  on("path-clear", "click", clearPath);
  bus.on("period", (p) => {
    state.from = p.from || "";
    state.to = p.to || "";
    $("date-from").value = state.from;
    $("date-to").value = state.to;
    $("period").textContent = timed() ? "Period: " + (state.from || "…") + " to " + (state.to || "…") : "";
    refilter();
  });

  // clicks: our own hit test (see hit), so an edge is picked wherever its line shows
  network.on("click", (params) => {
    const h = hit(params.pointer.DOM);
    if (h.node) select({ nodes: [h.node] }, "graph");
    else if (h.edge) select({ edges: [h.edge] }, "graph");
    else select({}, "graph");
  });
  network.on("doubleClick", (params) => { const h = hit(params.pointer.DOM); if (h.node) expand(h.node); });
  let hoverQueued = null;
  container.addEventListener("pointermove", (ev) => {
    const rect = container.getBoundingClientRect();
    hoverQueued = { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    requestAnimationFrame(() => {
      if (!hoverQueued) return;
      const h = hit(hoverQueued);
      hoverQueued = null;
      container.style.cursor = h.node || h.edge ? "pointer" : "";
      const next = !big || nodeView.length <= data.overview.above ? h.node || null : null;
      if (next !== hoverNode) { hoverNode = next; network.redraw(); }
    });
  });
  container.addEventListener("pointerleave", () => { if (hoverNode) { hoverNode = null; network.redraw(); } });

  // ------------------------------------------------------------------ exports of what is shown
  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  function exportPNG() {
    const src = network.canvas.frame.canvas;
    const out = document.createElement("canvas");
    out.width = src.width;
    out.height = src.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    out.toBlob((blob) => download("kg-view.png", blob), "image/png");
  }
  const CSV_HEAD = ["subject", "predicate", "object", "edge status", "sentence", "sentence status", "date", "end",
    "confidence", "document", "url"];
  function csvCell(value) {
    let s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // a spreadsheet must not read a sentence as a formula
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csvRows() {
    const rows = [CSV_HEAD];
    for (const id of edgeView.getIds()) {
      const e = edgeById.get(id);
      for (const ev of e.evidence.filter(evPasses)) {
        const d = data.docs[ev.doc] || {};
        rows.push([nodeById.get(e.source).label, predLabel(e.predicate), nodeById.get(e.target).label, e.status,
          ev.sentence, ev.status, ev.date, ev.end, ev.confidence, d.title || d.path || "", d.url || ""]);
      }
    }
    return rows;
  }
  function exportCSV() {
    const text = csvRows().map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
    download("kg-edges.csv", new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
  }
  on("export-png", "click", exportPNG);
  on("export-csv", "click", exportCSV);

  // ------------------------------------------------------------------ timeline (d3: scale, axis, brush)
  const timeline = makeTimeline($("timeline"));
  function makeTimeline(root) {
    const DAY = 86400000;
    const ms = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
    const iso = (t) => new Date(t).toISOString().slice(0, 10);
    let lo = Infinity, hi = -Infinity;
    for (const e of data.edges) {
      for (const ev of e.evidence) if (ev.date) { lo = Math.min(lo, ms(ev.date)); hi = Math.max(hi, ms(ev.date)); }
      for (const r of e.rest) if (r[0]) { lo = Math.min(lo, ms(r[0])); hi = Math.max(hi, ms(r[0])); }
    }
    if (lo === Infinity) { root.hidden = true; return null; }
    const span = (hi - lo) / DAY;
    const [unit, interval] = span <= 120 ? ["day", d3.utcDay] : span <= 3 * 366 ? ["week", d3.utcMonday] : ["month", d3.utcMonth];
    const start = interval.floor(new Date(lo)), stop = interval.offset(interval.floor(new Date(hi)), 1);
    const M = { left: 24, right: 24, top: 18, bottom: 20 };
    const svg = d3.select(root).append("svg");
    const bars = svg.append("g"), lit = svg.append("g"), axis = svg.append("g").attr("class", "axis");
    const brushG = svg.append("g").attr("class", "brush");
    const x = d3.scaleUtc().domain([start, stop]);
    const y = d3.scaleLinear();
    const brush = d3.brushX().on("end", brushed);
    let width = 0, height = 0;
    const binOf = (iso8601) => interval.floor(new Date(ms(iso8601))).getTime();
    function counts(filterEdge, filterEv) {
      const out = new Map();
      for (const e of data.edges) {
        if (!filterEdge(e)) continue;
        for (const ev of e.evidence) if (ev.date && filterEv(ev)) { const k = binOf(ev.date); out.set(k, (out.get(k) || 0) + 1); }
        for (const r of e.rest) if (r[0] && r[2] >= state.minConfidence) { const k = binOf(r[0]); out.set(k, (out.get(k) || 0) + 1); }
      }
      return out;
    }
    let total = new Map(), picked = new Map();
    const edgeShown = (e) => edgeKind(e) && visibleOrHidden(e);
    function visibleOrHidden(e) { // nodes hidden by class or overview filters hide their edges' evidence too
      const a = nodeById.get(e.source), b = nodeById.get(e.target);
      return state.classes.has(a.cls) && state.classes.has(b.cls);
    }
    function recount() { total = counts(edgeShown, (ev) => ev.confidence >= state.minConfidence); }
    function repick() {
      const chosen = new Set(selection.edges);
      if (!selection.place) for (const id of selection.nodes) for (const e of edgesOf.get(id) || []) chosen.add(e.id);
      if (state.path) for (const id of state.path.edges) chosen.add(id);
      picked = chosen.size ? counts((e) => chosen.has(e.id), evPasses) : new Map();
    }
    function drawBars(g, map, cls) {
      const bins = interval.range(start, stop);
      const w = Math.max(1, x(interval.offset(start, 1)) - x(start) - 1);
      g.selectAll("rect").data(bins.filter((b) => map.get(b.getTime())), (b) => b.getTime()).join("rect")
        .attr("class", cls).attr("x", (b) => x(b)).attr("width", w)
        .attr("y", (b) => y(map.get(b.getTime()))).attr("height", (b) => y(0) - y(map.get(b.getTime())));
    }
    function render() {
      width = root.clientWidth;
      height = root.clientHeight;
      if (!width || !height) return;
      svg.attr("width", width).attr("height", height);
      x.range([M.left, width - M.right]);
      y.domain([0, Math.max(1, ...total.values())]).range([height - M.bottom, M.top]);
      drawBars(bars, total, "bar");
      drawBars(lit, picked, "bar lit");
      axis.attr("transform", "translate(0," + (height - M.bottom) + ")").call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))).tickSizeOuter(0));
      brush.extent([[M.left, M.top - 14], [width - M.right, height - M.bottom]]);
      brushG.call(brush);
      place();
    }
    function place() { // the brush over the period set anywhere (inputs, tests, a later map)
      if (!width) return;
      if (!timed()) { brushG.call(brush.move, null); return; }
      const a = state.from ? ms(state.from) : start.getTime(), b = state.to ? ms(state.to) + DAY : stop.getTime();
      brushG.call(brush.move, [Math.max(M.left, x(a)), Math.min(width - M.right, x(b))]);
    }
    function brushed(event) {
      if (!event.sourceEvent) return; // moved by place()
      if (!event.selection) { bus.emit("period", { from: "", to: "", source: "timeline" }); return; }
      // whole bins: from the first day of the bin under the left edge to the last day of the bin under the right
      const a = interval.floor(x.invert(event.selection[0]));
      let b = interval.ceil(x.invert(event.selection[1]));
      if (b <= a) b = interval.offset(a, 1);
      bus.emit("period", { from: iso(a), to: iso(b.getTime() - DAY), source: "timeline" });
    }
    bus.on("filters", () => { recount(); repick(); render(); });
    bus.on("selection", () => { repick(); render(); });
    bus.on("period", place);
    new ResizeObserver(render).observe(root);
    recount();
    render();
    return {
      unit,
      x: (day) => x(new Date(ms(day))), // the pixel of a day's start, in the timeline's own box
      bins: () => interval.range(start, stop).map((b) => [iso(b), total.get(b.getTime()) || 0]),
      picked: () => [...picked.entries()].map(([t, n]) => [iso(t), n]),
    };
  }

  // ------------------------------------------------------------------ map of event places (d3-geo, topojson-client)
  // One marker per place; a place's events show when they pass the filters and the period. A marker's
  // shape says how precisely the place is known: a dot for a city, a ring for a region, a larger dashed
  // ring for a whole country. Picking a place selects its events' actors and edges in the graph and lists
  // its events with their sentences; selecting nodes or edges in the graph lights the places of their
  // events; the timeline's period (the event's own dates) and the filters keep or hide markers.
  const map = makeMap($("map"));
  function makeMap(root) {
    if (!data.places.length) return null;
    const RADIUS = { city: 4, region: 9, country: 14 }; // css px at any zoom
    const WORDS = { city: "a city", region: "a region", country: "a whole country" };
    const world = JSON.parse($("kg-world").textContent);
    const countries = topojson.feature(world, world.objects.countries).features;
    const borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    const eventById = new Map(data.events.map((e) => [e.id, e]));
    const placeById = new Map(data.places.map((p) => [p.id, p]));
    const projection = d3.geoNaturalEarth1();
    const path = d3.geoPath(projection);
    const svg = d3.select(root).insert("svg", ":first-child").attr("class", "map");
    const layer = svg.append("g");
    const sphere = layer.append("path").attr("class", "sphere");
    const land = layer.append("g");
    const bordersPath = layer.append("path").attr("class", "borders");
    const markersG = layer.append("g");
    let k = 1;
    const zoom = d3.zoom().scaleExtent([0.5, 64]).on("zoom", (event) => {
      k = event.transform.k;
      layer.attr("transform", event.transform);
      restyle();
    });
    svg.call(zoom).on("dblclick.zoom", null);
    svg.on("click", (event) => { if (!event.target.closest("g.place") && selection.place) select({}, "map"); });

    const eventShown = (ev) => (state.unasserted || ev.mode === "asserted") && inPeriod(ev.start, ev.end)
      && ev.evidence.some((x) => x.confidence >= state.minConfidence);
    const eventsAt = (p) => p.events.map((id) => eventById.get(id)).filter(eventShown);
    function litEvents() { // null when nothing is selected
      if (selection.place) return new Set((placeById.get(selection.place) || { events: [] }).events);
      const nodes = new Set(selection.nodes), chosen = new Set(selection.edges);
      if (state.path) for (const id of state.path.edges) chosen.add(id);
      if (!nodes.size && !chosen.size) return null;
      return new Set(data.events.filter((ev) => ev.actors.some((a) => nodes.has(a)) || ev.edges.some((x) => chosen.has(x)))
        .map((ev) => ev.id));
    }
    const base = (p) => RADIUS[p.precision] || RADIUS.city;
    const radius = (r) => base(r.p) + 1.5 * Math.sqrt(r.evs.length - 1);
    function update() {
      const lit = litEvents();
      const rows = [];
      for (const p of data.places) {
        const evs = eventsAt(p);
        if (!evs.length) continue;
        const [x, y] = projection([p.lon, p.lat]);
        const on = lit ? evs.some((e) => lit.has(e.id)) : false;
        rows.push({ p, evs, x, y, lit: on, dim: lit !== null && !on });
      }
      // wider rings first (under), so a city inside a country's ring stays clickable
      rows.sort((a, b) => base(b.p) - base(a.p) || (a.p.id < b.p.id ? -1 : 1));
      const g = markersG.selectAll("g.place").data(rows, (r) => r.p.id).join((enter) => {
        const one = enter.append("g").attr("class", "place");
        one.append("circle").on("click", (event, r) => { event.stopPropagation(); pick(r.p.id); });
        one.append("text").attr("class", "marker-count");
        one.select("circle").append("title");
        return one;
      }).order();
      g.attr("data-place", (r) => r.p.id);
      g.select("circle").attr("class", (r) => "marker " + r.p.precision + (r.lit ? " lit" : "") + (r.dim ? " dim" : ""))
        .attr("cx", (r) => r.x).attr("cy", (r) => r.y);
      g.select("title").text((r) => r.p.name + ": " + r.evs.length + " event" + (r.evs.length === 1 ? "" : "s")
        + " (place known to " + (WORDS[r.p.precision] || r.p.precision) + ")");
      g.select("text").text((r) => (r.evs.length > 1 ? String(r.evs.length) : ""));
      restyle();
    }
    function restyle() { // sizes in css px whatever the zoom
      markersG.selectAll("g.place").each(function (r) {
        const at = d3.select(this), rad = radius(r) / k;
        at.select("circle").attr("r", rad).attr("stroke-width", (r.p.precision === "city" ? 1 : 2) / k)
          .attr("stroke-dasharray", r.p.precision === "country" ? 4 / k + " " + 3 / k : null);
        at.select("text").attr("x", r.x + rad + 2 / k).attr("y", r.y + 4 / k).attr("font-size", 11 / k)
          .attr("stroke-width", 3 / k);
      });
      bordersPath.attr("stroke-width", 0.6 / k);
    }
    function render() {
      const width = root.clientWidth, height = root.clientHeight;
      if (!width || !height) return;
      svg.attr("width", width).attr("height", height);
      // the events' part of the world, with a margin, the same whatever the filters (no jumps on a brush)
      const lons = data.places.map((p) => p.lon), lats = data.places.map((p) => p.lat);
      const pad = Math.max(12, 0.3 * Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats)));
      const w = Math.max(-180, Math.min(...lons) - pad), e = Math.min(180, Math.max(...lons) + pad);
      const s = Math.max(-85, Math.min(...lats) - pad), n = Math.min(85, Math.max(...lats) + pad);
      projection.fitExtent([[12, 12], [width - 12, height - 12]], { type: "MultiPoint", coordinates: [[w, s], [e, s], [w, n], [e, n], [(w + e) / 2, n], [(w + e) / 2, s]] });
      sphere.attr("d", path({ type: "Sphere" }));
      land.selectAll("path").data(countries).join("path").attr("class", "country")
        .attr("data-name", (d) => d.properties.name).attr("d", path);
      bordersPath.attr("d", path(borders));
      update();
    }
    function pick(id) {
      const evs = eventsAt(placeById.get(id));
      select({ nodes: [...new Set(evs.flatMap((ev) => ev.actors))], edges: [...new Set(evs.flatMap((ev) => ev.edges))], place: id }, "map");
    }
    function eventBlock(ev) {
      const kept = ev.evidence.filter((x) => x.confidence >= state.minConfidence);
      const when = ev.start ? (ev.end && ev.end !== ev.start ? ev.start + " to " + ev.end : ev.start) : "undated";
      const actors = [];
      for (const id of ev.actors) {
        if (actors.length) actors.push(" → ");
        actors.push(jump(nodeById.get(id).label, () => focusNode(id)));
      }
      return el("section", { class: "event" },
        el("h3", {}, ev.label),
        el("p", { class: "meta" }, [ev.mode === "asserted" ? "" : ev.mode, when, ev.cameo ? "CAMEO " + ev.cameo : "",
          ev.mentions + " mention" + (ev.mentions === 1 ? "" : "s"), ev.articles + " article" + (ev.articles === 1 ? "" : "s")]
          .filter(Boolean).join(" · ")),
        actors.length ? el("p", {}, ...actors) : null,
        el("ol", {}, ...kept.map(evidenceItem)));
    }
    function showPlace(id) {
      const p = placeById.get(id);
      if (!p) return;
      const evs = eventsAt(p);
      clearPanel();
      panel.dataset.kind = "place";
      panel.dataset.id = id;
      const deg = (v, pos, neg) => Math.abs(v).toFixed(2) + "° " + (v >= 0 ? pos : neg);
      fill(
        el("h2", {}, p.name),
        el("p", { class: "meta" }, ["place known to " + (WORDS[p.precision] || p.precision) + " (" + p.precision + " precision)",
          deg(p.lat, "N", "S") + ", " + deg(p.lon, "E", "W"), p.country].filter(Boolean).join(" · ")),
        el("p", { class: "meta" }, evs.length + (evs.length < p.events.length ? " of " + p.events.length : "") + " event"
          + (p.events.length === 1 ? "" : "s") + (evs.length < p.events.length && filtering() ? " " + filterNote() : "")),
        ...evs.map(eventBlock));
    }
    const toggle = $("map-toggle");
    function setShown(on) {
      root.hidden = !on;
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = on ? "Hide map" : "Show map";
      network.setSize("100%", "100%");
      network.redraw();
    }
    toggle.hidden = false;
    toggle.addEventListener("click", () => setShown(root.hidden));
    setShown(!root.hidden);
    bus.on("filters", update);
    bus.on("selection", update);
    new ResizeObserver(render).observe(root);
    render();
    return {
      showPlace, pick, projection,
      shown: () => !root.hidden,
      // a point's pixel in the map's box, zoom included
      project: (lon, lat) => { const [x, y] = projection([lon, lat]), t = d3.zoomTransform(svg.node()); return { x: t.applyX(x), y: t.applyY(y) }; },
      markers: () => markersG.selectAll("g.place").data().map((r) => ({ place: r.p.id, name: r.p.name, precision: r.p.precision,
        events: r.evs.map((ev) => ev.id), lit: r.lit, dim: r.dim })),
    };
  }

  // the page's state, for tests and for users at the console (read-only views of what is drawn)
  const view = {
    data, network, nodes, edges, nodeView, edgeView, state, refresh, focusNode, showEdge, showNode, expand,
    bus, selection, select, shortestPath, findPath, hit, timeline, map, exportPNG, exportCSV, csvRows,
    focused: null, ready: false,
    counts: () => ({ nodes: nodeView.length, edges: edgeView.length }),
    labels: () => lastLabels.map((l) => ({ ...l })),
    highlighted: () => (lastHighlight ? { nodes: [...lastHighlight.nodes].sort(), edges: [...lastHighlight.edges].sort() } : null),
    frames: () => frames,
    labelPx: LABEL_PX,
  };
  window.kgView = view;
  network.once("afterDrawing", () => {
    view.ready = true;
    view.readyAt = performance.now();
    document.body.dataset.ready = "true";
  });
  network.fit({ animation: false });
})();
