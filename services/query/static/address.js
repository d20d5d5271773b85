// The selection lives in the address: /?country=BY&partner=KR&kind=signing&from=2019&as_of=120&lang=en
// (or release=2026-Q4 in place of as_of: a release is a named as_of).
// Filters carry the timeline API's own parameter names and values, so an address maps 1:1 to a
// query (and the server renders the same selection for a reader without JavaScript).
// `q` is the search field; `org` an organisation, set by following a participant's link
// (services/query/web_page/render.py has the twin). `as_of` and `release` stay last.
export const FILTERS = ["kind", "sector", "status", "from", "to", "match", "q", "org", "as_of", "release"];

function clean(sel) {
  const code = v => (v || "").trim().toUpperCase();
  const out = {lang: sel.lang === "en" ? "en" : "ko", country: code(sel.country), partner: code(sel.partner)};
  if (out.partner === out.country) out.partner = "";
  for (const k of FILTERS) out[k] = (sel[k] || "").trim();
  if (out.status === "all") out.status = "";  // timelines apply no status filter unless asked
  if (out.match === "overlap" || !(out.from || out.to)) out.match = "";  // overlap is the default
  return out;
}

export function readAddress() {
  return clean(Object.fromEntries(new URLSearchParams(location.search)));
}

export function fromForm(form) {
  return clean(Object.fromEntries(new FormData(form)));
}

export function addressFor(sel) {
  const s = clean(sel);
  const q = new URLSearchParams();
  if (s.country) q.set("country", s.country);
  if (s.country && s.partner) q.set("partner", s.partner);
  if (!s.country && s.org) q.set("org", s.org);  // an organisation's view: its subject comes first
  for (const k of FILTERS) if (s[k] && !q.has(k)) q.set(k, s[k]);
  if (s.lang !== "ko") q.set("lang", s.lang);
  const text = q.toString();
  return "/" + (text ? "?" + text : "");
}

// API query for a selection: `extra` first (the export links keep their familiar order), then the
// partner, then the filters that `only` names (by default all of them).
export function apiQuery(sel, extra, only = FILTERS) {
  const q = new URLSearchParams(extra || {});
  if (sel.partner) q.set("partner", sel.partner);
  for (const k of only) if (sel[k]) q.set(k, sel[k]);
  return q;
}
