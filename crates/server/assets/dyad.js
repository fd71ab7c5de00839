// dyad dashboard: draws the charts a page describes (JSON in <script id="charts">) with
// uPlot, and lists a period's events when a point, or a row of a table, is clicked.
// No inline script, no third-party requests: everything comes from this server.
(function () {
  'use strict';

  var panel = document.getElementById('evidence');

  // Loads an HTML fragment of events (escaped by the server) into the evidence panel.
  function showEvidence(url) {
    if (!panel) { return; }
    panel.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' } })
      .then(function (r) {
        return r.text().then(function (t) {
          if (!r.ok) { throw new Error('HTTP ' + r.status); }
          return t;
        });
      })
      .then(function (html) {
        panel.innerHTML = html;
        panel.removeAttribute('aria-busy');
        panel.dataset.loaded = url;
        panel.scrollIntoView({ block: 'nearest' });
      })
      .catch(function (e) {
        panel.removeAttribute('aria-busy');
        panel.textContent = 'Could not load the events (' + e.message + ').';
      });
  }

  // Table links carry the fragment URL; without script they load the page with ?period=.
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[data-evidence]') : null;
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
    ev.preventDefault();
    showEvidence(a.getAttribute('data-evidence'));
  });

  var specEl = document.getElementById('charts');
  if (!specEl || typeof uPlot === 'undefined') { return; }
  var spec = JSON.parse(specEl.textContent);
  var charts = {};
  window.dyadCharts = charts;

  function day(ts) { return new Date(ts * 1000).toISOString().slice(0, 10); }

  spec.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el) { return; }
    var data = [c.x].concat(c.series.map(function (s) { return s.values; }));
    // Counts start at 0 and show at least 0..1; fixed ranges (Goldstein) stay fixed.
    var yScale = c.y_range
      ? { range: c.y_range }
      : { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } };
    var pad = c.x_pad || 0;
    var opts = {
      width: Math.max(320, el.clientWidth || 900),
      height: 240,
      scales: {
        x: { time: true },
        y: yScale
      },
      series: [{
        label: 'period',
        value: function (u, v, si, i) { return i == null ? '' : c.periods[i] || day(v); }
      }].concat(c.series.map(function (s) {
        return {
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          // Dots while they can be told apart (a lone week must show); uPlot's own choice
          // beyond that.
          points: c.x.length <= 150 ? { show: true, size: 6, fill: s.color } : {}
        };
      })),
      // Counts are whole numbers: no 0.2 ticks.
      // Dates only: ticks a day apart or more (uPlot takes 30-day steps as months).
      axes: [{ incrs: [86400, 172800, 604800, 1209600, 2592000, 7776000, 15552000, 31536000, 63072000, 157680000] }, c.y_range
        ? { label: c.y_label, size: 60 }
        : { label: c.y_label, size: 60, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] }],
      legend: { show: true },
      // No drag-to-zoom; and a click that moved a pixel is still a click (uPlot swallows
      // clicks it takes for drags).
      cursor: { drag: { x: false, y: false, click: function () {} } }
    };
    var u = new uPlot(opts, data, el);
    charts[c.id] = u;
    if (c.x.length > 0) {
      // Half a period of margin each side: a lone point is not drawn on the frame, and the
      // axis spans the data rather than uPlot's guess for a single value.
      u.setScale('x', { min: c.x[0] - pad, max: c.x[c.x.length - 1] + pad });
    }
    el.dataset.points = String(c.x.length);
    if (c.click) {
      u.over.classList.add('clickable');
      u.over.title = 'Click to list the events of this period';
      u.over.addEventListener('click', function () {
        var i = u.cursor.idx;
        if (i == null || c.periods[i] == null) { return; }
        showEvidence(c.click + '&period=' + encodeURIComponent(c.periods[i]));
      });
    }
  });

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Object.keys(charts).forEach(function (id) {
        var el = document.getElementById(id);
        if (el) { charts[id].setSize({ width: Math.max(320, el.clientWidth), height: 240 }); }
      });
    }, 150);
  });
})();
