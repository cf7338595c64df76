// Presentation mode's own script (kraftsamling/presentation.py puts it on the page once; no
// network, no library). Two things a slide tool does:
// 1. → / PageDown step forward, ← / PageUp step back: a click on the page's
//    Nästa / Föregående button (Streamlit keys "next" and "prev"), as a presenter's remote does.
// 2. Municipality names on the maps: MapLibre draws text only with glyph files from a server,
//    so the names are HTML labels laid over the map at the points the figure's hidden
//    "labels" trace gives (meta "kraftsamling-labels"), placed with the map's own projection
//    and kept in place when the map moves. A label that would cover a more important one
//    (earlier in the trace) is left out.
// 3. Step 1 needs no plotly (its map is an SVG image drawn on the server). Once that map is
//    painted, plotly's chunk (window.__kraftsamlingPlotlyChunk, set by presentation.script()) is
//    imported in the background from beside Streamlit's own index module (the root page only
//    preloads it: kraftsamling/webpage.py), so that steps 2 and 4 do not wait for it to run.
(function () {
  if (window.__kraftsamlingPresentation) return;
  window.__kraftsamlingPresentation = true;

  function presenting() {
    return new URLSearchParams(window.location.search).get("present") === "1";
  }

  document.addEventListener("keydown", function (event) {
    if (!presenting() || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) return;
    var key = null;
    if (event.key === "ArrowRight" || event.key === "PageDown") key = "next";
    if (event.key === "ArrowLeft" || event.key === "PageUp") key = "prev";
    if (!key) return;
    var button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  }, true);

  function labelsTrace(plot) {
    var data = plot.data || [];
    for (var i = 0; i < data.length; i++) {
      if (data[i].meta === "kraftsamling-labels") return data[i];
    }
    return null;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function place(plot) {
    var trace = labelsTrace(plot);
    var subplot = plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
    var map = subplot && subplot.map;
    if (!trace || !map) return;
    var container = map.getContainer();
    var layer = container.querySelector(".kraftsamling-labels");
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "kraftsamling-labels";
      layer.style.cssText = "position:absolute;inset:0;pointer-events:none;z-index:2;overflow:hidden;";
      container.appendChild(layer);
    }
    var key = JSON.stringify([trace.text, trace.lon, trace.lat]);
    if (layer.dataset.key !== key) {
      layer.innerHTML = "";
      for (var i = 0; i < trace.text.length; i++) {
        var label = document.createElement("span");
        label.className = "kraftsamling-label";
        label.textContent = trace.text[i];
        layer.appendChild(label);
      }
      layer.dataset.key = key;
    }
    var width = container.clientWidth, height = container.clientHeight;
    var placed = [];
    var labels = layer.children;
    for (var j = 0; j < labels.length; j++) {
      var point = map.project([trace.lon[j], trace.lat[j]]);
      var element = labels[j];
      element.style.display = "block";
      var w = element.offsetWidth, h = element.offsetHeight;
      var box = {left: point.x - w / 2, top: point.y - h / 2, right: point.x + w / 2, bottom: point.y + h / 2};
      var inside = box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;
      var free = placed.every(function (other) { return !overlaps(box, other); });
      if (inside && free) {
        element.style.left = box.left + "px";
        element.style.top = box.top + "px";
        placed.push(box);
      } else {
        element.style.display = "none";
      }
    }
  }

  // The whole region in view whatever the screen: the figure's meta.bounds, fitted to the map.
  function fit(plot, map) {
    var meta = plot.layout && plot.layout.meta;
    var b = meta && meta.bounds;
    if (!b || b.length !== 4) return;
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], {padding: 8, animate: false});
  }

  function watch() {
    if (!presenting()) return;
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      var subplot = plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
      var map = subplot && subplot.map;
      if (!map) return;
      if (map.__kraftsamlingLabels !== plot.data) {
        map.__kraftsamlingLabels = plot.data;
        if (!map.__kraftsamlingListening) {
          map.__kraftsamlingListening = true;
          map.on("move", function () { place(plot); });
          map.on("resize", function () { fit(plot, map); place(plot); });
        }
        fit(plot, map);
        place(plot);
      }
    });
  }

  function loadPlotlyLater() {
    var chunk = window.__kraftsamlingPlotlyChunk;
    if (window.__kraftsamlingPlotlyImport || !chunk || !presenting()) return;
    var img = document.querySelector(".st-key-present_map img");
    if (!img || !img.complete || !img.naturalWidth) return;
    var index = document.querySelector('script[type="module"][src*="/static/js/index."]');
    window.__kraftsamlingPlotlyImport = true;
    if (!index) return;
    var url = index.src.replace(/[^/]*$/, chunk);
    img.decode().catch(function () {}).then(function () {
      setTimeout(function () { import(url).catch(function () {}); }, 100);
    });
  }

  setInterval(function () { watch(); loadPlotlyLater(); }, 100);
})();
