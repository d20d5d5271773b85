// The public read API of this service.
import {apiQuery, FILTERS} from "./address.js";
import {state} from "./state.js";

export class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

export const enc = encodeURIComponent;

export async function api(path, signal) {
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

// A country's timeline (the default), or another timeline's `path` with the filters `only` names.
export async function allTimeline(sel, signal, path = `/v1/countries/${enc(sel.country)}/timeline`, only = FILTERS) {
  const items = [];
  let cursor = null;
  do {  // follow next_cursor, so a long timeline is never cut at one page
    const q = apiQuery(sel, {limit: "1000"}, only);
    if (cursor) q.set("cursor", cursor);
    const page = await api(`${path}?${q}`, signal);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

export async function vocabulary(signal) {
  if (!state.vocab) {
    const v = await api("/v1/vocabulary", signal);
    for (const c of v.countries) state.names.set(c.code, c);
    for (const k of v.kinds) state.kinds.set(k.kind, k);
    state.vocab = v;
  }
  return state.vocab;
}
