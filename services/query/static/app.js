// Coopline web page. The selection lives in the address (/?country=BY&partner=KR&lang=en);
// everything shown comes from the public read API of this service. Records are untrusted text:
// the DOM is built with createElement/textContent only (data is never parsed as HTML), and a
// source URL becomes a link only if it is http(s).
"use strict";

const TEXT = {
  ko: {
    tagline: "국제 과학기술 협력 타임라인",
    skip: "본문으로 건너뛰기",
    home_heading: "국제 과학기술 협력 타임라인",
    home_intro: "국가를 고르면 그 나라가 참여한 협력 사건(협정 체결, 방문, 포럼, 공동 프로젝트 등)을 시간순으로 보여 줍니다. 상대국도 고르면 두 나라가 함께한 사건만 보입니다.",
    countries_heading: "기록된 국가",
    country: "국가", partner: "상대국", choose_country: "국가를 고르세요", all_partners: "전체",
    swap: "국가와 상대국 바꾸기", export: "내보내기",
    timeline: "타임라인", sectors: "분야별 사건 수", kinds: "사건 종류",
    footer: "데이터는 이 조회 서비스의 읽기 API에서 옵니다.", api_docs: "API 문서",
    events: n => `사건 ${n}건`,
    years: (a, b) => a === b ? `${a}년` : `${a}–${b}년`,
    status_counts: (p, c) => [p && `예정 ${p}건`, c && `취소 ${c}건`].filter(Boolean).join(", ") + " 포함",
    parties: "참여", sources: "출처", more: "더 보기", less: "접기",
    edtf_title: "기록된 날짜 (EDTF)",
    uncertain: "? 불확실", approximate: "~ 대략", planned: "예정", cancelled: "취소", corrected: "정정됨",
    uncertain_title: "날짜가 불확실함", approximate_title: "날짜가 대략적임",
    corrected_title: v => `정정된 기록 (버전 ${v})`,
    chart_note: n => `실제로 진행된 사건 ${n}건 기준입니다. 예정·취소된 사건은 빠지고, 한 사건이 여러 분야에 들 수 있습니다.`,
    chart_empty: "분야가 지정된 진행 사건이 없습니다.",
    chart_label: "분야별 사건 수 막대그래프",
    empty: "이 선택에 기록된 사건이 없습니다. 다른 국가나 상대국을 골라 보세요.",
    no_data: "아직 기록된 사건이 없습니다. `make run`을 실행하면 시드 데이터가 들어옵니다.",
    loading: "불러오는 중…",
    err_unreachable: "조회 서비스에 연결할 수 없습니다. 서비스가 실행 중인지 확인한 뒤 다시 시도하세요.",
    err_auth: "이 서비스는 읽기에도 토큰을 요구하도록 설정되어 있어 웹 페이지가 데이터를 읽을 수 없습니다.",
    err_busy: "서비스가 아직 데이터를 따라잡는 중입니다. 잠시 후 다시 시도하세요.",
    err_other: d => `요청을 처리하지 못했습니다: ${d}`,
    retry: "다시 시도",
    date: {onwards: s => `${s} 이후`, until: s => `${s} 이전`, approx: s => `${s}경`, decade: y => `${y}년대`,
           century: y => `${y}–${+y + 99}년`, year: y => `${y}년`},
  },
  en: {
    tagline: "International S&T cooperation timelines",
    skip: "Skip to content",
    home_heading: "International S&T cooperation timelines",
    home_intro: "Choose a country to see the cooperation events it took part in — agreements, visits, forums, joint projects — in date order. Choose a partner too to see only the events the two countries share.",
    countries_heading: "Countries on record",
    country: "Country", partner: "Partner", choose_country: "Choose a country", all_partners: "All",
    swap: "Swap country and partner", export: "Export",
    timeline: "Timeline", sectors: "Events by sector", kinds: "Kinds of event",
    footer: "Data comes from this query service's read API.", api_docs: "API docs",
    events: n => `${n} event${n === 1 ? "" : "s"}`,
    years: (a, b) => a === b ? `${a}` : `${a}–${b}`,
    status_counts: (p, c) => "including " + [p && `${p} planned`, c && `${c} cancelled`].filter(Boolean).join(", "),
    parties: "Parties", sources: "Sources", more: "More", less: "Less",
    edtf_title: "Date as recorded (EDTF)",
    uncertain: "? uncertain", approximate: "~ approximate", planned: "planned", cancelled: "cancelled", corrected: "corrected",
    uncertain_title: "The date is uncertain", approximate_title: "The date is approximate",
    corrected_title: v => `Corrected record (version ${v})`,
    chart_note: n => `Based on the ${n} event${n === 1 ? "" : "s"} that took place: planned and cancelled events are left out, and one event can count in several sectors.`,
    chart_empty: "No event that took place has a sector.",
    chart_label: "Bar chart of events by sector",
    empty: "No events are recorded for this selection. Try another country or partner.",
    no_data: "No events are recorded yet. `make run` loads the seed data.",
    loading: "Loading…",
    err_unreachable: "Cannot reach the query service. Check that it is running, then try again.",
    err_auth: "This service is configured to require a token for reads, so the web page cannot read its data.",
    err_busy: "The service is still catching up with the event log. Try again in a moment.",
    err_other: d => `The request failed: ${d}`,
    retry: "Try again",
    date: {onwards: s => `${s} onwards`, until: s => `until ${s}`, approx: s => `c. ${s}`, decade: y => `the ${y}s`,
           century: y => `${y}–${+y + 99}`, year: y => y},
  },
};

