// The time-axis view beside the list: vis-timeline (vendored under vendor/vis-timeline, loaded by
// its own <script> as the global `vis`). Item content is a DOM node built with textContent, so a
// title never reaches vis-timeline as HTML. Undated events have no place on an axis: they are
// counted in a note and stay in the list's own group.
import {$, el} from "./dom.js";
import {t} from "./i18n.js";
import {state, titleOf} from "./state.js";

let current = null;

function dayAfter(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function label(opts) {
  const f = new Intl.DateTimeFormat(state.lang === "ko" ? "ko-KR" : "en-GB", {...opts, timeZone: "UTC"});
  return date => f.format(new Date(date.valueOf()));
}

function formats() {
  const year = label({year: "numeric"}), month = label({month: "short"}), yearMonth = label({year: "numeric", month: "long"});
  const day = label({day: "numeric"}), time = label({hour: "2-digit", minute: "2-digit"});
  const minor = {year, month, day, weekday: day};
  const major = {year: () => "", month: year, day: yearMonth, weekday: yearMonth};
  return {
    minorLabels: (date, scale) => (minor[scale] || time)(date),
    majorLabels: (date, scale) => (major[scale] || label({dateStyle: "medium"}))(date),
  };
}

function focusEvent(id) {
  const node = document.getElementById(`event-${id}`);
  if (!node) return;
  node.scrollIntoView({block: "center"});
  for (const other of document.querySelectorAll(".event.is-focused")) other.classList.remove("is-focused");
  node.classList.add("is-focused");
}

export function renderAxis(items) {
  if (current) { current.destroy(); current = null; }
  const dated = items.filter(it => it.start);
  const undated = items.length - dated.length;
  $("axis-note").textContent = undated ? t().axis_undated(undated) : "";
  $("axis-note").hidden = !undated;
  const vis = window.vis;
  $("axis-panel").hidden = !vis || !dated.length;
  if (!vis || !dated.length) return;
  const data = dated.map(it => {
    const title = titleOf(it);
    const span = Boolean(it.end) && it.end !== it.start;  // a month, a year or an interval
    return {id: it.id, start: it.start, end: span ? dayAfter(it.end) : undefined, type: span ? "range" : "point",
            content: el("span", {class: "axis-title", lang: title.lang}, title.text),
            className: `kind-${it.kind} status-${it.status}`};
  });
  current = new vis.Timeline($("axis"), data, {
    moment: date => window.moment(date).utc(),  // dates are days, not local times
    format: formats(), stack: true, maxHeight: 380, minHeight: 160, zoomMin: 1000 * 60 * 60 * 24 * 7,
    showTooltips: false, selectable: true, margin: {item: {horizontal: 4, vertical: 6}},
  });
  current.on("select", props => { if (props.items.length) focusEvent(props.items[0]); });
}
