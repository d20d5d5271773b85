// EDTF dates in words (the server's twin: services/query/web_page/words.py).
import {state} from "./state.js";
import {t} from "./i18n.js";

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

export function humanDate(edtf) {
  const [a, b] = edtf.split("/");
  const d = t().date;
  if (b === undefined) return humanPart(a);
  if (b === ".." || b === "") return d.onwards(humanPart(a));
  if (a === ".." || a === "") return d.until(humanPart(b));
  return `${humanPart(a)} – ${humanPart(b)}`;
}
