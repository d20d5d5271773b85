// The list: events grouped by the year they start, and the undated ones (open start, `../B`,
// start null) in a group of their own after the dated years, never under a guessed year.
import {humanDate} from "./dates.js";
import {$, el, safeUrl} from "./dom.js";
import {t} from "./i18n.js";
import {orgAddress, orgOf} from "./org.js";
import {countryName, kindLabel, sectorLabel, state, titleOf} from "./state.js";

export function groups(items) {
  const years = new Map();
  const undated = [];
  for (const it of items) {
    if (!it.start) { undated.push(it); continue; }
    const y = it.start.slice(0, 4);
    if (!years.has(y)) years.set(y, []);
    years.get(y).push(it);
  }
  return {years, undated};
}

// "before B": the latest B among the group's events (each `end` is B's last day).
export function undatedYear(undated) {
  return undated.map(it => (it.end || it.date.split("/").pop()).slice(0, 4)).sort().pop();
}

function badge(cls, text, title) {
  return el("span", {class: `badge ${cls}`, title}, text);
}

function badges(it) {
  const tx = t();
  return [
    it.status !== "occurred" && badge(it.status, tx[it.status] || it.status),
    it.uncertain && badge("uncertain", tx.uncertain, tx.uncertain_title),
    it.approximate && badge("approximate", tx.approximate, tx.approximate_title),
    it.corrected && badge("corrected", tx.corrected, tx.corrected_title(it.version)),
  ].filter(Boolean);
}

// Every participant's name links to its organisation's view (by `p.org`, or the derived id).
function party(p) {
  const primary = state.lang === "en" && p.name_en ? p.name_en : p.name;
  const secondary = state.lang === "en" ? (p.name_en && p.name_en !== p.name ? p.name : null) : p.name_en;
  // spaces between the parts, as the server writes them: text (a crawler, a copy) reads right too
  return el("li", {class: "party"},
    el("abbr", {class: "cc", title: countryName(p.country)}, p.country), " ",
    el("a", {class: "party-name", href: orgAddress(orgOf(p))}, primary),
    secondary && " ", secondary && el("span", {class: "party-alt"}, secondary));
}

function source(s) {
  const url = s.url ? safeUrl(s.url) : null;
  const label = s.title || s.publisher || s.url;
  const li = el("li", {class: "source"});
  li.append(url ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, label) : el("span", {class: "source-title"}, label));
  const rest = [s.title && s.publisher, s.published, s.url && !url && s.url !== label && s.url].filter(Boolean);
  if (rest.length) li.append(el("span", {class: "source-meta"}, rest.join(" · ")));
  return li;
}

function eventItem(it) {
  const tx = t();
  const title = titleOf(it);
  const li = el("li", {class: `event kind-${it.kind} status-${it.status}`, "data-id": it.id, id: `event-${it.id}`});
  const when = el("div", {class: "when"},
    el("time", {datetime: it.start || undefined, class: "human-date"}, humanDate(it.date)),
    el("code", {class: "edtf", title: tx.edtf_title}, it.date),
    el("span", {class: "recorded", title: tx.position(it.position)}, `${tx.recorded} #${it.position}`));
  const meta = el("div", {class: "meta"}, el("span", {class: "kind"}, kindLabel(it.kind)), ...badges(it));
  const body = el("div", {class: "body"}, meta, el("h4", {class: "title", lang: title.lang}, title.text));
  if (it.summary) {
    const p = el("p", {class: "summary-text clamped", lang: it.lang}, it.summary);
    const more = el("button", {type: "button", class: "more", "aria-expanded": "false", hidden: true}, tx.more);
    more.addEventListener("click", () => {
      const open = p.classList.toggle("clamped") === false;
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? t().less : t().more;
    });
    body.append(p, more);
  }
  if (it.participants.length) {
    body.append(el("div", {class: "row"}, el("span", {class: "row-label"}, tx.parties),
      el("ul", {class: "parties"}, ...it.participants.map(party))));
  }
  if (it.sectors.length) {
    body.append(el("ul", {class: "chips"}, ...it.sectors.map(s => el("li", {class: "chip", "data-sector": s}, sectorLabel(s)))));
  }
  if (it.sources.length) {
    body.append(el("div", {class: "row"}, el("span", {class: "row-label"}, tx.sources),
      el("ul", {class: "sources"}, ...it.sources.map(source))));
  }
  li.append(when, body);
  return li;
}

function section(key, heading, group, note) {
  return el("section", {class: `year${key === "undated" ? " undated" : ""}`, "data-group": key, "aria-label": heading},
    el("h3", {class: "year-heading"}, heading, el("span", {class: "year-count"}, t().events(group.length))),
    note && el("p", {class: "group-note muted small"}, note),
    el("ol", {class: "events"}, ...group.map(eventItem)));
}

export function renderTimeline(items) {
  const box = $("timeline");
  const {years, undated} = groups(items);
  const sections = [...years].map(([year, group]) => section(year, year, group));
  if (undated.length) sections.push(section("undated", t().undated(undatedYear(undated)), undated, t().undated_note));
  box.replaceChildren(...sections);
  // Offer "more" only where the summary is actually cut (needs layout, hence after insertion).
  for (const p of box.querySelectorAll(".summary-text.clamped")) {
    if (p.scrollHeight > p.clientHeight + 2) p.nextElementSibling.hidden = false;
  }
}
