// The organisation view (`/?org=ID`, no country): the organisation's names, country, type and
// partner organisations above its timeline (the page's own list, chart and axis, filtered as on a
// country's view); and, on a country's view, that country's organisations, loaded when opened.
// The server renders the same first view (services/query/web_page/org_page.py, org.html).
import {addressFor, FILTERS, readAddress} from "./address.js";
import {api, enc} from "./api.js";
import {$, el} from "./dom.js";
import {t} from "./i18n.js";
import {countryName, state} from "./state.js";
import {sha256} from "./vendor/js-sha256/sha256.min.mjs";

// On the organisation's view, `org` is the subject of the view, not one of its filters.
export const ORG_FILTERS = FILTERS.filter(k => k !== "org");
const LIST_LIMIT = 50;
const FIRST_PARTNERS = 10;  // partners shown at once; the rest fold under "show all" (org_page.py)
// Python's str.split() white space, so that a name splits here as the service splits it.
const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
let texts = null;
const list = {key: null};  // which country's organisations #org-list holds

export async function loadOrgTexts(signal) {
  if (!texts) {
    const r = await fetch("/static/texts-org.json", {signal});
    if (!r.ok) throw new Error(`/static/texts-org.json: HTTP ${r.status}`);
    texts = await r.json();
  }
}

const ot = () => texts[state.lang];
const typeLabel = type => ot()[`type_${type}`] || type;

// A participant's organisation: its `org`, or the id the service derives from its country and
// exact name (white space collapsed, NFC): name:<cc>:<the first 16 hex digits of its SHA-256>.
export function orgOf(p) {
  if (p.org) return p.org;
  const name = p.name.normalize("NFC").split(SPACE).filter(Boolean).join(" ");
  return `name:${p.country.toLowerCase()}:${sha256(name).slice(0, 16)}`;
}

// The address of an organisation's view, at the point (as_of / release) the page shows.
export function orgAddress(org) {
  const sel = readAddress();
  return addressFor({lang: sel.lang, org, as_of: sel.as_of, release: sel.release});
}

export const orgTimelinePath = org => `/v1/organisations/${enc(org)}/timeline`;

export function orgInfo(sel, asOf, signal) {
  return api(`/v1/organisations/${enc(sel.org)}?${asOf}`, signal);
}

function shown(o) {
  if (state.lang === "en" && o.name_en) return [o.name_en, o.name !== o.name_en ? o.name : null];
  return [o.name, o.name_en && o.name_en !== o.name ? o.name_en : null];
}

export const orgName = info => shown(info)[0];
export const orgSummary = info => [countryName(info.country), typeLabel(info.type)];

function orgItem(o) {
  const [primary, secondary] = shown(o);
  return el("li", {class: "org-partner", "data-org": o.org},
    el("abbr", {class: "cc", title: countryName(o.country)}, o.country), " ",
    el("a", {class: "org-link", href: orgAddress(o.org)}, primary),
    secondary && " ", secondary && el("span", {class: "party-alt"}, secondary),
    " ", el("span", {class: "org-count"}, t().events(o.events)));
}

function fact(label, ...value) {
  return el("div", {}, el("dt", {}, label), el("dd", {}, ...value));
}

export function renderOrgView(info) {
  const w = ot();
  const sel = readAddress();
  const box = $("org-view");
  const partners = info.partners;
  box.setAttribute("aria-label", w.org_label);
  box.replaceChildren(
    el("dl", {class: "org-facts"},
      fact(w.org_country, el("abbr", {class: "cc", title: countryName(info.country)}, info.country), " ",
        el("a", {id: "org-country", href: addressFor({lang: sel.lang, country: info.country, as_of: sel.as_of, release: sel.release})},
          countryName(info.country))),
      fact(w.org_type, el("span", {id: "org-type"}, typeLabel(info.type))),
      fact(w.org_names, el("ul", {id: "org-names", class: "org-names"}, ...info.names.map(n => el("li", {}, n)))),
      fact(w.org_id, el("code", {id: "org-id"}, info.org), " ", el("a", {id: "org-api", href: `/v1/organisations/${enc(info.org)}`}, "JSON API"))),
    // replaceChildren, unlike el(), would write a `false` out as text
    ...(info.org.startsWith("name:") ? [el("p", {id: "org-derived", class: "muted small"}, w.org_derived)] : []),
    el("details", {id: "org-partners-box", class: "org-partners-box", open: true},
      el("summary", {id: "org-partners-heading"}, w.org_partners, " ", el("span", {class: "year-count"}, partners.length)),
      el("p", {class: "muted small"}, partners.length ? w.org_partners_note : w.org_no_partners),
      el("ul", {id: "org-partners", class: "org-partners"}, ...partners.slice(0, FIRST_PARTNERS).map(orgItem)),
      partners.length > FIRST_PARTNERS && el("details", {class: "org-more"},
        el("summary", {}, `${w.org_partners_all} (${partners.length})`),
        el("ul", {class: "org-partners"}, ...partners.slice(FIRST_PARTNERS).map(orgItem)))));
  box.hidden = false;
}

// A country's organisations: offered on a country's view, read when the reader opens the list.
export function showOrgList(sel, asOf) {
  const box = $("org-list");
  const w = ot();
  $("org-list-heading").textContent = w.org_list;
  $("org-list-note").textContent = w.org_list_note;
  box.hidden = !sel.country;
  $("org-view").hidden = Boolean(sel.country) || !sel.org;
  if (!sel.country) return;
  const key = `/v1/organisations?${new URLSearchParams({country: sel.country, limit: String(LIST_LIMIT + 1), ...Object.fromEntries(asOf)})}`;
  box.dataset.source = key;
  if (list.key !== `${key}|${state.lang}`) {
    list.key = null;
    $("org-list-items").replaceChildren();
    box.dataset.loaded = "false";
  }
  if (box.open) loadOrgList();
}

async function loadOrgList() {
  const box = $("org-list");
  const key = box.dataset.source;
  const mark = `${key}|${state.lang}`;
  if (!key || list.key === mark) return;
  list.key = mark;
  try {
    const page = await api(key);
    if (box.dataset.source !== key) return;  // the view changed meanwhile
    const items = page.items.slice(0, LIST_LIMIT).map(orgItem);
    if (page.items.length > LIST_LIMIT) {
      items.push(el("li", {class: "org-more muted small"}, el("a", {href: key.replace(`limit=${LIST_LIMIT + 1}`, "limit=1000")}, ot().org_list_more)));
    }
    $("org-list-items").replaceChildren(...items);
    box.dataset.loaded = "true";
  } catch (e) {
    list.key = null;
    $("org-list-items").replaceChildren(el("li", {class: "muted small"}, t().err_other ? t().err_other(e.message) : String(e)));
  }
}

export function hideOrgParts() {
  $("org-view").hidden = true;
  $("org-list").hidden = true;
}

// Following an organisation's link is a step in the history like any other view change.
export function wireOrg(open) {
  $("org-list").addEventListener("toggle", () => { if ($("org-list").open) loadOrgList(); });
  document.addEventListener("click", ev => {
    const a = ev.target.closest && ev.target.closest("a.party-name, a.org-link, a#org-country");
    if (!a || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || ev.button !== 0) return;
    ev.preventDefault();
    open(a.getAttribute("href"));
  });
}
