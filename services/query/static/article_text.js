// The pasted article as the drafts view shows it: its text, with each draft's quote (the sentence
// the draft was made from) marked, and the current draft's marks highlighted.
import {el} from "./dom.js";

const BLOCKS = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "DD", "DIV", "DL", "DT", "FIGCAPTION",
  "FIGURE", "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "TABLE", "TD", "TH", "TR", "UL"]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "OBJECT", "HEAD"]);

export const looksLikeHtml = raw => /^\s*</.test(raw) && /<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/i.test(raw);

// What a page's text does not need, dropped before parsing: scripts, styles, media and embedded
// things, and handler and style attributes. Safety does not rest on this (the parsed document is
// inert, and the page's CSP refuses inline code); it keeps the browser from reporting each
// handler it would refuse, and from firing an image's error event in the inert document.
const BLOCKS_OF_CODE = /<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi;
const EMBEDS = /<\/?(img|image|picture|video|audio|source|track|input|object|embed|iframe|frame|link|meta|base|svg|math)\b[^>]*>/gi;
const HANDLERS = /(<[a-z][^>]*?\s)(?:on[a-z]*|style)(\s*=)/gi;

function quiet(html) {
  let out = html.replace(BLOCKS_OF_CODE, " ").replace(EMBEDS, " ");
  for (let before = ""; before !== out;) [before, out] = [out, out.replace(HANDLERS, "$1data-dropped$2")];
  return out;
}

// The readable text of a pasted page. DOMParser builds an inert document — no script runs and
// nothing is fetched — and only its text nodes are read; the page's markup never reaches the
// live DOM. (The service extracts the main text itself; this is for the reader's eyes.)
export function pageText(html) {
  const doc = new DOMParser().parseFromString(quiet(html), "text/html");
  const out = [];
  const walk = node => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(child.data.replace(/\s+/g, " "));
      else if (child.nodeType === Node.ELEMENT_NODE && !SKIP.has(child.nodeName.toUpperCase())) {
        const block = BLOCKS.has(child.nodeName.toUpperCase());
        if (block) out.push("\n");
        walk(child);
        if (block) out.push("\n");
      }
    }
  };
  walk(doc.body || doc.documentElement);
  return out.join("").split("\n").map(line => line.trim()).filter(Boolean).join("\n\n");
}

const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// [start, end) of `quote` in `text`: as it is, else with any run of white space matching any other.
export function findQuote(text, quote) {
  const q = (quote || "").trim();
  if (!q) return null;
  const at = text.indexOf(q);
  if (at >= 0) return [at, at + q.length];
  const words = q.split(/\s+/).map(escapeRe);
  const m = new RegExp(words.join("\\s+")).exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

// Fill `box` with `text`, marking each quote; a stretch several drafts share carries all their
// indexes (drafts made from one sentence share its quote). → for each quote, whether it was found.
export function renderArticle(box, text, quotes) {
  const ranges = quotes.map(q => findQuote(text, q));
  const cuts = new Set([0, text.length]);
  for (const r of ranges) if (r) { cuts.add(r[0]); cuts.add(r[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const owners = ranges.flatMap((r, k) => (r && r[0] <= a && b <= r[1] ? [k] : []));
    const piece = text.slice(a, b);
    nodes.push(owners.length ? el("mark", {class: "quote", "data-drafts": owners.join(" ")}, piece) : piece);
  }
  box.replaceChildren(...nodes.map(n => (typeof n === "string" ? document.createTextNode(n) : n)));
  return ranges.map(Boolean);
}

// Highlight draft `index`'s marks and scroll the article box (not the window) to the first.
export function highlight(box, index) {
  let first = null;
  for (const mark of box.querySelectorAll("mark.quote")) {
    const mine = mark.dataset.drafts.split(" ").includes(String(index));
    mark.classList.toggle("current", mine);
    if (mine && !first) first = mark;
  }
  if (first) box.scrollTop = Math.max(0, first.offsetTop - box.clientHeight / 3);
  return first;
}
