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
  document.getElementById("kg-size-by").textContent = "(size: " + (data.sizeBy === "degree" ? "degree" : "PageRank") + ")";
  var omittedTotal = Object.keys(s.omitted).reduce(function (a, k) { return a + s.omitted[k]; }, 0);
  var omittedBox = document.getElementById("kg-omitted");
  var scope = s.focusName !== null
    ? "the neighbourhood of " + s.focusName + " (depth " + s.depth + ", " + fmt(s.candidates) + " nodes)"
    : "the graph";
  if (omittedTotal > 0) {
    var parts = Object.keys(s.omitted).map(function (k) { return fmt(s.omitted[k]) + " " + k; });
    omittedBox.textContent = "Left out: " + fmt(omittedTotal) + " of " + fmt(s.candidates) + " nodes of " + scope +
      " (" + parts.join(", ") + ") and " + fmt(s.omittedEdges) + " relationships: only the " + fmt(s.maxNodes) +
      " nodes with the highest PageRank are drawn. Use kg viz --max-nodes N for more, or --focus NAME for one entity's neighbourhood.";
    omittedBox.hidden = false;
  } else if (s.focusName !== null) {
    omittedBox.textContent = "Showing " + scope + " of a graph of " + fmt(s.nodes) + " nodes.";
    omittedBox.hidden = false;
  }

  // ---- the network -------------------------------------------------------------------
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    var color = labelColor[n.label] || "#7f7f7f";
    return {
      id: n.id, label: n.caption, value: n.size, shape: "dot",
      title: n.label + ": " + n.name + (n.aliases.length ? "\naliases: " + n.aliases.join(", ") : "") + "\ndegree " + n.degree,
      color: { background: color, border: color, highlight: { background: color, border: "#000" }, hover: { background: color, border: "#000" } },
      kgLabel: n.label, kgDegree: n.degree
    };
  }));
  var visEdges = new vis.DataSet(data.edges.map(function (e, i) {
    var title = e.type + (e.count > 1 ? " \u00d7" + e.count : "") + (e.papers > 1 ? " (" + e.papers + " papers)" : "") +
      "\n" + byId.get(e.from).name + " \u2192 " + byId.get(e.to).name + (e.sentence ? "\n\u201c" + e.sentence + "\u201d" : "");
    var color = relationColor[e.type] || "#7f7f7f";
    return {
      id: i, from: e.from, to: e.to, title: title, kgType: e.type,
      color: { color: color, highlight: "#000", hover: "#000", opacity: e.type === "MENTIONS" ? 0.7 : 1 },
      width: e.type === "MENTIONS" ? 1 : 1.5 + Math.min(3, Math.log2(e.count || 1)),
      smooth: e.type === "MENTIONS" ? false : { enabled: true, type: "curvedCW", roundness: 0.15 }
    };
  }));
  function nodeVisible(n) { return labelOn[n.kgLabel] && n.kgDegree >= minDegree; }
  var nodeView = new vis.DataView(visNodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(visEdges, { filter: function (e) { return typeOn[e.kgType]; } });

  var big = data.nodes.length > 300;
  // fewer layout steps for big graphs: each step costs about n log n
  var iterations = data.nodes.length <= 300 ? 500 : data.nodes.length <= 1000 ? 250 : 150;
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    nodes: {
      shape: "dot",
      scaling: { min: 5, max: 34, label: { enabled: true, min: 11, max: 24, drawThreshold: 7, maxVisible: 28 } },
      font: { size: 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      selectionWidth: 1.5, hoverWidth: 1.2
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -38, springLength: 70, springConstant: 0.06, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: iterations, updateInterval: 50, fit: true },
      maxVelocity: 50, minVelocity: 0.75
    }
  });
  timings.created = performance.now();
  state.network = network;
  state.nodes = visNodes;
  state.edges = visEdges;
  state.nodeView = nodeView;
  state.edgeView = edgeView;

  function markReady() {
    if (state.ready) return;
    timings.stabilized = performance.now();
    network.setOptions({ physics: false });  // a still picture: nothing moves, nothing burns CPU
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      state.renderMs = Math.round(performance.now());
      state.ready = true;
      updateStatus();
      if (s.focus !== null && s.focus !== undefined) focusNode(s.focus, false);
    });
    network.redraw();
  }
  network.on("stabilizationProgress", function (p) {
    if (!state.ready) document.getElementById("kg-status").textContent = "drawing\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", markReady);
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
  function refresh() { nodeView.refresh(); edgeView.refresh(); updateStatus(); }

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
    data.nodes.forEach(function (n) {  // nodes come highest PageRank first: the first match of a tier wins
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

    if (n.results.length) {
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