const SVG_NS = "http://www.w3.org/2000/svg";
const $ = id => document.getElementById(id);
const state = {lang: "ko", vocab: null, names: new Map(), kinds: new Map(), run: 0, controller: null};
const t = () => TEXT[state.lang];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

// --- the address -------------------------------------------------------------------------
function readAddress() {
  const q = new URLSearchParams(location.search);
  const code = v => (v || "").trim().toUpperCase();
  const country = code(q.get("country"));
  const partner = code(q.get("partner"));
  return {lang: q.get("lang") === "en" ? "en" : "ko", country, partner: partner === country ? "" : partner};
}

function addressFor(sel) {
  const q = new URLSearchParams();
  if (sel.country) q.set("country", sel.country);
  if (sel.country && sel.partner) q.set("partner", sel.partner);
  if (sel.lang !== "ko") q.set("lang", sel.lang);
  const s = q.toString();
  return "/" + (s ? "?" + s : "");
}

function navigate(sel) {
  const url = addressFor(sel);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  render();
}

// --- the API -------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function api(path, signal) {
  let r;
  try {
    r = await fetch(path, {headers: {Accept: "application/json"}, signal});
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, String(e.message || e));
  }
  if (!r.ok) {
    let detail = `HTTP ${r.status}`;
    try { const p = await r.json(); detail = p.detail || p.title || detail; } catch (_) { /* not JSON */ }
    throw new ApiError(r.status, detail);
  }
  try { return await r.json(); } catch (_) { throw new ApiError(r.status, "the answer was not JSON"); }
}

const enc = encodeURIComponent;

function selectionQuery(sel, extra) {
  const q = new URLSearchParams(extra || {});
  if (sel.partner) q.set("partner", sel.partner);
  return q;
}

