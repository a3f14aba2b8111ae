// Browser benchmark: the web app built in dist/, served on 127.0.0.1, timed in headless Chromium
// (Debian's /usr/bin/chromium via playwright-core). Build first: `trunk build --release`.
// Run: `npm run bench:browser` (KHABAR_BENCH_QUICK=1 for fewer runs).
//
// Measures, each as the median of several runs:
//   - cold load of dist/ (empty cache) to an interactive editor, and to the analysis worker ready;
//   - start-up: one fresh decode of the gazetteer and lexicons in WebAssembly;
//   - WASM analysis throughput (ms / 1000 words, MB/s) on the corpora of the native benchmark:
//     Arabic news (../shared/corpus/news/aawsat-2015.jsonl.gz), English news (PolNeAR train);
//   - a paste of the seed article until all four views (text, entities, timeline, map) are drawn;
//   - a 1 MB paste: time to results, longest main-thread task (PerformanceObserver 'longtask');
//   - dist/ file sizes, raw and gzipped.
// Budgets (issue #7) are reported, never asserted. Prints a markdown table and writes
// tests/artifacts/bench-browser.json.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const dist = path.join(repo, 'dist');
const shared = process.env.KHABAR_SHARED ?? path.resolve(repo, '../shared');
const artifacts = path.join(repo, 'tests', 'artifacts');
const QUICK = process.env.KHABAR_BENCH_QUICK === '1';
const RUNS = QUICK ? 3 : 7;
const PASSES = QUICK ? 1 : 5;

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist}/index.html missing: run \`trunk build --release\` first`);
  process.exit(1);
}

// ---------- corpora (the same as benches/analyze.rs) ----------

function arabicNews(limit) {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(shared, 'corpus/news/aawsat-2015.jsonl.gz'))).toString('utf8');
  return raw.split('\n').filter(Boolean).slice(0, limit).map(l => JSON.parse(l)).map(d => ({ text: d.text ?? '', date: d.date ?? '' }));
}

function englishNews(limit) {
  const dir = path.join(shared, 'corpus/quotes/polnear/train/text');
  return fs.readdirSync(dir).sort().slice(0, limit).map(f => ({ text: fs.readFileSync(path.join(dir, f), 'utf8'), date: '2016-09-01' }));
}

const words = t => t.split(/\s+/).filter(Boolean).length;
const bytes = t => Buffer.byteLength(t, 'utf8');
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** About `target` bytes of real news: whole articles joined by blank lines (none cut). */
function bigArticle(target) {
  const docs = arabicNews(5000);
  const parts = [];
  let size = 0;
  for (const d of docs) {
    if (size >= target) break;
    parts.push(d.text.trim());
    size += bytes(d.text) + 2;
  }
  return parts.join('\n\n');
}

// ---------- server and browser ----------

const SUB = '/bench/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.txt': 'text/plain',
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!p.startsWith(SUB)) { res.writeHead(404); return res.end(); }
  p = p.slice(SUB.length - 1);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(dist, path.normalize(p));
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}${SUB}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage'],
});

// Runs in the page before any of its scripts: timestamps for the editor and the worker, and a
// record of every long main-thread task.
function instrument() {
  window.__bench = { longtasks: [] };
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const b = window.__bench;
    if (b.editor === undefined && document.querySelector('#article')) b.editor = performance.now();
    const mode = document.documentElement.getAttribute('data-analysis');
    if (b.engine === undefined && mode) { b.engine = performance.now(); b.mode = mode; }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** A fresh browser context (empty cache, empty storage) with the page loaded and the worker ready. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', e => console.error(`pageerror: ${e}`));
  await page.addInitScript(instrument);
  await page.goto(base);
  await page.waitForSelector('#article');
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-analysis'));
  return { context, page };
}

/**
 * Paste `text` as a browser does (the editor's value changes, then an `input` event with
 * inputType insertFromPaste) and wait until every view shows it. Resolves to timings in ms from
 * the paste: `dom` when the last view changed, `frame` when the next frame was produced, and the
 * longest main-thread task in between (0 if none over 50 ms), plus whether progress was shown.
 */
