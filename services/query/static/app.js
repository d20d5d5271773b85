// Coopline web page: the entry module. The server sends the first view as HTML (readable without
// JavaScript); this script takes over from there and renders every view from the public read
// API of this service. Records are untrusted text: the DOM is built with createElement and
// textContent only (data is never parsed as HTML), and a source URL becomes a link only if it is
// http(s).
import {addressFor, apiQuery, FILTERS, fromForm, readAddress} from "./address.js";
import {allTimeline, api, enc, vocabulary} from "./api.js";
import {renderAxis} from "./axis.js";
import {renderChart, renderKinds} from "./chart.js";
import {$, el} from "./dom.js";
import {renderTimeline} from "./events.js";
import {fillAsOf, fillFilters, wireFilters} from "./filters.js";
import {loadTexts, t} from "./i18n.js";
import {hideOrgParts, loadOrgTexts, ORG_FILTERS, orgInfo, orgName, orgSummary, orgTimelinePath, renderOrgView, showOrgList, wireOrg} from "./org.js";
import {fillPickers, renderHome} from "./pickers.js";
import {countryName, state} from "./state.js";

function navigate(sel) {
  const url = addressFor(sel);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  render();
}

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
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = tx[node.dataset.i18nPlaceholder];
  $("f-lang").value = state.lang;
}

function langLinks(sel) {
  for (const a of document.querySelectorAll(".lang-toggle a")) {
    a.href = addressFor({...sel, lang: a.dataset.lang});
    if (a.dataset.lang === sel.lang) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
  }
  $("nav-timeline").href = addressFor({lang: sel.lang});
  $("nav-drafts").href = sel.lang === "en" ? "/drafts?lang=en" : "/drafts";
}

// An address ending in #event-<id> (the drafts view links possible duplicates and new records
// so) shows that event: the list was rebuilt after the browser's own jump, so jump again.
function showLinkedEvent() {
  const id = decodeURIComponent(location.hash.slice(1));
  const node = id.startsWith("event-") ? document.getElementById(id) : null;
  if (!node) return;
  node.classList.add("is-focused");
  node.scrollIntoView({block: "center"});
}

