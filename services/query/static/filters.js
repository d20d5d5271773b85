// The filter bar (kind, sector, status, date window) and the "as known on" picker. Both are plain
// form fields named after the API parameters: without JavaScript the form submits them as they
// are; with it, every change becomes a new address (history entry) and the view follows.
import {$, el} from "./dom.js";
import {t} from "./i18n.js";
import {state} from "./state.js";

const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function options(select, first, list, value) {
  select.replaceChildren(el("option", {value: ""}, first),
    ...list.map(([v, label]) => el("option", {value: v, selected: v === value}, label)));
  select.value = value;
}

export function fillFilters(sel) {
  const tx = t();
  const ko = state.lang === "ko";
  options($("f-kind"), tx.any_kind, state.vocab.kinds.map(k => [k.kind, ko ? k.label_ko : k.label_en]), sel.kind);
  options($("f-sector"), tx.any_sector, state.vocab.sectors.map(s => [s.sector, ko ? s.label_ko : s.label_en]), sel.sector);
  options($("f-status"), tx.any_status, state.vocab.statuses.map(s => [s, tx[s] || s]), sel.status);
  $("f-from").value = sel.from;
  $("f-to").value = sel.to;
  $("f-match").value = sel.match || "overlap";
  $("f-q").value = sel.q;
  $("f-org").value = sel.org;
  $("filters").open = $("filters").open || Boolean(sel.kind || sel.sector || sel.status || sel.from || sel.to);
}

export function fillAsOf(sel, head, releases) {
  const tx = t();
  $("as_of").value = sel.as_of;
  // The releases, oldest first; one the list lacks (a mistyped address) stays selectable, so
  // the address and the picker agree and the API's answer (422) says what is wrong.
  const named = releases.map(r => [r.name, `${r.name} · ${tx.position(r.position)}`]);
  if (sel.release && !releases.some(r => r.name === sel.release)) named.push([sel.release, sel.release]);
  options($("release"), tx.release_none, named, sel.release);
  const range = $("as_of_range");
  range.max = String(Math.max(head, 1));
  range.value = /^\d+$/.test(sel.as_of) ? sel.as_of : String(head);
  range.hidden = head < 1;
  $("as_of_head").textContent = `${tx.as_of_head}: ${head}`;
  const m = TIME.exec(sel.as_of);
  $("as_of_when").value = m && m[4] === "Z" ? m[1] + (m[2] || "").slice(0, 3) : "";
  const banner = $("as-of-banner");
  banner.hidden = !(sel.as_of || sel.release);
  if (sel.as_of || sel.release) {
    const shown = sel.release ? tx.release(sel.release) : /^\d+$/.test(sel.as_of) ? tx.position(sel.as_of) : sel.as_of;
    $("as-of-text").textContent = tx.as_of_active(shown);
    $("asof").open = true;
  }
}

// Wires the controls; `go(changes)` navigates to the current selection with `changes` applied.
export function wireFilters(go) {
  for (const id of ["f-kind", "f-sector", "f-status", "f-match", "f-from", "f-to", "f-q"]) {
    const input = $(id);
    input.addEventListener("change", () => go({[input.name]: input.value}));
  }
  // A release is a named as_of: choosing one clears the other (the API takes one of them).
  // The other field is emptied too, so that the form (Enter submits it) says the same.
  $("as_of").addEventListener("change", ev => { $("release").value = ""; go({as_of: ev.target.value, release: ""}); });
  $("release").addEventListener("change", ev => { $("as_of").value = ""; go({release: ev.target.value, as_of: ""}); });
  $("as_of_range").addEventListener("change", ev => go({as_of: ev.target.value, release: ""}));
  // datetime-local gives "YYYY-MM-DDTHH:MM[:SS]" with no zone; the picker is labelled UTC
  $("as_of_when").addEventListener("change", ev => {
    const v = ev.target.value;
    go({as_of: v ? `${v.length === 16 ? `${v}:00` : v}Z` : "", release: ""});
  });
  for (const id of ["as-of-latest", "as-of-latest-2"]) $(id).addEventListener("click", ev => { ev.preventDefault(); go({as_of: "", release: ""}); });
  $("clear-filters").addEventListener("click", ev => {
    ev.preventDefault();
    // on an organisation's view (no country) the organisation is the view, not a filter: it stays
    const keepOrg = !new URLSearchParams(location.search).get("country");
    go({kind: "", sector: "", status: "", from: "", to: "", match: "", q: "", ...(keepOrg ? {} : {org: ""})});
  });
}
