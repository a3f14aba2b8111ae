// Shared set-up for browser tests: serves the built dist/ on 127.0.0.1 under a sub-path and drives
// Debian's /usr/bin/chromium with playwright-core. Build first: `trunk build --release`.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..');
export const dist = path.join(repo, 'dist');
export const artifacts = path.join(repo, 'tests', 'artifacts');
export const EXAMPLE_EN = fs.readFileSync(path.join(repo, 'src/app/examples/en.txt'), 'utf8');
export const EXAMPLE_AR = fs.readFileSync(path.join(repo, 'src/app/examples/ar.txt'), 'utf8');

const SUB = '/some/sub/path/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.txt': 'text/plain',
};

/** What the pages of this run did wrong: requests outside the server, errors logged. */
export const problems = [];
export const state = { base: '', browser: null };

/** Serve dist/ under a sub-path on 127.0.0.1 (as a static host would); resolves to { server, base }. */
export async function serveDist() {
  // Fail, never skip: a missing build must not pass vacuously in CI.
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html missing: run \`trunk build --release\` first`);
  fs.mkdirSync(artifacts, { recursive: true });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(SUB)) { res.writeHead(404); return res.end('outside the sub-path'); }
    p = p.slice(SUB.length - 1);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dist, path.normalize(p));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}${SUB}` };
}

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage'],
  });
}

/** Start the server and the browser before the file's tests, stop them after. */
export function harness() {
  let server;
  before(async () => {
    ({ server, base: state.base } = await serveDist());
    state.browser = await launchChromium();
  });
  after(async () => {
    await state.browser?.close();
    server?.close();
  });
}

export async function newPage({ width = 1280, height = 800, colorScheme = 'light', locale = 'en-US', context } = {}) {
  const ctx = context ?? await state.browser.newContext({ viewport: { width, height }, colorScheme, locale, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('request', r => { if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
  page.on('pageerror', e => problems.push(`pageerror: ${e}`));
  page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('dialog', d => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  return page;
}

export async function open(page, hash = '') {
  await page.goto(state.base + hash);
  // attached, not visible: a link's article folds the editor into the reading view
  await page.waitForSelector('#article', { state: 'attached' });
}

/** Type into the editor, opening it first if it has folded into the reading view. */
export async function editText(page, text) {
  if (await page.locator('#edit-text').isVisible()) await page.click('#edit-text');
  await page.fill('#article', text);
}

/** Wait until the text view shows (a piece of) the given text: the debounced analysis has run. */
export async function analysed(page, text) {
  const probe = text.trim().split('\n')[0].slice(0, 40);
  await page.waitForFunction(p => document.querySelector('#text')?.textContent.includes(p), probe);
}

export function plainLink(text, date, lang) {
  return `#text=${encodeURIComponent(text)}&date=${date}&lang=${lang}`;
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false });
}
