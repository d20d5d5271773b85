// The page's words. Plain strings live in texts.json (the server renders the first view with the
// same file); what needs a number or a date is a function here, with its Python twin in
// services/query/web_page/words.py.
import {state} from "./state.js";

const FN = {
  ko: {
    events: n => `사건 ${n}건`,
    years: (a, b) => a === b ? `${a}년` : `${a}–${b}년`,
    status_counts: counts => counts.map(([s, n]) => `${state.texts.ko[s]} ${n}건`).join(", ") + " 포함",
    corrected_title: v => `정정된 기록 (버전 ${v})`,
    chart_note: (n, status) => status
      ? `상태가 ‘${state.texts.ko[status]}’인 사건 ${n}건 기준입니다. 한 사건이 여러 분야에 들 수 있습니다.`
      : `실제로 진행된 사건 ${n}건 기준입니다. 예정·연기·취소된 사건은 빠지고, 한 사건이 여러 분야에 들 수 있습니다.`,
    err_other: d => `요청을 처리하지 못했습니다: ${d}`,
    undated: y => `날짜 미상 · ${y}년 이전`,
    as_of_active: v => `${v} 시점에 알려진 대로 보고 있습니다. 그 뒤의 기록은 빠져 있습니다.`,
    axis_undated: n => `날짜 미상 사건 ${n}건은 시간축에 놓지 않고 목록의 마지막 묶음에 있습니다.`,
    position: p => `로그 위치 ${p}`,
    release: n => `릴리스 ${n}`,
    drafts_summary: (n, complete) => `초안 ${n}건 · 바로 기록할 수 있는 것 ${complete}건`,
    submitted: (done, refused) => `기록 ${done}건` + (refused ? ` · 거절 ${refused}건 (카드에 이유가 있습니다)` : ""),
    date: {onwards: s => `${s} 이후`, until: s => `${s} 이전`, approx: s => `${s}경`, decade: y => `${y}년대`,
           century: y => `${y}–${+y + 99}년`, year: y => `${y}년`},
  },
  en: {
    events: n => `${n} event${n === 1 ? "" : "s"}`,
    years: (a, b) => a === b ? `${a}` : `${a}–${b}`,
    status_counts: counts => "including " + counts.map(([s, n]) => `${n} ${state.texts.en[s]}`).join(", "),
    corrected_title: v => `Corrected record (version ${v})`,
    chart_note: (n, status) => status
      ? `Based on the ${n} event${n === 1 ? "" : "s"} with status “${state.texts.en[status]}”; one event can count in several sectors.`
      : `Based on the ${n} event${n === 1 ? "" : "s"} that took place: planned, postponed and cancelled events are left out, and one event can count in several sectors.`,
    err_other: d => `The request failed: ${d}`,
    undated: y => `Undated · before ${+y + 1}`,
    as_of_active: v => `Showing what was known at ${v}; anything recorded later is left out.`,
    axis_undated: n => `${n} undated event${n === 1 ? " is" : "s are"} not placed on the axis; see the last group of the list.`,
    position: p => `log position ${p}`,
    release: n => `release ${n}`,
    drafts_summary: (n, complete) => `${n} draft${n === 1 ? "" : "s"} · ${complete} ready to record`,
    submitted: (done, refused) => `${done} recorded` + (refused ? ` · ${refused} refused (the cards say why)` : ""),
    date: {onwards: s => `${s} onwards`, until: s => `until ${s}`, approx: s => `c. ${s}`, decade: y => `the ${y}s`,
           century: y => `${y}–${+y + 99}`, year: y => y},
  },
};

// Before texts.json has arrived (a slow or failed load) the plain words are missing: callers
// that may run then (the "loading" timer, an error) check for that.
export const t = () => ({...(state.texts ? state.texts[state.lang] : {}), ...FN[state.lang]});

export async function loadTexts(signal) {
  if (!state.texts) {
    const r = await fetch("/static/texts.json", {signal});
    if (!r.ok) throw new Error(`/static/texts.json: HTTP ${r.status}`);
    state.texts = await r.json();
  }
}
