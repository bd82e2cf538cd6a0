// /search/: full-text search over the Pagefind bundle written after the build (no framework).
// The URL holds the query and the filters by id, as SPEC.md says:
//   search/?q=党费&branch=jinpu&category=dues&year=2026&state=archived
// An empty query with a filter browses: every matching notice, newest first. The filters, their
// labels and the order of their values come from nb-filters.json, written by the build; an id
// the index does not know is ignored (and dropped from the URL), never offered as a choice.
//
// The index is a few Pagefind bundles, one per part of the archive (pagefind/<part>/: this
// month, this year, closed years; newest first in nb-filters.json's "bundles"), so a rebuild
// re-indexes only the parts that changed. The newest part's bundle is loaded with Pagefind's
// WebAssembly; the others are merged into it (mergeIndex: each adds its entry and meta files,
// not another WebAssembly) and every search runs over all of them. Each page also carries the
// filter "date", its notice's start date, which the page never offers: browsing orders by it.
//
// A result's state label is computed here from its dates (meta start/end/expires, and
// superseded), on the reader's clock, by the rules state.js applies to the pages
// (window.noticeboardLive), in the words nb-filters.json's "labels" gives for its disclosure
// type: the index holds nothing that changes with the day.

const PAGE_SIZE = 10;
let filterNames = [];

const form = document.getElementById("nb-search");
const input = document.getElementById("nb-search-q");
const fieldset = document.getElementById("nb-search-filters");
const status = document.getElementById("nb-search-status");
const list = document.getElementById("nb-search-results");
const more = document.getElementById("nb-search-more");

let pagefind = null;
let bundles = [];
let stateLabels = {};
let pending = []; // results found and not yet shown, in order
let later = null; // browsing: how to find the next results, or null
let generation = 0;
let shown = 0; // results on the page
let total = 0; // results the search found

// Chinese has no spaces, so a query must be cut into the words the index holds. Left to itself
// in a zh page, Pagefind cuts the query with Intl.Segmenter, which knows other words than the
// indexer: 党费 becomes 党 + 费, and 党 then matches every 党员 and 党支部. Loaded with a language
// that needs no cutting ("und"; the zh index is the only one, so it is still the one used),
// Pagefind keeps each space-separated word whole and splits it only into words its own index
// holds (金铺村党支部 -> 金铺 村 党支部). Punctuation becomes a space, so 党费，第三季度 is two words.
const PAGEFIND_CUTS_QUERIES = typeof Intl !== "undefined" && typeof Intl.Segmenter === "function";
const EXACT = /^\s*".+"\s*$/;

function queryTerms(query) {
  return EXACT.test(query) ? query : query.replace(/\p{P}+/gu, " ").trim();
}

const EXCERPT_LENGTH = 40;

// Loads Pagefind on the main thread (no worker: one file fewer, and a query is milliseconds)
// with the newest part's bundle, then merges the other parts' (their options are their own:
// Pagefind's options() reaches only the first bundle). Pagefind takes the page language when it
// starts, synchronously in init(), so "und" stands in for that one call and the real lang is put
// back at once; merged bundles take the language of the first.
async function loadPagefind(module, url, parts) {
  const folder = (part) => new URL(`${part}/`, url).href;
  await module.options({ basePath: folder(parts[0]), excerptLength: EXCERPT_LENGTH, noWorker: true });
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  if (PAGEFIND_CUTS_QUERIES) html.setAttribute("lang", "und");
  try {
    await module.init();
  } finally {
    html.setAttribute("lang", lang);
  }
  await Promise.all(
    parts.slice(1).map((part) => module.mergeIndex(folder(part), { excerptLength: EXCERPT_LENGTH })),
  );
  return module;
}

// Browsing (no query) lists the newest notices first. Pagefind could sort, but a sort's order
// sits in every bundle's meta file, which every query loads; a filter's file is fetched only
// by a search that filters on it. So one search with the "date" filter (every date: none of
// "") counts the matching notices per start date, and each page of results then asks for the
// next dates' notices, newest date first (within one date, in Pagefind's order).
const ANY_DATE = { none: [""] };

async function browse(filters) {
  const counted = await pagefind.search(null, { filters: { ...filters, date: ANY_DATE } });
  const perDate = counted.filters.date || {};
  const dates = Object.keys(perDate).filter((date) => perDate[date] > 0).sort().reverse();
  const next = async (wanted) => {
    const found = [];
    while (found.length < wanted && dates.length) {
      const search = await pagefind.search(null, { filters: { ...filters, date: dates.shift() } });
      found.push(...search.results);
    }
    return found;
  };
  return { total: counted.results.length, next };
}

// The label of a result's state today, or "" where this page has no clock for it.
function stateLabel(meta) {
  const live = window.noticeboardLive;
  if (!live || !meta.start) return "";
  const dates = { start: meta.start, end: meta.end, expires: meta.expires, state: meta.superseded ? "superseded" : "" };
  const state = live.stateOn(dates, live.today());
  const labels = stateLabels[meta.kind] || stateLabels["ad-hoc"] || {};
  return (state && labels[state]) || "";
}

