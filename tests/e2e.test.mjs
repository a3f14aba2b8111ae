// Browser end-to-end test: serves the built dist/ on 127.0.0.1 under a sub-path and drives
// Debian's /usr/bin/chromium with playwright-core. Build first: `trunk build --release`.
// Screenshots go to tests/artifacts/ (gitignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const dist = path.join(repo, 'dist');
const artifacts = path.join(repo, 'tests', 'artifacts');
const seedPath = path.resolve(repo, '../shared/corpus/gold/seed-asharq-putin-hollande.txt');
const SEED = fs.readFileSync(seedPath, 'utf8');
const EXAMPLE_EN = fs.readFileSync(path.join(repo, 'src/app/examples/en.txt'), 'utf8');
const EXAMPLE_AR = fs.readFileSync(path.join(repo, 'src/app/examples/ar.txt'), 'utf8');

// Tests that need the core's extraction (entities, statements, places) can be reported as `todo`
// instead of failing with KHABAR_E2E_EXTRACTION=0, e.g. while bisecting a core regression.
const PENDING_EXTRACTION = process.env.KHABAR_E2E_EXTRACTION === '0';
const pending = PENDING_EXTRACTION ? { todo: 'needs entity/statement/place extraction in the core' } : {};

const SUB = '/some/sub/path/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.txt': 'text/plain',
};
let server, browser, base;
const requests = [];
const problems = [];

