// The sector chart and the legend of kinds, beside the timeline.
import {$, el, svg} from "./dom.js";
import {t} from "./i18n.js";
import {kindLabel, state} from "./state.js";

export function renderChart(body, status) {
  const tx = t();
  $("chart-note").textContent = tx.chart_note(body.total_events, status);
  const box = $("chart");
  if (!body.sectors.length) {
    box.replaceChildren(el("p", {class: "muted"}, tx.chart_empty));
    return;
  }
  const max = Math.max(...body.sectors.map(s => s.count));
  const rows = body.sectors.map(s => {
    const bar = svg("svg", {class: "bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false"});
    bar.append(svg("rect", {class: "bar-track", x: 0, y: 0, width: 100, height: 10}),
               svg("rect", {class: "bar-fill", x: 0, y: 0, width: (100 * s.count / max).toFixed(2), height: 10}));
    return el("li", {class: "bar-row", "data-sector": s.sector, "data-count": s.count},
      el("span", {class: "bar-label"}, state.lang === "ko" ? s.label_ko : s.label_en), bar,
      el("span", {class: "bar-count"}, s.count));
  });
  box.replaceChildren(el("ol", {class: "bars", "aria-label": tx.chart_label}, ...rows));
}

export function renderKinds(items) {
  const counts = new Map();
  for (const it of items) counts.set(it.kind, (counts.get(it.kind) || 0) + 1);
  const rows = [...state.kinds.keys()].filter(k => counts.has(k)).map(k =>
    el("li", {class: `kind-${k}`, "data-kind": k}, el("span", {class: "legend-dot", "aria-hidden": "true"}),
       el("span", {}, kindLabel(k)), el("span", {class: "legend-count"}, counts.get(k))));
  $("kinds").replaceChildren(...rows);
}
