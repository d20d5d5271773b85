// The writer token of the drafts view. Entered once per browser session and kept in
// sessionStorage only (gone when the tab closes; never localStorage, never a cookie). It is sent
// only as the bearer of POST /v1/drafts and of the submissions to the ingest service.
const KEY = "coopline.writer-token";

export function readToken() {
  try { return sessionStorage.getItem(KEY) || ""; } catch (_) { return ""; }  // storage off: ask each time
}

export function keepToken(value) {
  try {
    if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
  } catch (_) { /* storage off: the field still holds it for this page */ }
}

export function bearer(token) {
  return token ? {Authorization: `Bearer ${token}`} : {};
}
