// The editable fields of a draft card. Every field's wrapper carries the JSON path of the record
// it edits (`data-path="$.participants[1].country"`), the same paths as a draft's `missing` and
// the ingest service's `errors`, so both can be shown on the field they name. Labels carry
// their texts.json key (`data-i18n`) or both languages (`data-ko`/`data-en`), so a language
// switch relabels a card without rebuilding it (the person's edits stay).
import {el} from "./dom.js";
import {t} from "./i18n.js";
import {state} from "./state.js";

let serial = 0;

export const word = (key, tag = "span", attrs = {}) => el(tag, {...attrs, "data-i18n": key}, t()[key] || key);

function bilingual(tag, attrs, ko, en) {
  return el(tag, {...attrs, "data-ko": ko, "data-en": en}, state.lang === "en" ? en : ko);
}

export function field(labelKey, control, path, cls = "") {
  control.id = `df-${++serial}`;
  return el("div", {class: `cfield ${cls}`.trim(), "data-path": path},
    el("label", {for: control.id, "data-i18n": labelKey}, t()[labelKey]), control);
}

export function input(value, attrs = {}) {
  const node = el("input", {autocomplete: "off", spellcheck: "false", ...attrs});
  node.value = value ?? "";
  return node;
}

// A select of `options` ([value, node-making function] pairs); `blank` adds an empty choice first.
function select(value, options, blank) {
  const node = el("select", {}, ...(blank ? [word("d_unset", "option", {value: ""})] : []), ...options);
  node.value = value ?? "";
  if (node.value !== (value ?? "")) {  // a value the vocabulary lacks stays visible (the ingest will say)
    node.append(el("option", {value}, value));
    node.value = value;
  }
  return node;
}

export const kindSelect = v => select(v, state.vocab.kinds.map(k => bilingual("option", {value: k.kind}, k.label_ko, k.label_en)));
export const statusSelect = v => select(v || "occurred", state.vocab.statuses.map(s => word(s, "option", {value: s})));
const typeSelect = v => select(v, state.vocab.participant_types.map(x => word(`type_${x}`, "option", {value: x})), true);
const roleSelect = v => select(v, state.vocab.participant_roles.map(x => word(`role_${x}`, "option", {value: x})), true);
export const countryInput = v => input(v, {list: "country-codes", maxlength: "2", size: "3", class: "cc-input"});

export function fillCountryList(list) {
  list.replaceChildren(...state.vocab.countries.map(c => bilingual("option", {value: c.code}, c.name_ko, c.name_en)));
}

// One participant row; `original` keeps the fields the row does not show (they pass through).
export function participantRow(p, onRemove) {
  const row = el("div", {class: "participant"});
  row.original = p;
  const remove = el("button", {type: "button", class: "link-button remove"}, word("d_remove"));
  remove.addEventListener("click", () => { row.remove(); onRemove(); });
  row.append(
    field("d_name", input(p.name, {maxlength: "300"}), "name"),
    field("d_name_en", input(p.name_en, {maxlength: "300"}), "name_en"),
    field("d_country", countryInput(p.country), "country"),
    field("d_type", typeSelect(p.type), "type"),
    field("d_role", roleSelect(p.role), "role"),
    field("d_org", input(p.org, {maxlength: "40"}), "org"),
    remove);
  return row;
}

// Give each row and its fields their paths again (after a row was added or removed).
export function numberParticipants(box) {
  box.querySelectorAll(".participant").forEach((row, i) => {
    row.dataset.path = `$.participants[${i}]`;
    for (const f of row.querySelectorAll(".cfield")) f.dataset.path = `$.participants[${i}].${f.dataset.key || (f.dataset.key = f.dataset.path)}`;
  });
}

export function readParticipant(row) {
  const p = {...row.original};
  for (const f of row.querySelectorAll(".cfield")) {
    const key = f.dataset.key;
    const value = f.querySelector("input, select").value.trim();
    if (value) p[key] = key === "country" ? value.toUpperCase() : value; else delete p[key];
  }
  return p;
}

function sectorChip(slug) {
  const v = state.vocab.sectors.find(s => s.sector === slug);
  const remove = el("button", {type: "button", class: "chip-remove", "data-i18n-label": "d_remove",
                               "aria-label": t().d_remove, title: t().d_remove}, "×");
  const chip = el("li", {class: "chip", "data-sector": slug}, v ? bilingual("span", {}, v.label_ko, v.label_en) : slug, " ", remove);
  remove.addEventListener("click", () => { const box = chip.parentElement; chip.remove(); box.dispatchEvent(new Event("input", {bubbles: true})); });
  return chip;
}

// The sectors as chips, and a select that adds one.
export function sectorsField(sectors) {
  const chips = el("ul", {class: "chips"}, ...sectors.map(sectorChip));
  const add = el("select", {class: "add-sector"}, word("d_add_sector", "option", {value: ""}),
    ...state.vocab.sectors.map(s => bilingual("option", {value: s.sector}, s.label_ko, s.label_en)));
  add.addEventListener("change", () => {
    if (add.value && !chips.querySelector(`[data-sector="${CSS.escape(add.value)}"]`)) chips.append(sectorChip(add.value));
    add.value = "";
  });
  add.id = `df-${++serial}`;
  return el("fieldset", {class: "cgroup sectors", "data-path": "$.sectors"},
    el("legend", {}, el("label", {for: add.id, "data-i18n": "d_sectors"}, t().d_sectors)), chips, add);
}

export const readSectors = card => [...card.querySelectorAll(".sectors .chip")].map(c => c.dataset.sector);