before(async () => {
  // Fail, never skip: a missing build must not pass vacuously in CI.
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html missing: run \`trunk build --release\` first`);
  fs.mkdirSync(artifacts, { recursive: true });
  server = http.createServer((req, res) => {
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
  base = `http://127.0.0.1:${server.address().port}${SUB}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function newPage({ width = 1280, height = 800, colorScheme = 'light', locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale });
  const page = await context.newPage();
  // pending checks fail fast instead of waiting out the default 30 s
  if (PENDING_EXTRACTION) page.setDefaultTimeout(5000);
  page.on('request', r => requests.push(r.url()));
  page.on('pageerror', e => problems.push(`pageerror: ${e}`));
  page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return page;
}

async function open(page, hash = '') {
  await page.goto(base + hash);
  await page.waitForSelector('#article');
}

/** Wait until the text view shows (a piece of) the given text: the debounced analysis has run. */
async function analysed(page, text) {
  const probe = text.trim().split('\n')[0].slice(0, 40);
  await page.waitForFunction(p => document.querySelector('#text')?.textContent.includes(p), probe);
}

async function pasteSeed(page) {
  await open(page);
  await page.fill('#date', '2015-11-18');
  await page.fill('#article', SEED);
  await analysed(page, SEED);
}

function plainLink(text, date, lang) {
  return `#text=${encodeURIComponent(text)}&date=${date}&lang=${lang}`;
}

test('the app loads from a sub-path and analyses a pasted article', async () => {
  const page = await newPage();
  await pasteSeed(page);
  assert.equal(await page.inputValue('#date'), '2015-11-18');
  assert.equal(await page.inputValue('#article'), SEED);
  // the Arabic article reads right to left
  const dirs = await page.$$eval('#text p', ps => ps.map(p => p.getAttribute('dir')));
  assert.ok(dirs.length > 0 && dirs.every(d => d === 'rtl'), `paragraph directions: ${dirs}`);
  for (const id of ['#share', '#share-link', '#lang', 'svg#map', '#message']) {
    assert.equal(await page.locator(id).count(), 1, `${id} present`);
  }
  await page.close();
});

test('seed article: chips for Putin, Hollande, the Kremlin, Syria and Moscow with their kinds', pending, async () => {
  const page = await newPage();
  await pasteSeed(page);
  const expected = [['Putin', 'person'], ['Hollande', 'person'], ['Kremlin', 'organization'], ['Syria', 'place'], ['Moscow', 'place']];
  for (const [name, kind] of expected) {
    const chip = page.locator(`[data-entity-kind="${kind}"]`, { hasText: name });
    assert.ok(await chip.count() >= 1, `chip ${name} (${kind})`);
  }
  await page.close();
});

test('seed article: the timeline has statements and the map has pins', pending, async () => {
  const page = await newPage();
  await pasteSeed(page);
  assert.ok(await page.locator('[data-statement]').count() >= 1, 'statements');
  assert.ok(await page.locator('svg#map [data-place]').count() >= 1, 'pins');
  const names = await page.$$eval('svg#map [data-place]', gs => gs.map(g => g.getAttribute('data-name')));
  assert.ok(names.some(n => /Syria|Moscow|Russia/.test(n)), `pin names: ${names}`);
  await page.close();
});

test('clicking a chip highlights its mentions, statements and pin; clicking a statement highlights it in the text', pending, async () => {
  const page = await newPage();
  await pasteSeed(page);
  const chip = page.locator('[data-entity-kind="person"]', { hasText: 'Putin' }).first();
  const id = await chip.getAttribute('data-entity-id');
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  const marks = page.locator(`#text mark[data-entity-id="${id}"]`);
  assert.ok(await marks.count() >= 1, 'marks for the chip');
  assert.equal(await page.locator(`#text mark[data-entity-id="${id}"]:not(.hl)`).count(), 0, 'every mark highlighted');
  // the timeline is filtered to the entity
  const items = page.locator('[data-statement]');
  const n = await items.count();
  assert.ok(n >= 1, 'statements involving Putin');
  const first = items.first();
  await first.click();
  const index = await first.getAttribute('data-statement');
  await page.waitForFunction(i => document.querySelector(`#text [data-in-statement="${i}"]`)?.classList.contains('hl'), index);
  await page.screenshot({ path: path.join(artifacts, 'seed-selected-desktop.png') });
  // a pin selects its entity
  const pin = page.locator('svg#map [data-place]:not(.country)').last();  // drawn last: on top of any neighbour
  const placeId = await pin.getAttribute('data-place');
  await pin.locator('circle').click();
  assert.equal(await page.locator(`[data-entity-id="${placeId}"][aria-pressed="true"]`).count(), 1);
  assert.ok(await page.locator(`svg#map [data-place="${placeId}"].hl`).count() === 1);
  await page.close();
});

test('a share link round-trips text, date and language', async () => {
  const page = await newPage();
  await pasteSeed(page);
  await page.selectOption('#lang', 'ar');
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#v1.'));
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(base), `link ${link} is on the page's own URL`);
  assert.ok(page.url().includes('#v1.'), 'the address bar carries the fragment');
  const other = await newPage();
  await other.goto(link);
  await analysed(other, SEED);
  assert.equal(await other.inputValue('#article'), SEED);
  assert.equal(await other.inputValue('#date'), '2015-11-18');
  assert.equal(await other.inputValue('#lang'), 'ar');
  assert.equal(await other.locator('#message').textContent(), '');
  await page.close();
  await other.close();
});

test('a corrupt or truncated link shows a message and an empty editor', async () => {
  for (const hash of ['#v1.garbage', '#v1.eJzLSM3JyVcozy', '#v7.abc', '#text=%E2%82']) {
    const page = await newPage();
    await open(page, hash);
    await page.waitForFunction(() => document.querySelector('#message')?.textContent.trim().length > 0);
    assert.ok(await page.locator('#message').isVisible(), `${hash}: message visible`);
    assert.equal(await page.getAttribute('#message', 'role'), 'alert');
    assert.equal(await page.inputValue('#article'), '', `${hash}: empty editor`);
    await page.close();
  }
});

test('a plain #text=…&date=…&lang=… link opens', async () => {
  const page = await newPage();
  await open(page, plainLink(EXAMPLE_AR, '2024-03-04', 'ar'));
  await analysed(page, EXAMPLE_AR);
  assert.equal(await page.inputValue('#article'), EXAMPLE_AR);
  assert.equal(await page.inputValue('#date'), '2024-03-04');
  assert.equal(await page.inputValue('#lang'), 'ar');
  await page.close();
});

test('screenshots: desktop and phone, Arabic and English articles, light and dark', async () => {
  const articles = { ar: [EXAMPLE_AR, '2024-03-04'], seed: [SEED, '2015-11-18'], en: [EXAMPLE_EN, '2024-03-04'] };
  const sizes = { desktop: [1280, 800], phone: [390, 844] };
  for (const [article, [text, date]] of Object.entries(articles)) {
    for (const [size, [width, height]] of Object.entries(sizes)) {
      for (const colorScheme of ['light', 'dark']) {
        if (article === 'seed' && colorScheme === 'dark') continue;
        const page = await newPage({ width, height, colorScheme });
        await open(page, plainLink(text, date, article === 'en' ? 'en' : 'ar'));
        await analysed(page, text);
        await page.screenshot({ path: path.join(artifacts, `${article}-${size}-${colorScheme}.png`) });
        if (size === 'phone') {
          for (const tab of ['entities', 'timeline', 'map']) {
            await page.click(`#tab-${tab}`);
            await page.screenshot({ path: path.join(artifacts, `${article}-${size}-${colorScheme}-${tab}.png`) });
          }
        }
        await page.close();
      }
    }
  }
});

test('the interface switches to Arabic and mirrors', async () => {
  for (const [size, [width, height]] of Object.entries({ desktop: [1280, 800], phone: [390, 844] })) {
    const page = await newPage({ width, height });
    await open(page, plainLink(EXAMPLE_AR, '2024-03-04', 'ar'));
    await analysed(page, EXAMPLE_AR);
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await page.click('#ui-lang');
    await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.textContent('#share'), 'نسخ الرابط');
    await page.screenshot({ path: path.join(artifacts, `ui-ar-${size}.png`) });
    // the choice survives a reload
    await page.reload();
    await page.waitForSelector('#article');
    await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
    await page.close();
  }
});

