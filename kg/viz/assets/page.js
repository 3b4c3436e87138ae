/* kg viz: draws the graph data embedded in #kg-data with vis-network.
   All text from the data goes into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var labelColor = {};
  data.labels.forEach(function (l) { labelColor[l.name] = l.color; });
  var relationColor = {};
  data.relations.forEach(function (r) { relationColor[r.name] = r.color; });
  var labelOn = {};
  data.labels.forEach(function (l) { labelOn[l.name] = true; });
  var typeOn = {};
  data.relations.forEach(function (r) { typeOn[r.name] = true; });
  var minDegree = 0;
  var state = { ready: false, renderMs: null, data: data, timings: timings };
  window.kgViz = state;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  // ---- header: what is drawn, what was left out ----------------------------------------
  var s = data.summary;
  document.getElementById("kg-size-by").textContent = "(size: " + ({ papers: "papers", degree: "degree" }[data.sizeBy] || "PageRank") + ")";
  var omittedTotal = Object.keys(s.omitted).reduce(function (a, k) { return a + s.omitted[k]; }, 0);
  var omittedBox = document.getElementById("kg-omitted");
  var scope = s.focusName !== null
    ? "the neighbourhood of " + s.focusName + " (depth " + s.depth + ", " + fmt(s.candidates) + " nodes)"
    : "the " + (s.view ? s.view + " view" : "graph");
  var notes = [];
  if (s.view === "leaderboard") notes.push("Leaderboard of " + s.dataset + ": " + s.viewNote + ".");
  else if (s.viewNote) notes.push("The " + s.view + " view: " + s.viewNote + ".");
  if (omittedTotal > 0) {
    var parts = Object.keys(s.omitted).map(function (k) { return fmt(s.omitted[k]) + " " + k; });
    notes.push("Left out: " + fmt(omittedTotal) + " of " + fmt(s.candidates) + " nodes of " + scope +
      " (" + parts.join(", ") + ") and " + fmt(s.omittedEdges) + " relationships: only the " + fmt(s.drawnNodes) +
      " nodes " + s.rankedBy + " are drawn" +
      (s.unlinked ? ", " + fmt(s.unlinked) + " more left out for having no link to them" : "") +
      ". Use kg viz --max-nodes N for more, or --focus NAME for one entity's neighbourhood.");
  } else if (s.focusName !== null) {
    notes.push("Showing " + scope + " of a graph of " + fmt(s.nodes) + " nodes.");
  }
  if (notes.length) {
    omittedBox.textContent = notes.join(" ");
    omittedBox.hidden = false;
  }

  // ---- the network -------------------------------------------------------------------
  // Nodes come placed (kg.viz.layout.layout): no physics, the page is ready at once.
  // Labels: a node's font grows with its place by papers (rank), and vis-network leaves out
  // a label under 7 px on screen, so more names appear as you zoom in; the first
  // s.labelsAlways nodes by papers keep at least ALWAYS_PX on screen at any zoom.
  var FONT_MIN = 10, FONT_MAX = 30, ALWAYS_PX = 13, DRAW_THRESHOLD = 7;
  var last = Math.max(1, data.nodes.length - 1);
  var naturalFont = {};
  data.nodes.forEach(function (n) {
    naturalFont[n.id] = FONT_MAX - (FONT_MAX - FONT_MIN) * Math.sqrt(n.rank / last);
  });
  var always = data.nodes.filter(function (n) { return n.rank < s.labelsAlways; });
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    var color = labelColor[n.label] || "#7f7f7f";
    return {
      id: n.id, label: n.caption, value: n.size, shape: "dot", x: n.x, y: n.y,
      font: { size: naturalFont[n.id] },
      title: n.label + ": " + n.name + (n.aliases.length ? "\naliases: " + n.aliases.join(", ") : "") +
        (n.papers !== undefined ? "\n" + fmt(n.papers) + (n.papers === 1 ? " paper" : " papers") : "") + "\ndegree " + n.degree,
      color: { background: color, border: color, highlight: { background: color, border: "#000" }, hover: { background: color, border: "#000" } },
      kgLabel: n.label, kgDegree: n.degree
    };
  }));
  var maxWeight = data.edges.reduce(function (m, e) { return Math.max(m, e.weight || 1); }, 1);
  var visEdges = new vis.DataSet(data.edges.map(function (e, i) {
    var title = e.type + (e.count > 1 ? " \u00d7" + e.count : "") + (e.papers > 1 ? " (" + e.papers + " papers)" : "") +
      "\n" + byId.get(e.from).name + (e.type === "USED_WITH" ? " \u2014 " : " \u2192 ") + byId.get(e.to).name +
      (e.sentence ? "\n\u201c" + e.sentence + "\u201d" : "");
    var color = relationColor[e.type] || "#7f7f7f";
    var light = e.type === "MENTIONS" || e.type === "USED_WITH";
    return {
      id: i, from: e.from, to: e.to, title: title, kgType: e.type,
      color: { color: color, highlight: "#000", hover: "#000", opacity: light ? 0.7 : 1 },
      // width by the papers behind the edge: 1 paper 1 px, the heaviest edge 8 px
      width: (light ? 0.8 : 1.5) + (maxWeight > 1 ? 6.5 * Math.log(e.weight || 1) / Math.log(maxWeight) : 0),
      arrows: { to: { enabled: e.type !== "USED_WITH", scaleFactor: 0.45 } },
      smooth: light ? false : { enabled: true, type: "curvedCW", roundness: 0.15 }
    };
  }));
  function nodeVisible(n) { return labelOn[n.kgLabel] && n.kgDegree >= minDegree; }
  var nodeView = new vis.DataView(visNodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(visEdges, { filter: function (e) { return typeOn[e.kgType]; } });

  var big = data.nodes.length > 300;
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: false },
    nodes: {
      shape: "dot",
      scaling: { min: 5, max: 34, label: { enabled: false, drawThreshold: DRAW_THRESHOLD } },
      font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1
    },
    edges: { selectionWidth: 1.5, hoverWidth: 1.2 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    physics: false
  });
  timings.created = performance.now();
  state.network = network;
  state.nodes = visNodes;
  state.edges = visEdges;
  state.nodeView = nodeView;
  state.edgeView = edgeView;

  // The always-labelled nodes: at least ALWAYS_PX on screen, whatever the zoom, and
  // moved up or down (font.vadjust) off the labels of the nodes before them by papers.
  var fontNow = {}, shiftNow = {};
  var sizedAt = null;
  var measure = document.createElement("canvas").getContext("2d");
  function sizeLabels() {
    var scale = network.getScale();
    if (sizedAt !== null && Math.abs(scale - sizedAt) < 0.01 * sizedAt) return;
    sizedAt = scale;
    var updates = [], boxes = [];
    always.forEach(function (n) {
      var size = Math.max(naturalFont[n.id], ALWAYS_PX / scale);
      var node = network.body.nodes[n.id], shift = 0;
      if (node && nodeView.get(n.id)) {
        // the label's box in canvas units, from its last drawing (scaled to the new font)
        var r = node.options.size || 10, label = node.labelModule, drawn = label.size;
        var ratio = size / (fontNow[n.id] || naturalFont[n.id]);
        var w, h, top;
        if (drawn && drawn.width > 0) {
          w = drawn.width * ratio; h = drawn.height * ratio;
          top = drawn.top;  // without font.vadjust, which vis-network adds only when it writes the text
        } else {
          measure.font = size + "px system-ui, sans-serif";
          w = measure.measureText(n.caption).width + 6; h = size * 1.3; top = node.y + r;
        }
        var pad = 2 / scale, tries = [0];
        for (var k = 1; k <= 6; k++) tries.push(k * h, -(2 * r + k * h + pad));
        var best = null, bestHit = Infinity;
        for (var i = 0; i < tries.length && bestHit > 0; i++) {
          var box = { x0: node.x - w / 2 - pad, x1: node.x + w / 2 + pad, y0: top + tries[i] - pad, y1: top + tries[i] + h + pad };
          var hit = boxes.reduce(function (sum, o) {
            var dx = Math.min(box.x1, o.x1) - Math.max(box.x0, o.x0), dy = Math.min(box.y1, o.y1) - Math.max(box.y0, o.y0);
            return sum + (dx > 0 && dy > 0 ? dx * dy : 0);
          }, 0);
          if (hit < bestHit) { bestHit = hit; best = box; shift = tries[i]; }
        }
        boxes.push(best);
      }
      if (fontNow[n.id] === undefined || Math.abs(size - fontNow[n.id]) > 0.01 * fontNow[n.id] ||
          Math.abs(shift - (shiftNow[n.id] || 0)) * scale > 0.5) {
        fontNow[n.id] = size;
        shiftNow[n.id] = shift;
        updates.push({ id: n.id, font: { size: size, vadjust: shift } });
      }
    });
    if (updates.length) visNodes.update(updates);
  }
  state.labelBoxes = function () {
    sizedAt = null;
    sizeLabels();
    return always.map(function (n) { return { id: n.id, font: fontNow[n.id], vadjust: shiftNow[n.id] }; });
  };
  network.on("beforeDrawing", sizeLabels);
  state.labelledIds = function () {
    // the nodes whose label vis-network draws now, inside the canvas
    var canvas = network.canvas.frame.canvas, w = canvas.clientWidth, h = canvas.clientHeight;
    return nodeView.getIds().filter(function (id) {
      var node = network.body.nodes[id];
      if (!node || !node.labelModule.visible()) return false;
      var p = network.canvasToDOM({ x: node.x, y: node.y });
      return p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;
    });
  };

  function focusIds() {
    // the page of --focus NAME holds the neighbourhood: open fitted to all of it
    return nodeView.getIds();
  }
  function markReady() {
    if (state.ready) return;
    timings.stabilized = performance.now();
    network.fit(s.focus !== null && s.focus !== undefined ? { nodes: focusIds(), animation: false } : { animation: false });
    network.once("afterDrawing", function () {
      // the labels' boxes are measured now: place the top labels again with them
      sizedAt = null;
      network.redraw();
      network.once("afterDrawing", ready);
    });
    network.redraw();
  }
  function ready() {
    state.renderMs = Math.round(performance.now());
    state.ready = true;
    updateStatus();
    if (s.focus !== null && s.focus !== undefined) {
      network.selectNodes([s.focus]);
      showInfo(s.focus);
    }
  }
  network.once("afterDrawing", function () { setTimeout(markReady, 0); });
  if (data.nodes.length === 0) setTimeout(markReady, 0);

  // ---- status line and filters -----------------------------------------------------------
  function visibleNodeIds() { return nodeView.getIds(); }
  function visibleEdgeIds() {
    var shown = new Set(nodeView.getIds());
    return edgeView.getIds().filter(function (id) {
      var e = visEdges.get(id);
      return shown.has(e.from) && shown.has(e.to);
    });
  }
  state.visibleNodeIds = visibleNodeIds;
  state.visibleEdgeIds = visibleEdgeIds;
  function updateStatus() {
    var text = fmt(visibleNodeIds().length) + " of " + fmt(data.nodes.length) + " nodes and " +
      fmt(visibleEdgeIds().length) + " of " + fmt(data.edges.length) + " relationships shown";
    if (s.drawnNodes < s.nodes) text += " (graph: " + fmt(s.nodes) + " nodes, " + fmt(s.edges) + " relationships)";
    document.getElementById("kg-status").textContent = state.ready ? text : "drawing\u2026";
  }
  function refresh() { nodeView.refresh(); edgeView.refresh(); sizedAt = null; network.redraw(); updateStatus(); }

  function checkbox(container, idPrefix, item, on, swatchClass) {
    var row = el("label", { "class": "kg-check", "for": idPrefix + item.name });
    var box = el("input", { type: "checkbox", id: idPrefix + item.name });
    box.checked = true;
    box.addEventListener("change", function () { on[item.name] = box.checked; refresh(); });
    var swatch = el("span", { "class": swatchClass });
    swatch.style.background = item.color;
    row.appendChild(box);
    row.appendChild(swatch);
    row.appendChild(el("span", null, item.name));
    row.appendChild(el("span", { "class": "kg-count" }, fmt(item.count)));
    container.appendChild(row);
  }
  var labelsBox = document.getElementById("kg-labels");
  data.labels.forEach(function (l) { checkbox(labelsBox, "kg-label-", l, labelOn, "kg-swatch"); });
  var relBox = document.getElementById("kg-relations");
  data.relations.forEach(function (r) { checkbox(relBox, "kg-rel-", r, typeOn, "kg-line"); });
  var degreeInput = document.getElementById("kg-min-degree");
  degreeInput.max = String(data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 0));
  degreeInput.addEventListener("input", function () {
    var v = parseInt(degreeInput.value, 10);
    minDegree = isNaN(v) || v < 0 ? 0 : v;
    refresh();
  });
  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  // ---- search ----------------------------------------------------------------------------
  var names = document.getElementById("kg-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    [n.name].concat(n.aliases).forEach(function (name) {
      if (!seen.has(name)) { seen.add(name); names.appendChild(el("option", { value: name })); }
    });
  });
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var best = null, bestTier = 9;
    data.nodes.forEach(function (n) {  // nodes come most papers first: the first match of a tier wins
      var all = [n.name].concat(n.aliases).map(function (x) { return x.toLowerCase(); });
      var tier = all[0] === q ? 0 : all.indexOf(q) > 0 ? 1 : all.some(function (x) { return x.indexOf(q) >= 0; }) ? 2 : 9;
      if (tier < bestTier) { best = n; bestTier = tier; }
    });
    return best;
  }
  var message = document.getElementById("kg-search-message");
  function search(query) {
    var n = find(query);
    if (!n) { message.textContent = "No node called \u201c" + query.trim() + "\u201d in this page."; return null; }
    var v = visNodes.get(n.id);
    message.textContent = nodeVisible(v) ? "" : n.name + " is hidden by the filters; showing its details.";
    focusNode(n.id, true);
    return n.id;
  }
  state.search = search;
  function go() { search(document.getElementById("kg-search").value); }
  document.getElementById("kg-search-go").addEventListener("click", go);
  document.getElementById("kg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(); });

  function focusNode(id, animate) {
    if (nodeVisible(visNodes.get(id))) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.3), animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
    } else {
      network.unselectAll();
    }
    showInfo(id);
  }
  state.focusNode = focusNode;
  network.on("click", function (params) {
    if (params.nodes.length) showInfo(params.nodes[0]);
  });

  // ---- the panel of one node -------------------------------------------------------------
  var info = document.getElementById("kg-info");
  function escapeRegExp(x) { return x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function sentence(text, n) {
    // the sentence, with the node's name and aliases marked
    var q = el("blockquote", { "class": "kg-evidence" });
    var terms = [n.name].concat(n.aliases).filter(function (t) { return t && t.length > 1; });
    if (!terms.length) { q.textContent = text; return q; }
    terms.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp(terms.map(escapeRegExp).join("|"), "gi");
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      q.appendChild(document.createTextNode(text.slice(last, m.index)));
      q.appendChild(el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
    q.appendChild(document.createTextNode(text.slice(last)));
    return q;
  }
  function nodeLink(name, id) {
    if (id === undefined || id === null) return el("span", null, name);
    var a = el("span", { "class": "kg-link", role: "link", tabindex: "0" }, name);
    a.addEventListener("click", function () { focusNode(id, true); });
    return a;
  }
  function paperLine(pid) {
    var p = data.papers[pid] || { title: pid };
    var line = el("span", { "class": "kg-paper" });
    line.appendChild(nodeLink(p.title, p.node));
    if (p.year) line.appendChild(document.createTextNode(" (" + p.year + ")"));
    return line;
  }
  function value(row) {
    var unit = row.unit || "";
    return String(row.value) + (unit === "" ? "" : unit.charAt(0) === "%" ? unit : " " + unit);
  }
  function resultTable(t) {
    // a method's results (dataset, metric, value, paper) or a dataset's leaderboard
    // (method, metric, best value, paper): rows made in kg.viz.html
    var board = t.kind === "leaderboard";
    var box = el("div", { id: "kg-info-table" });
    box.appendChild(el("h3", null, (board ? "Leaderboard" : "Results") + " (" + fmt(t.rows.length + t.more) + ")"));
    var table = el("table", { "class": "kg-table" });
    var head = el("tr");
    (board ? ["method", "metric", "best", "paper"] : ["dataset", "metric", "value", "paper"]).forEach(function (h) {
      head.appendChild(el("th", null, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    t.rows.forEach(function (r) {
      var tr = el("tr");
      var first = el("td");
      if (board) first.appendChild(nodeLink(r.method === null ? "(not named)" : r.method, r.node));
      else first.textContent = r.dataset === null ? "—" : r.dataset;
      tr.appendChild(first);
      tr.appendChild(el("td", null, r.metric === null ? "—" : r.metric + (board && r.lowerIsBetter ? " ↓" : "")));
      var v = el("td", { "class": "kg-num" });
      v.appendChild(board || r.node === undefined ? document.createTextNode(value(r)) : nodeLink(value(r), r.node));
      tr.appendChild(v);
      var p = el("td");
      if (r.paper) p.appendChild(paperLine(r.paper));
      tr.appendChild(p);
      body.appendChild(tr);
    });
    box.appendChild(table);
    if (t.more) box.appendChild(el("p", { "class": "kg-note" }, "and " + fmt(t.more) + " more"));
    if (board) box.appendChild(el("p", { "class": "kg-note" }, "Best value per method and metric (\u2193: lower is better); changes against a baseline are left out."));
    return box;
  }
  function showInfo(id) {
    var n = byId.get(id);
    state.shown = id;
    info.textContent = "";
    info.appendChild(el("h2", { id: "kg-info-name" }, n.name));
    var tag = el("span", { "class": "kg-label-tag", id: "kg-info-label" }, n.label);
    tag.style.background = labelColor[n.label] || "#7f7f7f";
    info.appendChild(tag);
    var facts = el("dl", { "class": "kg-facts" });
    function fact(k, v) { facts.appendChild(el("dt", null, k)); facts.appendChild(el("dd", null, v)); }
    if (n.aliases.length) fact("aliases", n.aliases.join(", "));
    if (n.papers !== undefined) fact("papers", fmt(n.papers));
    fact("degree", fmt(n.degree));
    fact("PageRank", Number(n.pagerank).toPrecision(3));
    Object.keys(n.info).forEach(function (k) { fact(k, n.info[k]); });
    info.appendChild(facts);
    if (n.aliases.length) facts.firstChild.nextSibling.id = "kg-info-aliases";

    if (n.table) info.appendChild(resultTable(n.table));
    if (n.results.length && !(n.table && n.label === "Method")) {
      info.appendChild(el("h3", null, "Results (" + (n.results.length + (n.moreResults || 0)) + ")"));
      var ul = el("ul", { id: "kg-info-results" });
      n.results.forEach(function (r) {
        var li = el("li");
        li.appendChild(nodeLink(r.text, r.node));
        if (r.paper) { li.appendChild(document.createTextNode(" \u2014 ")); li.appendChild(paperLine(r.paper)); }
        if (r.sentence) li.appendChild(sentence(r.sentence, n));
        ul.appendChild(li);
      });
      if (n.moreResults) ul.appendChild(el("li", { "class": "kg-note" }, "and " + fmt(n.moreResults) + " more"));
      info.appendChild(ul);
    }
    if (n.mentions.length) {
      var total = n.mentions.length + (n.moreMentions || 0);
      info.appendChild(el("h3", null, (n.label === "Result" ? "Reported in" : "Mentioned in") + " (" + fmt(total) + " papers)"));
      var ml = el("ul", { id: "kg-info-mentions" });
      n.mentions.forEach(function (m) {
        var li = el("li");
        li.appendChild(paperLine(m.paper));
        m.sentences.forEach(function (t) { li.appendChild(sentence(t, n)); });
        ml.appendChild(li);
      });
      if (n.moreMentions) ml.appendChild(el("li", { "class": "kg-note" }, "and " + fmt(n.moreMentions) + " more papers"));
      info.appendChild(ml);
    }
    if (n.relations.length) {
      info.appendChild(el("h3", null, "Relationships"));
      var rl = el("ul", { id: "kg-info-relations" });
      n.relations.forEach(function (r) {
        var li = el("li");
        li.appendChild(el("span", { "class": "kg-note" }, r.dir === "out" ? r.type + " \u2192 " : "\u2190 " + r.type + " "));
        li.appendChild(nodeLink(r.name, r.node));
        li.appendChild(el("span", { "class": "kg-note" }, " " + r.label));
        if (r.sentence) li.appendChild(sentence(r.sentence, n));
        rl.appendChild(li);
      });
      if (n.moreRelations) rl.appendChild(el("li", { "class": "kg-note" }, "and " + fmt(n.moreRelations) + " more"));
      info.appendChild(rl);
    }
  }
  state.showInfo = showInfo;
  updateStatus();
})();
