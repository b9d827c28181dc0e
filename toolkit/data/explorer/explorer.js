/* toolkit topic explorer: an intertopic map, term bars ranked by relevance, typical documents.
   Reads the JSON in #explorer-data and draws with SVG; it requests nothing from anywhere. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var mapSvg = document.getElementById("map");
  var barSvg = document.getElementById("bars");
  var NS = mapSvg.namespaceURI; /* the SVG namespace the HTML parser gave the inline <svg> */
  var topics = data.topics;
  var terms = data.terms;
  var K = topics.length;
  var state = { topic: data.initial.topic, lambda: data.initial.lambda, term: -1 };
  var logPw = terms.count.map(function (c) {
    return Math.log(Math.max(c, 1) / Math.max(data.model.n_tokens, 1));
  });
  var circles = [];
  var radius = [];
  var maxRadius = 1;

  function svg(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function element(name, text, className, parent) {
    var node = document.createElement(name);
    if (text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function format(n) {
    return n >= 1000 ? Math.round(n).toLocaleString("en") : String(Math.round(n * 10) / 10);
  }

  /* p(topic | term w), proportional to p(topic) p(w | topic) */
  function topicsGivenTerm(w) {
    var row = terms.beta[w];
    var out = [];
    var total = 0;
    for (var t = 0; t < K; t++) {
      out.push(topics[t].prevalence * row[t]);
      total += out[t];
    }
    return out.map(function (v) { return total > 0 ? v / total : 0; });
  }

  /* the topic's n_terms most relevant candidate terms; ties to the smaller index, as in Python */
  function relevant(t, lambda) {
    var scored = topics[t].candidates.map(function (w) {
      var logBeta = Math.log(Math.max(terms.beta[w][t], 1e-12));
      return { w: w, score: lambda * logBeta + (1 - lambda) * (logBeta - logPw[w]) };
    });
    scored.sort(function (a, b) { return (b.score - a.score) || (a.w - b.w); });
    return scored.slice(0, data.model.n_terms);
  }

  function drawMap() {
    var size = 420;
    var pad = 56;
    var xs = topics.map(function (t) { return t.x; });
    var ys = topics.map(function (t) { return t.y; });
    var minX = Math.min.apply(null, xs);
    var minY = Math.min.apply(null, ys);
    var spanX = Math.max.apply(null, xs) - minX;
    var spanY = Math.max.apply(null, ys) - minY;
    var span = Math.max(spanX, spanY, 1e-9);
    var scale = (size - 2 * pad) / span;
    var offX = pad + ((size - 2 * pad) - spanX * scale) / 2;
    var offY = pad + ((size - 2 * pad) - spanY * scale) / 2;
    var maxPrev = Math.max.apply(null, topics.map(function (t) { return t.prevalence; }));
    maxRadius = Math.min(pad, 0.55 * (size - 2 * pad) / Math.sqrt(Math.max(K, 1)));
    clear(mapSvg);
    var zeroX = offX - minX * scale;
    var zeroY = size - (offY - minY * scale);
    svg("line", { x1: 0, x2: size, y1: zeroY, y2: zeroY, "class": "axis" }, mapSvg);
    svg("line", { x1: zeroX, x2: zeroX, y1: 0, y2: size, "class": "axis" }, mapSvg);
    /* large discs first, so the small ones stay clickable on top */
    var order = topics.map(function (t, i) { return i; });
    order.sort(function (a, b) { return (topics[b].prevalence - topics[a].prevalence) || (a - b); });
    var layer = svg("g", {}, mapSvg);
    var labels = svg("g", {}, mapSvg);
    circles = new Array(K);
    radius = new Array(K);
    order.forEach(function (t) {
      var topic = topics[t];
      var cx = offX + (topic.x - minX) * scale;
      var cy = size - (offY + (topic.y - minY) * scale);
      radius[t] = Math.max(2, maxRadius * Math.sqrt(maxPrev > 0 ? topic.prevalence / maxPrev : 0));
      var c = svg("circle", { cx: cx.toFixed(2), cy: cy.toFixed(2), r: radius[t].toFixed(2),
        fill: topic.color, "class": "topic", "data-topic": topic.id, tabindex: 0, role: "button",
        "aria-label": topic.label }, layer);
      svg("title", {}, c).textContent = topic.label + " (" +
        (100 * topic.prevalence).toFixed(1) + "% of documents)";
      c.addEventListener("click", function () { select(t); });
      c.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(t); }
      });
      circles[t] = c;
      svg("text", { x: cx.toFixed(2), y: cy.toFixed(2), "class": "topic-id" }, labels)
        .textContent = String(topic.id);
    });
  }

  /* discs sized by the prevalence, or by p(topic | term) while a term is pointed at */
  function sizeDiscs() {
    var share = state.term >= 0 ? topicsGivenTerm(state.term) : null;
    for (var t = 0; t < K; t++) {
      var r = share ? Math.max(1, maxRadius * Math.sqrt(share[t])) : radius[t];
      circles[t].setAttribute("r", r.toFixed(2));
      circles[t].setAttribute("class", t === state.topic ? "topic selected" : "topic");
    }
  }

  function drawBars() {
    var t = state.topic;
    var rows = relevant(t, state.lambda);
    var width = 480;
    var left = 120;
    var top = 46;
    var rowHeight = 16;
    var room = width - left - 12;
    var maxCount = Math.max.apply(null, rows.map(function (row) { return terms.count[row.w]; }).concat([1]));
    clear(barSvg);
    barSvg.setAttribute("viewBox", "0 0 " + width + " " + (top + rows.length * rowHeight + 8));
    svg("rect", { x: left, y: 4, width: 10, height: 10, "class": "bar-total" }, barSvg);
    svg("text", { x: left + 14, y: 9, "class": "legend" }, barSvg).textContent = "count in the corpus";
    svg("rect", { x: left + 150, y: 4, width: 10, height: 10, fill: topics[t].color }, barSvg);
    svg("text", { x: left + 164, y: 9, "class": "legend" }, barSvg).textContent =
      "estimated count in topic " + topics[t].id;
    [0, 0.5, 1].forEach(function (f) {
      svg("text", { x: (left + f * room).toFixed(2), y: top - 10, "class": "tick",
        "text-anchor": f === 1 ? "end" : "middle" }, barSvg)
        .textContent = format(Math.round(f * maxCount));
      svg("line", { x1: (left + f * room).toFixed(2), x2: (left + f * room).toFixed(2),
        y1: top - 6, y2: top + rows.length * rowHeight, "class": "axis" }, barSvg);
    });
    rows.forEach(function (row, i) {
      var w = row.w;
      var y = top + i * rowHeight;
      var count = terms.count[w];
      var inTopic = count * topicsGivenTerm(w)[t];
      var g = svg("g", { "class": "term-row", "data-term": terms.term[w] }, barSvg);
      svg("text", { x: left - 6, y: y + rowHeight / 2, "class": "term-label" }, g).textContent = terms.term[w];
      svg("rect", { x: left, y: y + 2, width: (room * count / maxCount).toFixed(2),
        height: rowHeight - 4, "class": "bar-total" }, g);
      svg("rect", { x: left, y: y + 2, width: (room * inTopic / maxCount).toFixed(2),
        height: rowHeight - 4, fill: topics[t].color, "class": "bar-topic", "data-term": terms.term[w] }, g);
      svg("title", {}, g).textContent = terms.term[w] + ": " + format(count) +
        " in the corpus, about " + format(inTopic) + " in topic " + topics[t].id +
        "; p(term | topic) = " + terms.beta[w][t].toPrecision(3) +
        ", relevance = " + row.score.toFixed(3);
      g.addEventListener("mouseenter", function () { state.term = w; sizeDiscs(); });
      g.addEventListener("mouseleave", function () { state.term = -1; sizeDiscs(); });
    });
    document.getElementById("terms-title").textContent = "Top " + rows.length +
      " terms of " + topics[t].label.split(":")[0].replace(/^(\d+)$/, "topic $1") +
      " (" + (100 * topics[t].prevalence).toFixed(1) + "% of documents)";
  }

  function drawDocs() {
    var topic = topics[state.topic];
    var list = document.getElementById("docs");
    clear(list);
    document.getElementById("docs-title").textContent = "Typical documents of " + topic.label;
    topic.docs.forEach(function (doc) {
      var item = element("li", null, "", list);
      element("strong", doc.title || doc.doc_id, "", item);
      element("div", [doc.date, doc.doc_id, (100 * doc.share).toFixed(0) + "% topic " + topic.id]
        .filter(function (s) { return s; }).join(" \u00b7 "), "meta", item);
      element("p", doc.text + (doc.text ? "\u2026" : ""), "", item);
    });
  }

  function select(t) {
    state.topic = (t + K) % K;
    document.getElementById("topic-select").value = String(state.topic);
    sizeDiscs();
    drawBars();
    drawDocs();
  }

  /* "#topic=<id>&lambda=<0..1>" in the address opens that view (a link to share) */
  function readAddress() {
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      var value = parseFloat(kv[1]);
      if (kv[0] === "lambda" && value >= 0 && value <= 1) { state.lambda = Math.round(value * 100) / 100; }
      if (kv[0] === "topic") {
        topics.forEach(function (topic, t) { if (topic.id === value) { state.topic = t; } });
      }
    });
  }

  function setup() {
    readAddress();
    var chooser = document.getElementById("topic-select");
    topics.forEach(function (topic, t) {
      var option = element("option", topic.label, "", chooser);
      option.value = String(t);
    });
    chooser.addEventListener("change", function () { select(parseInt(chooser.value, 10)); });
    document.getElementById("prev").addEventListener("click", function () { select(state.topic - 1); });
    document.getElementById("next").addEventListener("click", function () { select(state.topic + 1); });
    var slider = document.getElementById("lambda");
    var shown = document.getElementById("lambda-value");
    slider.value = String(state.lambda);
    shown.textContent = state.lambda.toFixed(2);
    slider.addEventListener("input", function () {
      state.lambda = parseFloat(slider.value);
      shown.textContent = state.lambda.toFixed(2);
      drawBars();
    });
    document.getElementById("summary").textContent = K + " topics, " +
      format(data.model.n_documents) + " documents, " + format(data.model.n_vocabulary) +
      " terms in the vocabulary, " + format(data.model.n_tokens) + " tokens.";
    drawMap();
    select(state.topic);
  }

  setup();
}());