async function allTimeline(sel, signal) {
  const items = [];
  let cursor = null;
  do {  // follow next_cursor, so a long timeline is never cut at one page
    const q = selectionQuery(sel, {limit: "1000"});
    if (cursor) q.set("cursor", cursor);
    const page = await api(`/v1/countries/${enc(sel.country)}/timeline?${q}`, signal);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

async function vocabulary(signal) {
  if (!state.vocab) {
    const v = await api("/v1/vocabulary", signal);
    for (const c of v.countries) state.names.set(c.code, c);
    for (const k of v.kinds) state.kinds.set(k.kind, k);
    state.vocab = v;
  }
  return state.vocab;
}

function countryName(code) {
  const c = state.names.get(code);
  return c ? (state.lang === "ko" ? c.name_ko : c.name_en) : code;
}

function kindLabel(kind) {
  const k = state.kinds.get(kind);
  return k ? (state.lang === "ko" ? k.label_ko : k.label_en) : kind;
}

// --- dates -------------------------------------------------------------------------------
const DATE_PART = /^(\d{2}[\dX]{2})(?:-([\dX]{2}))?(?:-([\dX]{2}))?([?~%])?$/;

function humanPart(text) {
  const m = DATE_PART.exec(text);
  const d = t().date;
  if (!m) return text;
  const [, y, mo, day, q] = m;
  const locale = state.lang === "ko" ? "ko-KR" : "en-GB";
  let out;
  if (y.endsWith("XX")) out = d.century(y.slice(0, 2) + "00");
  else if (y.endsWith("X")) out = d.decade(y.slice(0, 3) + "0");
  else if (!mo || mo.includes("X")) out = d.year(y);
  else if (!day || day.includes("X")) {
    out = new Intl.DateTimeFormat(locale, {year: "numeric", month: "long", timeZone: "UTC"}).format(Date.UTC(+y, +mo - 1, 1));
  } else {
    out = new Intl.DateTimeFormat(locale, {year: "numeric", month: "long", day: "numeric", timeZone: "UTC"})
      .format(Date.UTC(+y, +mo - 1, +day));
  }
  return q === "~" || q === "%" ? d.approx(out) : out;  // uncertainty is shown by its badge
}

function humanDate(edtf) {
  const [a, b] = edtf.split("/");
  const d = t().date;
  if (b === undefined) return humanPart(a);
  if (b === ".." || b === "") return d.onwards(humanPart(a));
  if (a === ".." || a === "") return d.until(humanPart(b));
  return `${humanPart(a)} – ${humanPart(b)}`;
}

// --- rendering -----------------------------------------------------------------------------
function applyStaticText() {
  const tx = t();
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const v = tx[node.dataset.i18n];
    if (typeof v === "string") node.textContent = v;
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", tx[node.dataset.i18nLabel]);
    node.title = tx[node.dataset.i18nLabel];
  }
  for (const b of document.querySelectorAll(".lang-toggle button")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  }
}

function showNotice(kind, message, retry) {
  const box = $("notice");
  box.replaceChildren(el("p", {}, message));
  box.className = `notice ${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  if (retry) {
    const b = el("button", {type: "button", class: "retry"}, t().retry);
    b.addEventListener("click", () => render());
    box.append(b);
  }
  box.hidden = false;
}

function hideNotice() { $("notice").hidden = true; }

function byName(a, b) { return countryName(a.code).localeCompare(countryName(b.code), state.lang); }

function fillCountries(countries, sel) {
  const select = $("country");
  const opts = [el("option", {value: ""}, t().choose_country)];
  const list = [...countries].sort(byName);
  if (sel.country && !list.some(c => c.code === sel.country)) list.unshift({code: sel.country, events: 0});
  for (const c of list) {
    opts.push(el("option", {value: c.code, selected: c.code === sel.country}, `${countryName(c.code)} (${c.events})`));
  }
  select.replaceChildren(...opts);
  select.value = sel.country;
}

function fillPartners(partners, total, sel) {
  const select = $("partner");
  const opts = [el("option", {value: ""}, `${t().all_partners}${total === null ? "" : ` (${total})`}`)];
  const list = [...partners].sort(byName);
  if (sel.partner && !list.some(p => p.code === sel.partner)) list.unshift({code: sel.partner, events: 0});
  for (const p of list) {
    opts.push(el("option", {value: p.code, selected: p.code === sel.partner}, `${countryName(p.code)} (${p.events})`));
  }
  select.replaceChildren(...opts);
  select.value = sel.partner;
  select.disabled = !sel.country;
  $("swap").disabled = !(sel.country && sel.partner);
}

function renderExports(sel) {
  const base = `/v1/countries/${enc(sel.country)}/timeline`;
  $("export-csv").href = `${base}?${selectionQuery(sel, {format: "csv"})}`;
  $("export-tjs").href = `${base}?${selectionQuery(sel, {format: "timelinejs", lang: state.lang})}`;  // in the view's language
  $("export-json").href = `${base}?${selectionQuery(sel, {limit: "1000"})}`;
  $("exports").hidden = false;
}

function renderHeading(sel, summary, items) {
  const tx = t();
  const title = sel.partner ? `${countryName(sel.country)} – ${countryName(sel.partner)}` : countryName(sel.country);
  $("page-heading").textContent = title;
  document.title = `${title} · Coopline`;
  const parts = [];
  parts.push(tx.events(items.length));
  if (summary && summary.first) parts.push(tx.years(summary.first.slice(0, 4), summary.last.slice(0, 4)));
  const planned = items.filter(i => i.status === "planned").length;
  const cancelled = items.filter(i => i.status === "cancelled").length;
  if (planned || cancelled) parts.push(tx.status_counts(planned, cancelled));
  $("page-summary").textContent = parts.join(" · ");
}

function badge(cls, text, title) {
  return el("span", {class: `badge ${cls}`, title}, text);
}

function badges(it) {
  const tx = t();
  return [
    it.status === "planned" && badge("planned", tx.planned),
    it.status === "cancelled" && badge("cancelled", tx.cancelled),
    it.uncertain && badge("uncertain", tx.uncertain, tx.uncertain_title),
    it.approximate && badge("approximate", tx.approximate, tx.approximate_title),
    it.corrected && badge("corrected", tx.corrected, tx.corrected_title(it.version)),
  ].filter(Boolean);
}

function safeUrl(raw) {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (_) {
    return null;
  }
}

function party(p) {
  const primary = state.lang === "en" && p.name_en ? p.name_en : p.name;
  const secondary = state.lang === "en" ? (p.name_en && p.name_en !== p.name ? p.name : null) : p.name_en;
  return el("li", {class: "party"},
    el("abbr", {class: "cc", title: countryName(p.country)}, p.country),
    el("span", {class: "party-name"}, primary),
    secondary && el("span", {class: "party-alt"}, secondary));
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
  const li = el("li", {class: `event kind-${it.kind} status-${it.status}`, "data-id": it.id});
  const when = el("div", {class: "when"},
    el("time", {datetime: it.start, class: "human-date"}, humanDate(it.date)),
    el("code", {class: "edtf", title: tx.edtf_title}, it.date));
  const meta = el("div", {class: "meta"}, el("span", {class: "kind"}, kindLabel(it.kind)), ...badges(it));
  const body = el("div", {class: "body"}, meta, el("h4", {class: "title", lang: it.lang}, it.title));
  if (it.summary) {
    const p = el("p", {class: "summary-text clamped", lang: it.lang}, it.summary);
    body.append(p);
    const more = el("button", {type: "button", class: "more", "aria-expanded": "false", hidden: true}, tx.more);
    more.addEventListener("click", () => {
      const open = p.classList.toggle("clamped") === false;
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? t().less : t().more;
    });
    body.append(more);
  }
  if (it.participants.length) {
    body.append(el("div", {class: "row"}, el("span", {class: "row-label"}, tx.parties),
      el("ul", {class: "parties"}, ...it.participants.map(party))));
  }
  if (it.sectors.length) {
    body.append(el("ul", {class: "chips"}, ...it.sectors.map(s => {
      const v = state.vocab.sectors.find(x => x.sector === s);
      return el("li", {class: "chip", "data-sector": s}, v ? (state.lang === "ko" ? v.label_ko : v.label_en) : s);
    })));
  }
  if (it.sources.length) {
    body.append(el("div", {class: "row"}, el("span", {class: "row-label"}, tx.sources),
      el("ul", {class: "sources"}, ...it.sources.map(source))));
  }
  li.append(when, body);
  return li;
}

function renderTimeline(items) {
  const box = $("timeline");
  const years = new Map();
  for (const it of items) {
    const y = it.start.slice(0, 4);
    if (!years.has(y)) years.set(y, []);
    years.get(y).push(it);
  }
  const sections = [];
  for (const [year, group] of years) {
    sections.push(el("section", {class: "year", "aria-label": year},
      el("h3", {class: "year-heading"}, year, el("span", {class: "year-count"}, t().events(group.length))),
      el("ol", {class: "events"}, ...group.map(eventItem))));
  }
  box.replaceChildren(...sections);
  // Offer "more" only where the summary is actually cut (needs layout, hence after insertion).
  for (const p of box.querySelectorAll(".summary-text.clamped")) {
    if (p.scrollHeight > p.clientHeight + 2) p.nextElementSibling.hidden = false;
  }
}

function renderChart(body) {
  const tx = t();
  $("chart-note").textContent = tx.chart_note(body.total_events);
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

function renderKinds(items) {
  const counts = new Map();
  for (const it of items) counts.set(it.kind, (counts.get(it.kind) || 0) + 1);
  const rows = [...state.kinds.keys()].filter(k => counts.has(k)).map(k =>
    el("li", {class: `kind-${k}`, "data-kind": k}, el("span", {class: "legend-dot", "aria-hidden": "true"}),
       el("span", {}, kindLabel(k)), el("span", {class: "legend-count"}, counts.get(k))));
  $("kinds").replaceChildren(...rows);
}

function renderHome(countries) {
  const tx = t();
  $("page-heading").textContent = tx.home_heading;
  $("page-summary").textContent = tx.home_intro;
  document.title = "Coopline";
  $("exports").hidden = true;
  $("results").hidden = true;
  const cards = [...countries].sort((a, b) => b.events - a.events || byName(a, b)).map(c => {
    const a = el("a", {href: addressFor({...readAddress(), country: c.code}), "data-code": c.code},
      el("span", {class: "card-name"}, countryName(c.code)),
      el("span", {class: "card-meta"}, `${tx.events(c.events)} · ${tx.years(c.first.slice(0, 4), c.last.slice(0, 4))}`));
    a.addEventListener("click", ev => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      navigate({...readAddress(), country: c.code, partner: ""});
    });
    return el("li", {}, a);
  });
  $("country-cards").replaceChildren(...cards);
  $("home").hidden = countries.length === 0;
  if (!countries.length) showNotice("info", tx.no_data);
}

function showError(e) {
  const tx = t();
  const msg = e.status === 0 ? tx.err_unreachable
    : e.status === 401 || e.status === 403 ? tx.err_auth
    : e.status === 503 ? tx.err_busy
    : tx.err_other(e.message);
  showNotice("error", msg, true);
  $("results").hidden = true;
  $("home").hidden = true;
}

async function render() {
  const sel = readAddress();
  const canonical = addressFor(sel);  // e.g. ?country=by → ?country=BY, so shared links agree
  if (canonical !== location.pathname + location.search) history.replaceState(null, "", canonical);
  const run = ++state.run;
  if (state.controller) state.controller.abort();
  const controller = (state.controller = new AbortController());
  const signal = controller.signal;
  state.lang = sel.lang;
  applyStaticText();
  document.body.setAttribute("aria-busy", "true");
  document.body.dataset.ready = "false";
  const slow = setTimeout(() => { if (run === state.run) showNotice("loading", t().loading); }, 300);
  try {
    await vocabulary(signal);
    const countries = await api("/v1/countries", signal);
    if (run !== state.run) return;
    fillCountries(countries, sel);
    if (!sel.country) {
      fillPartners([], null, sel);
      hideNotice();
      renderHome(countries);
      return;
    }
    const summaryQuery = selectionQuery(sel, {country: sel.country});
    const [partners, items, sectors] = await Promise.all([
      api(`/v1/countries/${enc(sel.country)}/partners`, signal),
      allTimeline(sel, signal),
      api(`/v1/sectors?${summaryQuery}`, signal),
    ]);
    if (run !== state.run) return;
    const own = countries.find(c => c.code === sel.country);
    fillPartners(partners, own ? own.events : 0, sel);
    renderHeading(sel, sel.partner ? partners.find(p => p.code === sel.partner) : own, items);
    renderExports(sel);
    $("home").hidden = true;
    $("results").hidden = false;
    renderChart(sectors);
    renderKinds(items);
    renderTimeline(items);
    if (items.length) hideNotice(); else showNotice("info", t().empty);
    $("results").classList.toggle("is-empty", items.length === 0);
  } catch (e) {
    if (e.name === "AbortError" || run !== state.run) return;
    showError(e);
  } finally {
    clearTimeout(slow);
    if (run === state.run) {
      document.body.removeAttribute("aria-busy");
      document.body.dataset.view = addressFor(sel);  // for tests and automation: which view is complete
      document.body.dataset.ready = "true";
    }
  }
}

function init() {
  $("country").addEventListener("change", ev => navigate({...readAddress(), country: ev.target.value, partner: ""}));
  $("partner").addEventListener("change", ev => navigate({...readAddress(), partner: ev.target.value}));
  $("swap").addEventListener("click", () => {
    const sel = readAddress();
    if (sel.partner) navigate({...sel, country: sel.partner, partner: sel.country});
  });
  for (const b of document.querySelectorAll(".lang-toggle button")) {
    b.addEventListener("click", () => navigate({...readAddress(), lang: b.dataset.lang}));
  }
  $("home-link").addEventListener("click", ev => {
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    navigate({lang: readAddress().lang, country: "", partner: ""});
  });
  $("picker").addEventListener("submit", ev => ev.preventDefault());
  window.addEventListener("popstate", () => render());
  render();
}

init();
