// kg's network view. Data comes from the JSON block in the page (never from the network); every piece
// of it reaches the page through textContent or as canvas text, so nothing in the data can run as script.
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

  const state = {
    classes: new Set(Object.keys(data.classes)),
    predicates: new Set(Object.keys(data.predicates)),
    unasserted: true,
    minMentions: 1,
    from: "",
    to: "",
    undated: true,
    hideUnlinked: false,
    sizeBy: "degree",
    overview: big,
    shown: new Set(byDegree.slice(0, data.overview.nodes).map((n) => n.id)), // overview + drill-downs
    forced: new Set(), // found by search: shown whatever the filters say
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
  const darker = (hex) => "#" + hex.slice(1).match(/../g).map((h) => Math.round(parseInt(h, 16) * 0.7).toString(16).padStart(2, "0")).join("");

  // ------------------------------------------------------------------ vis items
  const EDGE_STYLE = {
    asserted: { color: "#7a8a99", dashes: false },
    disputed: { color: "#d1495b", dashes: [8, 4] },
    other: { color: "#aaaaaa", dashes: [2, 5] },
  };
  function nodeItem(n) {
    const c = data.classes[n.cls];
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: c.shape,
      color: { background: c.colour, border: darker(c.colour), highlight: { background: c.colour, border: "#000" } },
      value: 1 + (state.sizeBy === "mentions" ? n.mentions : n.degree),
    };
  }
  function edgeItem(e) {
    const style = EDGE_STYLE[e.status] || EDGE_STYLE.other;
    const label = e.status === "asserted" ? predLabel(e.predicate) : predLabel(e.predicate) + " (" + e.status + ")";
    const symmetric = data.predicates[e.predicate] && data.predicates[e.predicate].symmetric;
    return {
      id: e.id, from: e.source, to: e.target, label: label, value: e.mentions,
      arrows: symmetric ? "" : "to", dashes: style.dashes, color: { color: style.color, highlight: "#222" },
    };
  }
  const nodes = new vis.DataSet(data.nodes.map(nodeItem));
  const edges = new vis.DataSet(data.edges.map(edgeItem));

  // ------------------------------------------------------------------ filters
  let visibleNodes = new Set();
  function edgePasses(e) {
    if (!state.predicates.has(e.predicate)) return false;
    if (!state.unasserted && e.status !== "asserted" && e.status !== "disputed") return false;
    if (e.mentions < state.minMentions) return false;
    if (state.from || state.to) {
      if (!e.first) return state.undated;
      if (state.from && e.last < state.from) return false;
      if (state.to && e.first > state.to) return false;
    }
    return true;
  }
  function computeVisible() {
    const out = new Set();
    for (const n of data.nodes) {
      if (state.forced.has(n.id)) { out.add(n.id); continue; }
      if (!state.classes.has(n.cls) || n.mentions < state.minMentions) continue;
      if (state.overview && !state.shown.has(n.id)) continue;
      out.add(n.id);
    }
    if (state.hideUnlinked) {
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
  }
  visibleNodes = computeVisible();

  // ------------------------------------------------------------------ network
  const container = $("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
    interaction: { hover: !big, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 150 },
    nodes: {
      font: { size: 13, color: "#222" },
      scaling: { min: 8, max: 40, label: { enabled: true, min: 11, max: 26, drawThreshold: big ? 7 : 3 } },
    },
    edges: {
      smooth: false, width: 1, selectionWidth: 2,
      font: { size: 10, color: "#555", strokeWidth: 3, align: "middle" },
      scaling: { min: 1, max: 6, label: { enabled: false, drawThreshold: 8 } },
      arrows: { to: { scaleFactor: 0.5 } },
    },
  });
  refresh();

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
    const meta = [held, ev.source ? "per " + ev.source : "", ev.when ? "when: " + ev.when + (ev.date ? " (" + ev.date + ")" : "") : "",
      "confidence " + ev.confidence.toFixed(2)].filter(Boolean).join(" · ");
    return el("li", { class: "evidence" },
      el("blockquote", { class: ev.status === "asserted" ? "" : "unasserted" }, ev.sentence),
      el("div", { class: "meta" }, docLine(ev.doc)),
      el("div", { class: "meta" }, meta));
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    const s = nodeById.get(e.source), t = nodeById.get(e.target);
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
      el("ol", {}, ...e.evidence.map(evidenceItem)),
      e.evidence.length < e.mentions ? el("p", { class: "meta" }, "(first " + e.evidence.length + " of " + e.mentions + " shown)") : null);
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
        return el("li", {}, jump(text, () => { showEdge(e.id); network.selectEdges([e.id]); }),
          e.status === "asserted" ? "" : " (" + e.status + ")", " · " + e.mentions + "×");
      })),
      el("h3", {}, "Documents (" + docs.size + ")"),
      el("ul", {}, ...[...docs].sort((a, b) => a - b).slice(0, 100).map((d) => el("li", {}, docLine(d)))));
  }

  // ------------------------------------------------------------------ drill-down and search
  function expand(id) {
    state.shown.add(id);
    for (const e of edgesOf.get(id)) { state.shown.add(e.source); state.shown.add(e.target); }
    refresh();
  }
  function focusNode(id) {
    if (!nodeById.has(id)) return;
    if (!visibleNodes.has(id)) { state.forced.add(id); expand(id); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showNode(id);
    view.focused = id;
  }
  const index = data.nodes.map((n) => ({ id: n.id, keys: n.names.map(fold) }));
  let matches = [], active = 0;
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
  function renderMatches() {
    const list = $("matches");
    while (list.firstChild) list.removeChild(list.firstChild);
    matches.forEach((id, i) => {
      const n = nodeById.get(id);
      list.append(el("li", { role: "option", class: i === active ? "active" : "", onmousedown: (ev) => { ev.preventDefault(); pick(id); } },
        n.label, " ", el("span", { class: "cls" }, clsLabel(n.cls))));
    });
    list.hidden = matches.length === 0;
  }
  function pick(id) {
    matches = [];
    renderMatches();
    focusNode(id);
  }
  const box = $("search");
  box.addEventListener("input", () => { matches = search(box.value); active = 0; renderMatches(); });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && matches.length) { active = (active + 1) % matches.length; renderMatches(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && matches.length) { active = (active + matches.length - 1) % matches.length; renderMatches(); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      const found = matches.length ? matches[active] : search(box.value)[0];
      if (found) pick(found);
    } else if (ev.key === "Escape") { matches = []; renderMatches(); }
  });
  box.addEventListener("blur", () => { matches = []; renderMatches(); });

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
  on("unasserted", "change", (ev) => { state.unasserted = ev.target.checked; refresh(); });
  on("min-mentions", "input", (ev) => { state.minMentions = Math.max(1, parseInt(ev.target.value, 10) || 1); refresh(); });
  on("date-from", "change", (ev) => { state.from = ev.target.value; refresh(); });
  on("date-to", "change", (ev) => { state.to = ev.target.value; refresh(); });
  on("undated", "change", (ev) => { state.undated = ev.target.checked; refresh(); });
  on("hide-unlinked", "change", (ev) => { state.hideUnlinked = ev.target.checked; refresh(); });
  on("size-by", "change", (ev) => { state.sizeBy = ev.target.value; nodes.update(data.nodes.map(nodeItem)); });
  on("physics", "change", (ev) => network.setOptions({ physics: { enabled: ev.target.checked } }));
  on("fit", "click", () => network.fit({ animation: false }));
  on("show-all", "click", () => { state.overview = false; refresh(); network.fit({ animation: false }); });
  on("back-overview", "click", () => { state.overview = true; refresh(); network.fit({ animation: false }); });

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("doubleClick", (params) => { if (params.nodes.length) expand(params.nodes[0]); });

  // the page's state, for tests and for users at the console
  const view = {
    data, network, nodes, edges, nodeView, edgeView, state, refresh, focusNode, showEdge, showNode, expand,
    focused: null, ready: false,
    counts: () => ({ nodes: nodeView.length, edges: edgeView.length }),
  };
  window.kgView = view;
  network.once("afterDrawing", () => {
    view.ready = true;
    view.readyAt = performance.now();
    document.body.dataset.ready = "true";
  });
  network.fit({ animation: false });
})();
