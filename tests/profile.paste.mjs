// Where a paste's time goes, from a Chromium trace: a diagnostic for BENCHMARKS.md's paste rows,
// not a test. Build first (`trunk build --release`), then
//   node tests/profile.paste.mjs [seed|big] [runs]
// Each run: a fresh page, the text pasted as the benchmark pastes it, a trace of the page's main
// thread and the worker from the paste until the views are drawn; prints per run the worker's
// analysis, the main thread's tasks over 5 ms with what they spent (script, style, layout, paint),
// and writes the last run's trace to tests/artifacts/profile-<what>.json (chrome://tracing,
// DevTools' Performance panel) and its CPU profile to tests/artifacts/profile-<what>.cpuprofile.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serveDist, launchChromium } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const shared = process.env.KHABAR_SHARED ?? path.resolve(repo, '../shared');
const artifacts = path.join(repo, 'tests', 'artifacts');
const what = process.argv[2] ?? 'seed';
const RUNS = Number(process.argv[3] ?? 3);
const UI = process.env.KHABAR_UI ?? 'en';

function bigArticle(target) {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(shared, 'corpus/news/aawsat-2015.jsonl.gz'))).toString('utf8');
  const parts = [];
  let size = 0;
  for (const l of raw.split('\n').filter(Boolean)) {
    if (size >= target) break;
    const t = JSON.parse(l).text ?? '';
    parts.push(t.trim());
    size += Buffer.byteLength(t, 'utf8') + 2;
  }
  return parts.join('\n\n');
}

const text = what === 'big' ? bigArticle(1_000_000) : fs.readFileSync(path.join(shared, 'corpus/gold/seed-asharq-putin-hollande.txt'), 'utf8');
const lines = text.trim().split('\n').filter(l => l.trim());
const probe = (what === 'big' ? lines[lines.length - 1] : lines[0]).trim().slice(0, 40);

const { server, base } = await serveDist();
const browser = await launchChromium();

const categories = (process.env.CATS ? process.env.CATS.split(',') : []).concat(['v8.wasm', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'v8']);

for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: Number(process.env.KHABAR_W ?? 1280), height: 800 }, locale: UI === 'ar' ? 'ar' : 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', e => console.error(`pageerror: ${e}`));
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.error(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
    // the worker's answer: when it arrived and how long the analysis took inside the worker
    const W = window.Worker;
    window.Worker = class extends W {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', ev => { if (ev.data?.type === 'result') window.__answer = { at: performance.now(), ms: ev.data.ms, bytes: ev.data.json?.length }; });
      }
    };
  });
  await page.goto(base);
  await page.waitForSelector('#article');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-analysis') === 'worker');
  if (what === 'seed') {
    await page.fill('#date', '2015-11-18');
    await page.waitForTimeout(400);
  }
  if (process.env.PREPASTE) {
    // another article first: the code that draws views has run once (compiled, maybe optimised)
    const other = fs.readFileSync(process.env.PREPASTE, 'utf8');
    await page.evaluate(t => { const el = document.querySelector('#article'); el.value = t; el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true })); }, other);
    await page.waitForFunction(p => (document.querySelector('#text')?.textContent ?? '').includes(p), other.trim().split('\n')[0].slice(0, 30));
    await page.waitForTimeout(Number(process.env.PREWAIT ?? 1500));
    await page.click('#edit-text');
  }
  const cdp = await context.newCDPSession(page);
  const last = run === RUNS - 1;
  const prof = last && !process.env.NOPROF;
  if (prof) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await browser.startTracing(page, { categories });
  const r = await page.evaluate(async ({ text, probe }) => {
    const el = document.querySelector('#article');
    const ready = () => (document.querySelector('#text')?.textContent ?? '').includes(probe)
      && document.querySelector('#panel-entities [data-entity-kind]') !== null
      && document.querySelector('#panel-timeline [data-statement]') !== null
      && document.querySelector('svg#map [data-place]') !== null;
    const t0 = performance.now();
    performance.mark('paste');
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => { if (ready()) { obs.disconnect(); resolve(performance.now()); } });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    const dom = await done;
    performance.mark('drawn');
    const frame = await new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    await new Promise(r => setTimeout(r, 1000));
    const tasks = window.__longtasks.filter(t => t.start >= t0 - 1).map(t => ({ at: Math.round(t.start - t0), ms: Math.round(t.duration) }));
    return { dom: dom - t0, frame: frame - t0, answerAt: window.__answer.at - t0, workerMs: window.__answer.ms, jsonBytes: window.__answer.bytes, tasks };
  }, { text, probe });
  const buf = await browser.stopTracing();
  let profile;
  if (prof) profile = (await cdp.send('Profiler.stop')).profile;
  const trace = JSON.parse(buf.toString());
  const events = trace.traceEvents ?? trace;
  // the renderer's main thread: the one with the paste's user timing mark
  const mark = events.find(e => e.name === 'paste' && e.cat?.includes('blink.user_timing'));
  const main = events.filter(e => e.pid === mark?.pid && e.tid === mark?.tid);
  const t0 = mark?.ts ?? 0;
  // CPU time (trace `tdur`), not wall time: on a loaded machine a thread waits for a core
  const cpu = e => (e.tdur ?? e.dur) / 1000;
  const end = t0 + r.frame * 1000;
  const tasks = main.filter(e => e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0 - 1000 && e.ts <= end);
  const within = (names) => main.filter(e => e.ph === 'X' && names.includes(e.name) && e.ts >= t0 && e.ts <= end).reduce((s, e) => s + cpu(e), 0);
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0 && e.ts <= end) { const k = threads.get(`${e.pid}:${e.tid}`) ?? '?'; byThread.set(k, (byThread.get(k) ?? 0) + cpu(e)); }
  const f = x => x.toFixed(1);
  console.log(`run ${run}: wall: dom ${f(r.dom)}, frame ${f(r.frame)}; answer at ${f(r.answerAt)} (worker ${f(r.workerMs)}, JSON ${r.jsonBytes} B); long tasks ${JSON.stringify(r.tasks)}`);
  console.log(`  CPU ms to the frame: main ${f(tasks.reduce((s, e) => s + cpu(e), 0))} (script ${f(within(['FunctionCall', 'TimerFire', 'EventDispatch', 'FireAnimationFrame']))}, lazy compile ${f(within(['wasm.CompileLazy']))}, style ${f(within(['UpdateLayoutTree']))}, layout ${f(within(['Layout']))}, paint ${f(within(['Paint', 'PrePaint', 'Layerize', 'Commit']))}); by thread ${[...byThread].filter(([, v]) => v > 1).map(([k, v]) => `${k} ${f(v)}`).join(', ')}`);
  for (const t of tasks.filter(t => cpu(t) > 3)) console.log(`    task at ${f((t.ts - t0) / 1000)}: wall ${f(t.dur / 1000)}, CPU ${f(cpu(t))}`);
  if (last) {
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, `profile-${what}.json`), buf);
    if (!prof) { await context.close(); continue; }
    fs.writeFileSync(path.join(artifacts, `profile-${what}.cpuprofile`), JSON.stringify(profile));
    // self time per function, over the samples taken between the paste and the views drawn
    const byId = new Map(profile.nodes.map(n => [n.id, n]));
    const self = new Map();
    const dt = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i++) {
      const n = byId.get(profile.samples[i]);
      const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
      self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
    }
    const top = [...self].filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 40);
    console.log('self time (ms), main thread, last run:');
    for (const [n, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)}  ${n}`);
  }
  await context.close();
}
await browser.close();
server.close();
