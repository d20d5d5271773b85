// The drafts view (/drafts): paste an article, POST it to this service's /v1/drafts, review each
// draft as an editable card beside the article (its quote marked), and submit the ticked cards
// to the ingest service, one POST /v1/events each, so that every card gets its own answer.
// Records are untrusted text: the DOM is built with createElement and textContent only.
import {ApiError, vocabulary} from "./api.js";
import {highlight, looksLikeHtml, pageText, renderArticle} from "./article_text.js";
import {buildCard, clearMarks, eventLink, fillCountryList, readRecord, showReceipt, showRefusal} from "./draft_card.js";
import {$, el} from "./dom.js";
import {loadTexts, t} from "./i18n.js";
import {state} from "./state.js";
import {bearer, keepToken, readToken} from "./writer_token.js";

const ingestUrl = () => $("content").dataset.ingestUrl;
const cards = () => [...$("cards").querySelectorAll(".draft-card")];
let article = null;  // the last answer of /v1/drafts
let outcome = null;  // [recorded, refused] of the last submission

function applyTexts() {
  const tx = t();
  document.documentElement.lang = state.lang;
  for (const n of document.querySelectorAll("[data-i18n]")) if (typeof tx[n.dataset.i18n] === "string") n.textContent = tx[n.dataset.i18n];
  for (const n of document.querySelectorAll("[data-i18n-label]")) { n.setAttribute("aria-label", tx[n.dataset.i18nLabel]); n.title = tx[n.dataset.i18nLabel]; }
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = tx[n.dataset.i18nPlaceholder];
  for (const n of document.querySelectorAll("[data-ko][data-en]")) n.textContent = n.dataset[state.lang];
  for (const a of document.querySelectorAll("a[data-event-id]")) eventLink(a);
  const en = state.lang === "en" ? "?lang=en" : "";
  $("nav-timeline").href = `/${en}`;
  $("nav-drafts").href = `/drafts${en}`;
  $("home-link").href = `/${en}`;
  for (const a of document.querySelectorAll(".lang-toggle a")) {
    if (a.dataset.lang === state.lang) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
  }
  document.title = `${tx.drafts_title} · Coopline`;
  summarise();
}

