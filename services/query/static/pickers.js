// The country and partner pickers, and the home page's country cards.
import {addressFor} from "./address.js";
import {$, el} from "./dom.js";
import {t} from "./i18n.js";
import {countryName, state} from "./state.js";

function byName(a, b) { return countryName(a.code).localeCompare(countryName(b.code), state.lang); }

function fillSelect(select, first, list, value) {
  const sorted = [...list].sort(byName);
  if (value && !sorted.some(c => c.code === value)) sorted.unshift({code: value, events: 0});
  select.replaceChildren(el("option", {value: ""}, first),
    ...sorted.map(c => el("option", {value: c.code, selected: c.code === value}, `${countryName(c.code)} (${c.events})`)));
  select.value = value;
}

export function fillPickers(countries, partners, total, sel) {
  fillSelect($("country"), t().choose_country, countries, sel.country);
  fillSelect($("partner"), `${t().all_partners}${total === null ? "" : ` (${total})`}`, partners, sel.partner);
  $("partner").disabled = !sel.country;
  $("swap").disabled = !(sel.country && sel.partner);
}

export function renderHome(countries, sel, navigate, showNotice) {
  const tx = t();
  $("page-heading").textContent = tx.home_heading;
  $("page-summary").textContent = tx.home_intro;
  document.title = "Coopline";
  $("exports").hidden = true;
  $("results").hidden = true;
  const cards = [...countries].sort((a, b) => b.events - a.events || byName(a, b)).map(c => {
    const a = el("a", {href: addressFor({...sel, country: c.code, partner: ""}), "data-code": c.code},
      el("span", {class: "card-name"}, countryName(c.code)),
      el("span", {class: "card-meta"}, [tx.events(c.events), c.first && tx.years(c.first.slice(0, 4), c.last.slice(0, 4))].filter(Boolean).join(" · ")));
    a.addEventListener("click", ev => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      navigate({...sel, country: c.code, partner: ""});
    });
    return el("li", {}, a);
  });
  $("country-cards").replaceChildren(...cards);
  $("home").hidden = countries.length === 0;
  if (!countries.length) showNotice("info", tx.no_data);
}
