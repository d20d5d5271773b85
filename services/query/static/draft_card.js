// One draft of POST /v1/drafts as an editable card: its fields, its quote, what it lacks
// (`missing`, marked on the fields), its possible duplicates (`matches`, links to those events),
// a tick, and what the ingest service answered once submitted.
import {addressFor} from "./address.js";
import {el} from "./dom.js";
import {t} from "./i18n.js";
import {field, fillCountryList, input, kindSelect, numberParticipants, participantRow, readParticipant,
  readSectors, sectorsField, statusSelect, word, countryInput} from "./draft_fields.js";
import {state} from "./state.js";

export {fillCountryList};

const value = (card, path) => {
  const f = card.querySelector(`.cfield[data-path="${path}"]`);
  return f ? f.querySelector("input, select, textarea").value.trim() : "";
};

function setOrDrop(obj, key, v) {
  if (v) obj[key] = v; else delete obj[key];
}

// The record as the card now says: the draft's record with the card's fields laid over it
// (fields the card does not show, such as `lang` or `summary`, pass through unchanged).
export function readRecord(card) {
  const rec = structuredClone(card.draft.record);
  for (const key of ["kind", "date", "status", "title", "title_en"]) setOrDrop(rec, key, value(card, `$.${key}`));
  rec.participants = [...card.querySelectorAll(".participant")].map(readParticipant);
  rec.sectors = readSectors(card);
  const place = {...(rec.place || {})};
  setOrDrop(place, "city", value(card, "$.place.city"));
  setOrDrop(place, "country", value(card, "$.place.country").toUpperCase());
  setOrDrop(rec, "place", Object.keys(place).length ? place : null);
  const sources = rec.sources && rec.sources.length ? rec.sources : [{}];
  const first = {...sources[0]};
  for (const key of ["url", "publisher", "title", "published", "quote"]) setOrDrop(first, key, value(card, `$.sources[0].${key}`));
  rec.sources = [first, ...sources.slice(1)];
  return rec;
}

// The view of the countries an event involves (its first participant's, with the next other
// one as the partner), scrolled to the event; `#event-<id>` is the list item's id. In a new
// tab: the review on this page (edits, cards not yet submitted) must not be lost to a click.
export function eventLink(a) {
  a.target = "_blank";
  a.rel = "noopener";
  const codes = JSON.parse(a.dataset.countries || "[]");
  a.href = codes.length
    ? `${addressFor({lang: state.lang, country: codes[0], partner: codes[1] || ""})}#event-${encodeURIComponent(a.dataset.eventId)}`
    : `/v1/events/${encodeURIComponent(a.dataset.eventId)}`;
  return a;
}

function countriesOf(rec) {
  return [...new Set((rec.participants || []).map(p => (p.country || "").toUpperCase()).filter(Boolean))];
}

function matchesBlock(draft) {
  if (!draft.matches || !draft.matches.length) return null;
  const codes = JSON.stringify(countriesOf(draft.record));
  return el("div", {class: "matches"}, word("d_matches", "h4"),
    el("ul", {}, ...draft.matches.map(m => el("li", {class: "match", "data-id": m.id},
      eventLink(el("a", {"data-event-id": m.id, "data-countries": codes}, m.title)),
      el("span", {class: "muted small"}, ` ${m.date} · ${Math.round(m.score * 100)}%`)))));
}