async function paste(page, text, { probe, settle = 300 } = {}) {
  return page.evaluate(async ({ text, probe, settle }) => {
    const el = document.querySelector('#article');
    // the probe is in the first or the last paragraph: reading the whole text of a long article
    // on every batch of mutations was the probe's own work, charged to the page's tasks
    const shows = () => {
      const ps = document.querySelectorAll('#text p');
      return ps.length > 0 && (ps[0].textContent.includes(probe) || ps[ps.length - 1].textContent.includes(probe));
    };
    const ready = () => {
      return shows()
        && document.querySelector('#panel-entities [data-entity-kind]') !== null
        && document.querySelector('#panel-timeline [data-statement]') !== null
        && document.querySelector('svg#map [data-place]') !== null;
    };
    let progress = false;
    const t0 = performance.now();
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => {
        const bar = document.querySelector('#analysing');
        if (bar && !bar.hidden) progress = true;
        if (ready()) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    const dom = await done;
    const frame = await new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    await new Promise(r => setTimeout(r, settle));
    const tasks = window.__bench.longtasks.filter(t => t.start >= t0 - 1);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return { dom: dom - t0, frame: frame - t0, longest, longtasks: tasks.length, progress };
  }, { text, probe, settle });
}

const results = { when: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`, chromium: browser.version(), quick: QUICK };

// ---------- cold load ----------
{
  const editor = [], engine = [];
  let mode;
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await freshPage();
    const b = await page.evaluate(() => window.__bench);
    editor.push(b.editor); engine.push(b.engine); mode = b.mode;
    await context.close();
  }
  results.coldLoad = { editorMs: round(median(editor)), workerReadyMs: round(median(engine)), analysis: mode, runs: editor.map(x => round(x)) };
}

// ---------- start-up and throughput (in WebAssembly, on the page's module instance) ----------
{
  const { context, page } = await freshPage();
  const glue = await page.evaluate(() => document.querySelector('script[data-khabar-js]').dataset.khabarJs);
  // The page's own instance has analysed nothing (the worker does): its first analysis pays every
  // table decoded on first use (gazetteer, lexicons, both taggers' models); a second one does not.
  const seed = fs.readFileSync(path.join(shared, 'corpus/gold/seed-asharq-putin-hollande.txt'), 'utf8');
  const cold = await page.evaluate(async ({ glue, seed }) => {
    const m = await import(new URL(glue, document.baseURI).href);
    const english = 'The president said in Cairo on Monday that talks would go on.';
    const t0 = performance.now();
    m.analyze_json(seed, 'ar', '2015-11-18');
    m.analyze_json(english, 'en', '');
    const t1 = performance.now();
    m.analyze_json(seed, 'ar', '2015-11-18');
    m.analyze_json(english, 'en', '');
    return { first: t1 - t0, warm: performance.now() - t1 };
  }, { glue, seed });
  const startup = await page.evaluate(async ({ glue, runs }) => {
    const m = await import(new URL(glue, document.baseURI).href);
    const out = [];
    for (let i = 0; i < runs; i++) out.push(m.bench_startup_ms());
    return out;
  }, { glue, runs: RUNS });
  results.startup = {
    ms: round(median(startup), 2), first: round(startup[0], 2), runs: startup.map(x => round(x, 2)),
    // everything decoded on first use, Arabic and English: first analysis minus a warm one
    allTablesMs: round(cold.first - cold.warm, 1), firstAnalysisMs: round(cold.first, 1), warmAnalysisMs: round(cold.warm, 1),
  };

  results.throughput = [];
  const corpora = [
    ['Arabic news (Asharq Al-Awsat 2015)', 'ar', arabicNews(QUICK ? 300 : 1500)],
    ['English news (PolNeAR train)', 'en', englishNews(QUICK ? 200 : 840)],
  ];
  for (const [name, lang, docs] of corpora) {
    // the native benchmark analyses each text against its own date: group by date
    const byDate = new Map();
    for (const d of docs) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d.text]);
    const groups = [...byDate].map(([date, texts]) => ({ date, json: JSON.stringify(texts) }));
    const passes = await page.evaluate(async ({ glue, lang, groups, passes }) => {
      const m = await import(new URL(glue, document.baseURI).href);
      const out = [];
      for (let p = 0; p < passes; p++) {
        let ms = 0;
        for (const g of groups) ms += m.bench_analyze_ms(g.json, lang, g.date);
        out.push(ms);
      }
      return out;
    }, { glue, lang, groups, passes: PASSES });
    const w = docs.reduce((s, d) => s + words(d.text), 0);
    const b = docs.reduce((s, d) => s + bytes(d.text), 0);
    const ms = median(passes);
    results.throughput.push({
      corpus: name, lang, docs: docs.length, words: w, mb: round(b / 1e6, 2),
      msPer1000Words: round(ms / (w / 1000), 3), mbPerS: round(b / 1e6 / (ms / 1000), 2), passesMs: passes.map(x => round(x)),
    });
  }
  await context.close();
}

// ---------- seed paste → four views ----------
{
  const seed = fs.readFileSync(path.join(shared, 'corpus/gold/seed-asharq-putin-hollande.txt'), 'utf8');
  const probe = seed.trim().split('\n')[0].slice(0, 40);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await freshPage();
    await page.fill('#date', '2015-11-18');
    await page.waitForTimeout(400); // let the date's own (empty) analysis pass
    runs.push(await paste(page, seed, { probe }));
    await context.close();
  }
  results.seedPaste = {
    bytes: bytes(seed), domMs: round(median(runs.map(r => r.dom))), frameMs: round(median(runs.map(r => r.frame))),
    longestTaskMs: round(Math.max(...runs.map(r => r.longest))), runs: runs.map(r => round(r.frame)),
  };
}

// ---------- 1 MB paste ----------
{
  const big = bigArticle(1_000_000);
  const lines = big.trim().split('\n').filter(l => l.trim());
  const probe = lines[lines.length - 1].trim().slice(0, 40); // the last paragraph: the whole text is drawn
  const runs = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const { context, page } = await freshPage();
    runs.push(await paste(page, big, { probe, settle: 1000 }));
    // the page still answers: typing reaches the editor
    await page.focus('#article');
    await page.keyboard.press('End');
    await page.keyboard.type(' x');
    await context.close();
  }
  results.bigPaste = {
    bytes: bytes(big), words: words(big), resultsMs: round(median(runs.map(r => r.frame))),
    longestTaskMs: round(median(runs.map(r => r.longest))), worstTaskMs: round(Math.max(...runs.map(r => r.longest))),
    longtasks: median(runs.map(r => r.longtasks)), progressShown: runs.every(r => r.progress),
    runs: runs.map(r => ({ resultsMs: round(r.frame), longestTaskMs: round(r.longest) })),
  };
}

await browser.close();
server.close();

// ---------- dist/ sizes ----------
{
  const files = [];
  const walk = dir => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else {
        const raw = fs.readFileSync(p);
        files.push({ file: path.relative(dist, p), bytes: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  files.sort((a, b) => b.bytes - a.bytes);
  results.dist = { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

// ---------- report ----------
const verdict = (x, budget) => (x <= budget ? 'met' : '**NOT met**');
const r = results;
const rows = [
  ['cold load → interactive editor', `${r.coldLoad.editorMs} ms`, '≤ 1000 ms', verdict(r.coldLoad.editorMs, 1000)],
  ['cold load → analysis worker ready', `${r.coldLoad.workerReadyMs} ms (${r.coldLoad.analysis})`, '', ''],
  ['start-up (gazetteer + Arabic tables, wasm: `Resources::build` and the Arabic pack)', `${r.startup.ms} ms (first ${r.startup.first} ms)`, '≤ 50 ms', verdict(r.startup.ms, 50)],
  ['start-up incl. tables decoded on first use (NER models, Arabic lexicon)', `${r.startup.allTablesMs} ms (first seed + English line ${r.startup.firstAnalysisMs} ms, warm ${r.startup.warmAnalysisMs} ms)`, '≤ 50 ms', verdict(r.startup.allTablesMs, 50)],
  ...r.throughput.map(t => [
    `wasm analysis: ${t.corpus}`, `${t.msPer1000Words} ms / 1000 words, ${t.mbPerS} MB/s (${t.docs} docs, ${t.words} words, ${t.mb} MB)`,
    '', '',
  ]),
  ['paste seed → four views drawn', `${r.seedPaste.frameMs} ms (DOM ${r.seedPaste.domMs} ms)`, '≤ 100 ms', verdict(r.seedPaste.frameMs, 100)],
  [`paste ${round(r.bigPaste.bytes / 1e6, 2)} MB → all views drawn`, `${r.bigPaste.resultsMs} ms`, '', ''],
  ['1 MB paste: longest main-thread task', `${r.bigPaste.longestTaskMs} ms (worst run ${r.bigPaste.worstTaskMs} ms; progress shown: ${r.bigPaste.progressShown})`, '≤ 100 ms', verdict(r.bigPaste.worstTaskMs, 100)],
  ['dist/ total', `${round(r.dist.bytes / 1024)} KiB, ${round(r.dist.gzip / 1024)} KiB gzipped`, '', ''],
];
console.log(`\nBrowser benchmark (headless Chromium ${r.chromium}, ${r.machine}; medians of ${RUNS} runs)\n`);
console.log('| measure | result | budget | |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log('\n| dist/ file | bytes | gzip |');
console.log('|---|---:|---:|');
for (const f of r.dist.files) console.log(`| ${f.file} | ${f.bytes} | ${f.gzip} |`);
fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'bench-browser.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: ${path.relative(repo, path.join(artifacts, 'bench-browser.json'))}`);