function showNotice(kind, message, retry) {
  const box = $("notice");
  box.replaceChildren(el("p", {}, message));
  box.className = `notice ${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  if (retry) {
    const b = el("button", {type: "button", class: "retry"}, t().retry || "↻");
    b.addEventListener("click", () => render());
    box.append(b);
  }
  box.hidden = false;
}

function hideNotice() { $("notice").hidden = true; }

function renderExports(sel, base = `/v1/countries/${enc(sel.country)}/timeline`, only = FILTERS) {
  $("export-csv").href = `${base}?${apiQuery(sel, {format: "csv"}, only)}`;
  $("export-tjs").href = `${base}?${apiQuery(sel, {format: "timelinejs", lang: state.lang}, only)}`;  // in the view's language
  $("export-json").href = `${base}?${apiQuery(sel, {limit: "1000"}, only)}`;
  $("exports").hidden = false;
}

// The years the shown events span (the filters included), by the rule of the API's first/last:
// the earliest known start, the latest end (or start, when the end is open).
function span(items) {
  const starts = items.map(i => i.start).filter(Boolean).sort();
  const ends = items.map(i => i.end || i.start).filter(Boolean).sort();
  return starts.length ? [starts[0].slice(0, 4), ends[ends.length - 1].slice(0, 4)] : null;
}

function renderHeading(title, items, prefix = []) {
  const tx = t();
  $("page-heading").textContent = title;
  document.title = `${title} · Coopline`;
  const parts = [...prefix, tx.events(items.length)];
  const years = span(items);
  if (years) parts.push(tx.years(...years));
  const counts = ["planned", "postponed", "cancelled"].map(s => [s, items.filter(i => i.status === s).length]).filter(([, n]) => n);
  if (counts.length) parts.push(tx.status_counts(counts));
  $("page-summary").textContent = parts.join(" · ");
}

function showError(e) {
  const tx = t();
  const msg = e.status === 0 ? tx.err_unreachable
    : e.status === 401 || e.status === 403 ? tx.err_auth
    : e.status === 503 ? tx.err_busy
    : tx.err_other(e.message);
  showNotice("error", msg || e.message || String(e), true);
  $("results").hidden = true;
  $("home").hidden = true;
  hideOrgParts();
}

async function logHead(signal) {
  const rows = await api("/v1/projections", signal);
  return Math.max(0, ...rows.map(r => r.head || 0), ...rows.map(r => r.position || 0));
}

async function render() {
  const sel = readAddress();
  const canonical = addressFor(sel);  // e.g. ?country=by → ?country=BY, so shared links agree
  if (canonical !== location.pathname + location.search) history.replaceState(null, "", canonical);
  const run = ++state.run;
  if (state.controller) state.controller.abort();
  const controller = (state.controller = new AbortController());
  const signal = controller.signal;
  document.body.setAttribute("aria-busy", "true");
  document.body.dataset.ready = "false";
  const slow = setTimeout(() => { if (run === state.run && state.texts) showNotice("loading", t().loading); }, 300);
  try {
    await Promise.all([loadTexts(signal), loadOrgTexts(signal)]);
    state.lang = sel.lang;
    applyStaticText();
    langLinks(sel);
    await vocabulary(signal);
    fillFilters(sel);
    const asOf = apiQuery({}, {}, []);
    if (sel.as_of) asOf.set("as_of", sel.as_of);
    if (sel.release) asOf.set("release", sel.release);
    const [countries, head, releases] = await Promise.all([
      api(`/v1/countries?${asOf}`, signal), logHead(signal), api("/v1/releases", signal)]);
    if (run !== state.run) return;
    fillAsOf(sel, head, releases);
    const org = !sel.country && sel.org;  // an organisation's view (org.js)
    if (!sel.country && !org) {
      fillPickers(countries, [], null, sel);
      hideOrgParts();
      hideNotice();
      renderHome(countries, sel, navigate, showNotice);
      return;
    }
    const chartFilters = ["kind", "status", "from", "to", "match", "q", "as_of", "release"];
    const [partners, items, sectors, info] = await Promise.all([
      org ? [] : api(`/v1/countries/${enc(sel.country)}/partners?${asOf}`, signal),
      org ? allTimeline(sel, signal, orgTimelinePath(sel.org), ORG_FILTERS) : allTimeline(sel, signal),
      api(`/v1/sectors?${org ? apiQuery(sel, {}, ["org", ...chartFilters]) : apiQuery(sel, {country: sel.country}, chartFilters)}`, signal),
      org ? orgInfo(sel, asOf, signal) : null,
    ]);
    if (run !== state.run) return;
    const own = countries.find(c => c.code === sel.country);
    fillPickers(countries, partners, org ? null : own ? own.events : 0, sel);
    if (org) {
      renderHeading(orgName(info), items, orgSummary(info));
      renderOrgView(info);
      renderExports(sel, orgTimelinePath(sel.org), ORG_FILTERS);
    } else {
      renderHeading(sel.partner ? `${countryName(sel.country)} – ${countryName(sel.partner)}` : countryName(sel.country), items);
      renderExports(sel);
    }
    showOrgList(sel, asOf);
    $("home").hidden = true;
    $("results").hidden = false;
    $("chart-panel").hidden = false;
    $("server-note").hidden = true;
    renderChart(sectors, sel.status);
    renderKinds(items);
    renderTimeline(items);
    try {
      renderAxis(items);
    } catch (e) {  // the list stands on its own; a broken axis must not take it away
      $("axis-panel").hidden = true;
      console.error("time axis:", e);
    }
    if (items.length) hideNotice(); else showNotice("info", t().empty);
    $("results").classList.toggle("is-empty", items.length === 0);
    showLinkedEvent();  // after the axis: it moves the list down
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
  const go = changes => navigate({...readAddress(), ...changes});
  $("country").addEventListener("change", ev => go({country: ev.target.value, partner: ""}));
  $("partner").addEventListener("change", ev => go({partner: ev.target.value}));
  $("swap").addEventListener("click", () => {
    const sel = readAddress();
    if (sel.partner) navigate({...sel, country: sel.partner, partner: sel.country});
  });
  for (const a of document.querySelectorAll(".lang-toggle a")) {
    a.addEventListener("click", ev => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      go({lang: a.dataset.lang});
    });
  }
  $("home-link").addEventListener("click", ev => {
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    navigate({lang: readAddress().lang});
  });
  wireFilters(go);
  wireOrg(url => {
    if (url !== location.pathname + location.search) history.pushState(null, "", url);
    window.scrollTo(0, 0);
    render();
  });
  $("picker").addEventListener("submit", ev => { ev.preventDefault(); navigate(fromForm($("picker"))); });
  window.addEventListener("popstate", () => render());
  for (const node of document.querySelectorAll(".js-only")) node.hidden = false;
  for (const node of document.querySelectorAll(".no-js-only")) node.hidden = true;
  render();
}

init();