test('exports: GeoJSON parses, analysis JSON imports back', async () => {
  const page = await newPage();
  await open(page, plainLink(EXAMPLE_EN, '2024-03-04', 'en'));
  await analysed(page, EXAMPLE_EN);
  await page.click('details.exports summary');
  const [geo] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
  const geojson = JSON.parse(fs.readFileSync(await geo.path(), 'utf8'));
  assert.equal(geojson.type, 'FeatureCollection');
  assert.ok(Array.isArray(geojson.features));
  for (const f of geojson.features) assert.equal(f.geometry.type, 'Point');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const file = await json.path();
  const fresh = await newPage();
  await open(fresh);
  await fresh.setInputFiles('#file', { name: 'export.json', mimeType: 'application/json', buffer: fs.readFileSync(file) });
  await analysed(fresh, EXAMPLE_EN);
  assert.equal(await fresh.inputValue('#article'), EXAMPLE_EN);
  assert.equal(await fresh.inputValue('#date'), '2024-03-04');
  await page.close();
  await fresh.close();
});

test('the library keeps articles across reloads; the draft survives a reload', async () => {
  const page = await newPage();
  await open(page);
  await page.fill('#article', EXAMPLE_EN);
  await analysed(page, EXAMPLE_EN);
  await page.click('#library summary');
  await page.click('#library-add');
  assert.equal(await page.locator('.library-item').count(), 1);
  await page.reload();
  await page.waitForSelector('#article');
  await analysed(page, EXAMPLE_EN);
  assert.equal(await page.inputValue('#article'), EXAMPLE_EN, 'draft restored');
  await page.click('#library summary');
  assert.equal(await page.locator('.library-item').count(), 1, 'library kept');
  await page.fill('#article', '');
  await page.locator('.library-open').first().click();
  await analysed(page, EXAMPLE_EN);
  assert.equal(await page.inputValue('#article'), EXAMPLE_EN);
  await page.close();
});

test('an HTML file is reduced to text, never rendered', async () => {
  const page = await newPage();
  await open(page);
  const html = '<html><body><h1>Port news</h1><script>window.pwned = 1</script><p>Officials in <b>Beirut</b> said the port reopens.</p><img src="http://example.com/x.png"></body></html>';
  await page.setInputFiles('#file', { name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await page.waitForFunction(() => document.querySelector('#article').value.includes('Officials in Beirut said'));
  const value = await page.inputValue('#article');
  assert.ok(!value.includes('<') && !value.includes('pwned'), value);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.close();
});

test('the page made no request outside 127.0.0.1 and logged no errors', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter(u => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(u));
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
});