// A query is ranked by Pagefind across all parts at once (each bundle scores its own pages).
// Every word must be found: Pagefind ignores a word its index does not hold as long as another
// word of the query is there, so a part that lacks one word would answer for the others alone
// (党费 第三季度 would find a first-quarter notice of a part with no 第三季度 anywhere). A result
// is kept only if each word on its own finds it too; those searches use the index chunks the
// query already loaded.
async function find(query, filters) {
  const terms = queryTerms(query);
  const search = await pagefind.search(terms, { filters });
  const words = EXACT.test(query) ? [] : terms.split(/\s+/).filter(Boolean);
  if (words.length < 2) return search.results;
  const each = await Promise.all(words.map((word) => pagefind.search(word, { filters })));
  const found = each.map((one) => new Set(one.results.map((result) => result.id)));
  return search.results.filter((result) => found.every((ids) => ids.has(result.id)));
}

// Filters with their values' ids, labels and counts, written beside the index at build time
// (a few hundred bytes), so that no filter index is fetched before someone filters.
async function loadFilters(url) {
  const response = await fetch(new URL("nb-filters.json", url));
  if (!response.ok) throw new Error(`nb-filters.json: HTTP ${response.status}`);
  return response.json();
}

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

// Pagefind's excerpt is text with "<" and ">" escaped and matches wrapped in <mark>; build it as
// DOM nodes so nothing in a notice is ever parsed as markup.
function excerptNodes(excerpt) {
  const unescape = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  return excerpt.split(/(<mark>.*?<\/mark>)/s).filter(Boolean).map((part) => {
    const marked = part.match(/^<mark>(.*)<\/mark>$/s);
    return marked ? element("mark", { textContent: unescape(marked[1]) }) : unescape(part);
  });
}

function buildFilters(available, params) {
  for (const filter of available.filters) {
    const ids = filter.values.map((v) => v.id);
    const wanted = params.get(filter.name) || "";
    const select = element("select", { id: `nb-search-${filter.name}`, name: filter.name });
    select.append(element("option", { value: "", textContent: "全部" }));
    for (const value of filter.values) {
      select.append(element("option", { value: value.id, textContent: `${value.label}（${value.count}）` }));
    }
    select.value = ids.includes(wanted) ? wanted : "";
    select.addEventListener("change", () => run());
    const labelNode = element("label", { htmlFor: select.id, textContent: filter.label });
    fieldset.append(element("div", { className: "nb-search__filter" }, [labelNode, select]));
    filterNames.push(filter.name);
  }
  fieldset.hidden = false;
}

function chosenFilters() {
  const filters = {};
  for (const name of filterNames) {
    const select = form.elements[name];
    if (select && select.value) filters[name] = select.value;
  }
  return filters;
}

function writeUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function resultItem(data) {
  const meta = data.meta || {};
  const link = element("a", { href: data.url, textContent: meta.title || data.url });
  const facts = [meta.branch, meta.issuer, meta.period, stateLabel(meta)].filter(Boolean);
  const details = element("p", { className: "nb-search__meta" });
  facts.forEach((fact, i) => {
    if (i) details.append(" · ");
    details.append(element("span", { textContent: fact }));
  });
  const excerpt = element("p", { className: "nb-search__excerpt" }, excerptNodes(data.excerpt || ""));
  return element("li", { className: "nb-search__result" }, [
    element("h2", { className: "nb-search__title" }, [link]),
    details,
    excerpt,
  ]);
}

// The next page of results; the button waits meanwhile, so two clicks never take the same ones.
async function showMore(token) {
  more.disabled = true;
  try {
    if (later && pending.length < PAGE_SIZE) pending.push(...(await later(PAGE_SIZE - pending.length)));
    if (token !== generation) return;
    const batch = pending.splice(0, PAGE_SIZE);
    const items = await Promise.all(batch.map((result) => result.data()));
    if (token !== generation) return;
    for (const data of items) list.append(resultItem(data));
    shown += batch.length;
    more.hidden = shown >= total;
  } finally {
    if (token === generation) more.disabled = false;
  }
}

async function run() {
  const token = ++generation;
  const query = input.value.trim();
  const filters = chosenFilters();
  writeUrl(query, filters);
  list.replaceChildren();
  pending = [];
  later = null;
  shown = 0;
  total = 0;
  more.hidden = true;
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "请输入关键词，或选择党组织、年份等筛选条件。";
    return;
  }
  status.textContent = "正在搜索…";
  try {
    if (query && pagefind) {
      const found = await find(query, filters);
      if (token !== generation) return;
      [pending, total] = [found, found.length];
    } else if (pagefind) {
      const browsing = await browse(filters);
      if (token !== generation) return;
      [later, total] = [browsing.next, browsing.total];
    }
    await showMore(token);
  } catch (error) {
    status.textContent = "搜索暂时无法使用，请稍后再试。";
    console.error(error);
    return;
  }
  if (token !== generation) return;
  status.textContent = total
    ? `找到 ${total} 条公示`
    : "没有找到符合条件的公示。请换个关键词，或减少筛选条件。";
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  status.textContent = "正在加载搜索…";
  try {
    const url = new URL(form.dataset.pagefind, document.baseURI).href;
    const available = await loadFilters(url);
    bundles = available.bundles || [];
    stateLabels = available.labels || {};
    // No published notice, no bundle: every search finds nothing.
    if (bundles.length) pagefind = await loadPagefind(await import(url), url, bundles);
    buildFilters(available, params);
  } catch (error) {
    status.textContent = "搜索暂时无法使用，请稍后再试。";
    console.error(error);
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  more.addEventListener("click", () => showMore(generation));
  await run();
}

start();