function notice(kind, ...content) {
  const box = $("notice");
  box.replaceChildren(...content.map(c => (typeof c === "string" ? el("p", {}, c) : c)));
  box.className = `notice ${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  box.hidden = false;
}

function summarise() {
  if (!article) return;
  const tx = t();
  const a = article.article;
  $("article-meta").textContent = [a.title, a.published, a.publisher, a.url].filter(Boolean).join(" · ");
  const all = cards();
  const complete = all.filter(c => !c.draft.missing.length).length;
  $("cards-summary").textContent = tx.drafts_summary(all.length, complete);
  if (outcome) $("submit-note").textContent = tx.submitted(...outcome);
}

function setCurrent(card) {
  for (const c of cards()) c.classList.toggle("current", c === card);
  const found = highlight($("article-text"), card.dataset.index);
  card.classList.toggle("quote-not-found", !found);
}

function showDrafts(answer, text) {
  article = answer;
  const list = answer.drafts.map((d, i) => buildCard(d, i));
  $("cards").replaceChildren(...list);
  $("article-text").lang = answer.article.lang || "";
  const found = renderArticle($("article-text"), text, answer.drafts.map(d => d.quote));
  list.forEach((card, i) => {
    if (!found[i]) card.querySelector(".draft-quote").after(el("p", {class: "muted small"}, el("span", {"data-i18n": "d_quote_missing"}, t().d_quote_missing)));
    card.addEventListener("focusin", () => setCurrent(card));
    card.addEventListener("click", () => setCurrent(card));
  });
  for (const mark of $("article-text").querySelectorAll("mark.quote")) {
    mark.addEventListener("click", () => {
      const card = list[Number(mark.dataset.drafts.split(" ")[0])];
      card.scrollIntoView({block: "nearest"});
      card.focus({preventScroll: true});
    });
  }
  $("review").hidden = false;
  outcome = null;
  $("submit-note").textContent = "";
  if (list.length) $("notice").hidden = true; else notice("info", t().d_none);
  summarise();
}

async function problemOf(r) {
  try { return await r.json(); } catch (_) { return {detail: `HTTP ${r.status}`}; }
}

async function makeDrafts(ev) {
  ev.preventDefault();
  const raw = $("d-article").value;
  if (!raw.trim()) return;
  const body = looksLikeHtml(raw) ? {html: raw} : {text: raw};
  for (const key of ["url", "published", "publisher", "lang"]) {
    const v = $(`d-${key}`).value.trim();
    if (v) body[key] = v;
  }
  const token = $("d-token").value.trim();
  keepToken(token);
  const button = $("d-make");
  button.disabled = true;
  document.body.dataset.ready = "false";
  notice("loading", t().d_making);
  try {
    let r;
    try {
      r = await fetch("/v1/drafts", {method: "POST", body: JSON.stringify(body),
        headers: {"Content-Type": "application/json", Accept: "application/json", ...bearer(token)}});
    } catch (e) {
      throw new ApiError(0, String(e.message || e));
    }
    if (!r.ok) {
      const p = await problemOf(r);
      const tx = t();
      const msg = r.status === 401 || r.status === 403 ? tx.d_err_token : r.status === 503 ? tx.err_busy : tx.err_other(p.detail || p.title);
      const errors = (p.errors || []).map(e => el("li", {}, `${e.path}: ${e.message}`));
      notice("error", msg, ...(errors.length ? [el("ul", {}, ...errors)] : []));
      return;
    }
    showDrafts(await r.json(), body.html ? pageText(raw) : raw);
  } catch (e) {
    notice("error", e.status === 0 ? t().err_unreachable : t().err_other(e.message));
  } finally {
    button.disabled = false;
    document.body.dataset.ready = "true";
  }
}

async function submitCard(card, token) {
  clearMarks(card, "invalid");
  const rec = readRecord(card);
  let r;
  try {
    r = await fetch(`${ingestUrl()}/v1/events`, {method: "POST", body: JSON.stringify(rec), mode: "cors",
      headers: {"Content-Type": "application/json", Accept: "application/json", ...bearer(token)}});
  } catch (_) {  // unreachable, or refused by CORS (the browser does not say which)
    showRefusal(card, 0, null, "d_err_ingest");
    return false;
  }
  if (r.status === 200 || r.status === 201) {
    showReceipt(card, r.status, await r.json(), rec);
    return true;
  }
  showRefusal(card, r.status, await problemOf(r), r.status === 401 || r.status === 403 ? "d_err_token" : null);
  return false;
}

async function submitTicked() {
  const ticked = cards().filter(c => c.tick.checked && c.dataset.state !== "recorded");
  const tx = t();
  if (!ticked.length) { outcome = null; $("submit-note").textContent = tx.d_none_ticked; return; }
  const token = $("d-token").value.trim();
  keepToken(token);
  $("d-submit").disabled = true;
  document.body.dataset.ready = "false";
  $("submit-note").textContent = tx.d_submitting;
  let done = 0;
  for (const card of ticked) if (await submitCard(card, token)) done += 1;  // in order: positions follow the cards
  outcome = [done, ticked.length - done];
  $("submit-note").textContent = t().submitted(...outcome);
  $("d-submit").disabled = false;
  document.body.dataset.ready = "true";
}

async function init() {
  state.lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ko";
  await loadTexts();
  await vocabulary();
  fillCountryList($("country-codes"));
  $("d-token").value = readToken();
  $("d-token").addEventListener("change", ev => keepToken(ev.target.value.trim()));
  $("d-token-forget").addEventListener("click", () => { $("d-token").value = ""; keepToken(""); });
  $("draft-form").addEventListener("submit", makeDrafts);
  $("d-submit").addEventListener("click", submitTicked);
  for (const a of document.querySelectorAll(".lang-toggle a")) {
    a.addEventListener("click", ev => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();  // switch in place: a reload would lose the article and the edits
      state.lang = a.dataset.lang;
      history.replaceState(null, "", state.lang === "en" ? "/drafts?lang=en" : "/drafts");
      applyTexts();
    });
  }
  $("draft-form").hidden = false;
  applyTexts();
  document.body.dataset.ready = "true";
}

init().catch(e => {
  notice("error", (t().err_other || (d => d))(e.message || String(e)));
  $("draft-form").hidden = false;
});
