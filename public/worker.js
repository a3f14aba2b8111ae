// The analysis worker: runs Khabar's core off the page's main thread, so a long article never
// freezes the editor. A module worker started by the app (src/app/engine.rs); it loads the same
// wasm-bindgen glue and wasm as the page (their hashed URLs come in the first message) and calls
// the exports of src/wasm_api.rs. The wasm start function sees no window here and mounts nothing.
//
// Messages in:  {type: 'init', js, wasm}
//               {type: 'analyze', id, text, lang, date}
// Messages out: {type: 'ready', ms}  (ms: load + start-up, gazetteer and lexicons decoded)
//               {type: 'failed', error}  (the worker cannot analyse: the app falls back to the main thread)
//               {type: 'result', id, json, ms} | {type: 'error', id, error, trapped}
//               (trapped: the wasm instance hit a trap and must not be called again: the app
//               starts a fresh worker)
// Only the newest request waiting is analysed: older ones still queued are dropped unanswered
// (the app ignores any answer but the newest anyway).

let core = null;
let pending = null;
let scheduled = false;

async function init({ js, wasm }) {
  const t0 = performance.now();
  try {
    const glue = await import(js);
    await glue.default({ module_or_path: wasm });
    glue.warm_up();
    core = glue;
    postMessage({ type: 'ready', ms: performance.now() - t0 });
    schedule();
    setTimeout(warm, 0);
  } catch (e) {
    postMessage({ type: 'failed', error: String(e?.message ?? e) });
  }
}

// While nothing is asked, the engine's code runs on the app's example articles, a task at a time
// (core.warm_jit): V8 compiles each wasm function on its first call and optimises hot ones in the
// background, so the first article pasted runs on compiled, mostly optimised code instead of
// paying for that itself. A request waits at most for the one step under way.
let warmStep = 0;
function warm() {
  if (!core || pending || scheduled) return;
  let more = false;
  try {
    more = core.warm_jit(warmStep++);
  } catch (e) {
    // a trapped instance must not be called again: analysis moves to the page
    if (e instanceof WebAssembly.RuntimeError) {
      core = null;
      postMessage({ type: 'failed', error: String(e?.message ?? e) });
    }
    return;
  }
  if (more) setTimeout(warm, 0);
}

function schedule() {
  if (scheduled || !core || !pending) return;
  scheduled = true;
  // a task later, so requests already queued behind this one replace it first
  setTimeout(run, 0);
}

function run() {
  scheduled = false;
  const req = pending;
  pending = null;
  if (!req) return;
  const t0 = performance.now();
  try {
    const json = core.analyze_json(req.text, req.lang ?? '', req.date ?? '');
    postMessage({ type: 'result', id: req.id, json, ms: performance.now() - t0 });
  } catch (e) {
    const trapped = e instanceof WebAssembly.RuntimeError;
    postMessage({ type: 'error', id: req.id, error: String(e?.message ?? e), trapped });
    if (trapped) {
      // a trapped instance's memory may be inconsistent: answer nothing more
      core = null;
      pending = null;
      return;
    }
  }
  schedule();
}

onmessage = ({ data }) => {
  if (data?.type === 'init') {
    if (!core) init(data);
  } else if (data?.type === 'analyze') {
    pending = data;
    schedule();
  }
};