export function buildCard(draft, index) {
  const rec = draft.record;
  const src = (rec.sources && rec.sources[0]) || {};
  const tick = el("input", {type: "checkbox", class: "draft-tick"});
  tick.checked = !draft.missing.length;  // a complete draft starts ticked; one to finish, not
  const parts = el("div", {class: "participant-rows"});
  const renumber = () => { numberParticipants(parts); parts.dispatchEvent(new Event("input", {bubbles: true})); };
  parts.append(...(rec.participants || []).map(p => participantRow(p, renumber)));
  numberParticipants(parts);
  const addPart = el("button", {type: "button", class: "link-button"}, word("d_add_participant"));
  addPart.addEventListener("click", () => { parts.append(participantRow({name: ""}, renumber)); renumber(); });
  const quote = el("textarea", {rows: "2", maxlength: "1000"});
  quote.value = src.quote || "";
  const fields = el("fieldset", {class: "draft-fields"},
    el("div", {class: "cgrid"},
      field("d_kind", kindSelect(rec.kind), "$.kind"),
      field("d_date", input(rec.date, {placeholder: t().d_date_hint, "data-i18n-placeholder": "d_date_hint"}), "$.date"),
      field("d_status", statusSelect(rec.status), "$.status"),
      field("d_title", input(rec.title, {maxlength: "500"}), "$.title", "span-all"),
      field("d_title_en", input(rec.title_en, {maxlength: "500", lang: "en"}), "$.title_en", "span-all")),
    el("fieldset", {class: "cgroup", "data-path": "$.participants"}, el("legend", {}, word("d_participants")), parts, addPart),
    sectorsField(rec.sectors || []),
    el("fieldset", {class: "cgroup place", "data-path": "$.place"}, el("legend", {}, word("d_place")),
      field("d_city", input(rec.place && rec.place.city, {maxlength: "200"}), "$.place.city"),
      field("d_country", countryInput(rec.place && rec.place.country), "$.place.country", "narrow")),
    el("fieldset", {class: "cgroup source", "data-path": "$.sources[0]"}, el("legend", {}, word("d_source")),
      field("d_source_publisher", input(src.publisher, {maxlength: "300"}), "$.sources[0].publisher"),
      field("d_source_published", input(src.published), "$.sources[0].published"),
      field("d_source_url", input(src.url, {type: "url"}), "$.sources[0].url"),
      field("d_source_title", input(src.title, {maxlength: "500"}), "$.sources[0].title"),
      field("d_quote", quote, "$.sources[0].quote", "span-all")));
  const card = el("article", {class: "draft-card", tabindex: "0", "data-index": String(index), "aria-label": `#${index + 1}`},
    el("header", {class: "draft-head"},
      el("label", {class: "tick"}, tick, " ", word("d_tick")),
      el("span", {class: "draft-number"}, `#${index + 1}`),
      el("span", {class: "confidence"}, word("d_confidence"), ` ${Math.round(draft.confidence * 100)}%`),
      draft.missing.length ? el("span", {class: "badge missing-badge"}, word("d_missing"), ` ${draft.missing.length}`)
        : el("span", {class: "badge complete-badge"}, word("d_complete")),
      el("span", {class: "draft-state", role: "status"})),
    el("blockquote", {class: "draft-quote"}, draft.quote),
    matchesBlock(draft) || "", fields, el("div", {class: "card-errors", role: "alert"}));
  Object.assign(card, {draft, tick});
  markPaths(card, draft.missing.map(path => ({path})), "missing");
  return card;
}

// The field a path names, or its nearest shown parent ($.participants[1].country → … → $.participants).
function fieldFor(card, path) {
  for (let p = path; p && p !== "$"; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
    const f = card.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (f) return f;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return null;
}

// Mark the fields `items` name ({path, message?}): "missing" (to fill in) or "invalid" (refused).
// A mark goes when the person edits that field. Paths no field shows are listed on the card.
export function markPaths(card, items, kind) {
  const rest = [];
  for (const {path, message} of items) {
    const f = fieldFor(card, path);
    if (!f) { rest.push(`${path}: ${message || t().d_missing}`); continue; }
    f.classList.add(`is-${kind}`);
    const note = message ? el("p", {class: `field-note ${kind}`}, message) : word("d_missing", "p", {class: `field-note ${kind}`});
    f.append(note);
    const clear = () => { f.classList.remove(`is-${kind}`); note.remove(); };
    f.addEventListener("input", clear, {once: true});
    f.addEventListener("change", clear, {once: true});
  }
  return rest;
}

export function clearMarks(card, kind) {
  for (const f of card.querySelectorAll(`.is-${kind}`)) f.classList.remove(`is-${kind}`);
  for (const n of card.querySelectorAll(`.field-note.${kind}`)) n.remove();
  card.querySelector(".card-errors").replaceChildren();
}

// The ingest service's answer on the card: a receipt (appended, or already recorded
// identically) locks the card; a refusal shows its detail and marks the fields it names.
export function showReceipt(card, status, receipt, rec) {
  card.dataset.state = "recorded";
  card.querySelector(".draft-fields").disabled = true;
  card.tick.checked = false;
  card.tick.disabled = true;
  const link = eventLink(el("a", {class: "timeline-link", "data-event-id": receipt.id,
                                  "data-countries": JSON.stringify(countriesOf(rec))}, word("d_view_timeline")));
  card.querySelector(".draft-state").replaceChildren(
    status === 201 ? word("recorded") : word("d_already"), ` #${receipt.position} · `, el("code", {}, receipt.id), " ", link);
}

export function showRefusal(card, status, problem, messageKey) {
  card.dataset.state = "refused";
  const errors = (problem && problem.errors) || [];
  const rest = markPaths(card, errors, "invalid");
  const box = card.querySelector(".card-errors");
  const detail = messageKey ? word(messageKey) : `${t().d_err_refused} (${status}): ${(problem && (problem.detail || problem.title)) || ""}`;
  box.replaceChildren(el("p", {}, detail), ...(rest.length ? [el("ul", {}, ...rest.map(r => el("li", {}, r)))] : []));
  card.querySelector(".draft-state").replaceChildren(word("d_err_refused"));
}
