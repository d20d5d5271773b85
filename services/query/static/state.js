// What the page's modules share: the language, the vocabulary, and which render is current.
export const state = {lang: "ko", texts: null, vocab: null, names: new Map(), kinds: new Map(), run: 0, controller: null};

export function countryName(code) {
  const c = state.names.get(code);
  return c ? (state.lang === "ko" ? c.name_ko : c.name_en) : code;
}

export function kindLabel(kind) {
  const k = state.kinds.get(kind);
  return k ? (state.lang === "ko" ? k.label_ko : k.label_en) : kind;
}

export function sectorLabel(sector) {
  const v = state.vocab && state.vocab.sectors.find(x => x.sector === sector);
  return v ? (state.lang === "ko" ? v.label_ko : v.label_en) : sector;
}

// English views use title_en and fall back to title (the record's own language).
export function titleOf(it) {
  return state.lang === "en" && it.title_en ? {text: it.title_en, lang: "en"} : {text: it.title, lang: it.lang};
}
