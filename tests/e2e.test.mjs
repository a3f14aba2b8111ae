// Browser end-to-end test: serves the built dist/ on 127.0.0.1 under a sub-path and drives
// Debian's /usr/bin/chromium with playwright-core. Build first: `trunk build --release`.
// Screenshots go to tests/artifacts/ (gitignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launchChromium } from './harness.mjs';

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

let server, browser, base;
const requests = [];
const problems = [];

before(async () => {
  ({ server, base } = await serveDist());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function newPage({ width = 1280, height = 800, colorScheme = 'light', locale = 'en-US', bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale, bypassCSP });
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
  // attached, not visible: a link's article folds the editor into the reading view
  await page.waitForSelector('#article', { state: 'attached' });
}

/** Wait until the text view shows (a piece of) the given text: the debounced analysis has run. */
async function analysed(page, text) {
  const probe = text.trim().split('\n')[0].slice(0, 40);
  await page.waitForFunction(p => document.querySelector('#text')?.textContent.includes(p), probe);
}

/** Type into the editor, opening it first if it has folded into the reading view. */
async function editText(page, text) {
  if (await page.locator('#edit-text').isVisible()) await page.click('#edit-text');
  await page.fill('#article', text);
}

async function pasteSeed(page) {
  await open(page);
  await page.fill('#date', '2015-11-18');
  await editText(page, SEED);
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
  // a pin inside the frame, drawn last among those: on top of any neighbour
  const placeId = await page.$$eval('svg#map [data-place]:not(.country)', (pins) => {
    const box = document.querySelector('svg#map').getBoundingClientRect();
    const inside = pins.filter(p => {
      const r = p.querySelector('circle').getBoundingClientRect();
      return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
    });
    return inside[inside.length - 1]?.getAttribute('data-place');
  });
  assert.ok(placeId, 'a pin inside the map');
  const pin = page.locator(`svg#map [data-place="${placeId}"]`);
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
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#v2.'));
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(base), `link ${link} is on the page's own URL`);
  assert.ok(page.url().includes('#v2.'), 'the address bar carries the fragment');
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

test('screenshots: every view, desktop and phone, both interfaces, light and dark', async () => {
  const articles = { ar: [EXAMPLE_AR, '2024-03-04'], seed: [SEED, '2015-11-18'], en: [EXAMPLE_EN, '2024-03-04'] };
  const sizes = { desktop: [1440, 900], phone: [390, 844] };
  for (const [ui, locale] of [['en', 'en-US'], ['ar', 'ar']]) {
    for (const [size, [width, height]] of Object.entries(sizes)) {
      for (const colorScheme of ['light', 'dark']) {
        const empty = await newPage({ width, height, colorScheme, locale });
        await open(empty);
        await empty.screenshot({ path: path.join(artifacts, `empty-ui${ui}-${size}-${colorScheme}.png`) });
        await empty.close();
        for (const [article, [text, date]] of Object.entries(articles)) {
          if (article === 'seed' && colorScheme === 'dark') continue;
          const page = await newPage({ width, height, colorScheme, locale });
          await open(page, plainLink(text, date, article === 'en' ? 'en' : 'ar'));
          await analysed(page, text);
          const name = `${article}-ui${ui}-${size}-${colorScheme}`;
          await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
          if (size === 'phone') {
            for (const tab of ['entities', 'timeline', 'map']) {
              await page.click(`#tab-${tab}`);
              await page.screenshot({ path: path.join(artifacts, `${name}-${tab}.png`) });
            }
          }
          await page.close();
        }
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
    await page.waitForSelector('#article', { state: 'attached' });
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
  await editText(page, EXAMPLE_EN);
  await analysed(page, EXAMPLE_EN);
  await page.click('#library summary');
  await page.click('#library-add');
  assert.equal(await page.locator('.library-item').count(), 1);
  await page.reload();
  await page.waitForSelector('#article', { state: 'attached' });
  await analysed(page, EXAMPLE_EN);
  assert.equal(await page.inputValue('#article'), EXAMPLE_EN, 'draft restored');
  await page.click('#library summary');
  assert.equal(await page.locator('.library-item').count(), 1, 'library kept');
  await editText(page, '');
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

// ---------- explorer: storage robustness, hostile input, the issue #6 journey, the combined view ----------

const OTHER_AR = fs.readFileSync(path.resolve(repo, '../shared/corpus/gold/aawsat-420731.txt'), 'utf8');

async function messageShown(page) {
  await page.waitForFunction(() => document.querySelector('#message')?.textContent.trim().length > 0);
  assert.ok(await page.locator('#message').isVisible(), 'message visible');
  assert.equal(await page.getAttribute('#message', 'role'), 'alert');
  return (await page.locator('#message').textContent()).trim();
}

async function openLibrary(page) {
  await page.evaluate(() => { document.querySelector('#library').open = true; });
}

async function saveArticle(page, text, date) {
  await page.fill('#date', date);
  await editText(page, text);
  await analysed(page, text);
  await openLibrary(page);
  await page.click('#library-add');
}

/** Page errors and console errors of one page (the shared `problems` list is checked at the end too). */
function watch(page) {
  const seen = [];
  page.on('pageerror', e => seen.push(`pageerror: ${e}`));
  page.on('console', m => { if (m.type() === 'error') seen.push(`console: ${m.text()}`); });
  page.on('dialog', d => { seen.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  return seen;
}

test('storage: a full quota keeps the article in the editor and in the list, with a message', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const seen = watch(page);
  await open(page);
  await saveArticle(page, EXAMPLE_EN, '2024-03-04');
  const msg = await messageShown(page);
  assert.match(msg, /could not be saved/);
  assert.match(msg, /QuotaExceededError/);
  assert.equal(await page.inputValue('#article'), EXAMPLE_EN, 'the article stays in the editor');
  assert.equal(await page.locator('.library-item').count(), 1, 'kept in the list for this visit');
  assert.match(await page.textContent('#library summary'), /this visit only/);
  // the rest of the app still works: switching the interface language cannot be remembered, silently
  await page.click('#ui-lang');
  await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
  assert.deepEqual(seen, []);
  await page.close();
});

test('storage: disabled local storage (private mode) is explained and the library works for the visit', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const seen = watch(page);
  await open(page);
  await openLibrary(page);
  assert.ok(await page.locator('#library-note').isVisible(), 'the library says storage is off');
  assert.match(await page.textContent('#library-note'), /Storage is turned off/);
  assert.match(await page.textContent('#library summary'), /this visit only/, 'said even while the library is closed');
  await saveArticle(page, EXAMPLE_EN, '2024-03-04');
  assert.match(await messageShown(page), /Storage is turned off/);
  assert.equal(await page.inputValue('#article'), EXAMPLE_EN);
  assert.equal(await page.locator('.library-item').count(), 1);
  await saveArticle(page, SEED, '2015-11-18');
  assert.equal(await page.locator('.library-item').count(), 2);
  // the combined view works from memory too
  await page.click('#library-combined');
  await page.waitForSelector('#combined .xchip');
  assert.deepEqual(seen, []);
  await page.close();
});

test('storage: corrupt library JSON is set aside with a message, and a new library starts', async () => {
  const page = await newPage();
  const seen = watch(page);
  await open(page);
  const raw = '{"version":1,"items":[{"id":"a1","title":"cut off';
  await page.evaluate(r => localStorage.setItem('khabar.library', r), raw);
  await page.reload();
  await page.waitForSelector('#article', { state: 'attached' });
  const msg = await messageShown(page);
  assert.match(msg, /could not be read/);
  assert.match(msg, /khabar\.library\.unreadable/);
  assert.equal(await page.evaluate(() => localStorage.getItem('khabar.library.unreadable')), raw, 'the damaged data is kept aside');
  await page.click('#message button');
  await saveArticle(page, EXAMPLE_EN, '2024-03-04');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('khabar.library')));
  assert.equal(stored.version, 2);
  assert.equal(stored.items.length, 1);
  assert.equal(stored.items[0].text, EXAMPLE_EN);
  assert.equal(await page.evaluate(() => localStorage.getItem('khabar.library.unreadable')), raw);
  assert.deepEqual(seen, []);
  await page.close();
});

test('storage: an unversioned library migrates to the current version; a newer one is left untouched', async () => {
  const page = await newPage();
  const seen = watch(page);
  await open(page);
  const old = [{ text: EXAMPLE_EN, date: '2024-03-04', lang: 'en' }, { title: 'Seed', text: SEED, date: '2015-11-18', lang: 'ar' }, { id: 'broken' }];
  await page.evaluate(v => localStorage.setItem('khabar.library', JSON.stringify(v)), old);
  await page.reload();
  await page.waitForSelector('#article', { state: 'attached' });
  await openLibrary(page);
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
  // one entry had no text: it is left out, said so, and the original kept aside
  assert.match(await messageShown(page), /could not be read/);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('khabar.library')));
  assert.equal(stored.version, 2, 'written back at the current version');
  assert.deepEqual(stored.items.map(i => i.text), [EXAMPLE_EN, SEED]);
  assert.ok(stored.items.every(i => i.id && i.title));
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('khabar.library.unreadable'))), old);
  await page.locator('.library-open', { hasText: 'Seed' }).click();
  await analysed(page, SEED);
  assert.equal(await page.inputValue('#date'), '2015-11-18');

  const newer = JSON.stringify({ version: 99, items: [{ id: 'z', title: 'future', text: 'from the future' }] });
  await page.evaluate(v => localStorage.setItem('khabar.library', v), newer);
  await page.reload();
  await page.waitForSelector('#article', { state: 'attached' });
  assert.match(await messageShown(page), /newer version/);
  await page.click('#message button');
  await saveArticle(page, EXAMPLE_EN, '2024-03-04');
  assert.match(await messageShown(page), /left untouched/);
  assert.equal(await page.evaluate(() => localStorage.getItem('khabar.library')), newer, 'never overwritten');
  assert.deepEqual(seen, []);
  await page.close();
});

test('hostile paste: HTML payloads are pasted as text, nothing runs, nothing is injected', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const page = await context.newPage();
  page.on('request', r => requests.push(r.url()));
  const seen = watch(page);
  await open(page);
  const injected = () => page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    svgOnload: [...document.querySelectorAll('svg')].filter(s => s.hasAttribute('onload')).length,
    inlineScripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert')).length,
  }));
  const clean = { img: 0, handlers: 0, svgOnload: 0, inlineScripts: 0 };
  for (const payload of ['<script>alert(1)</script><img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) {
    const text = `Officials in Beirut said ${payload} the port reopens.`;
    await editText(page, '');
    // a real paste: the clipboard holds both flavours, as when copying from a web page.
    // Chromium sanitises the text/html flavour while writing it, in this page, and logs the handler
    // it blocks under the page's CSP: that is the test filling the clipboard, not the app, so what
    // is logged while writing is set aside.
    const before = seen.length;
    await page.evaluate(async t => {
      await navigator.clipboard.write([new ClipboardItem({
        'text/plain': new Blob([t], { type: 'text/plain' }),
        'text/html': new Blob([t], { type: 'text/html' }),
      })]);
    }, text);
    await page.waitForTimeout(200);
    seen.splice(before);
    await page.focus('#article');
    await page.keyboard.press('Control+V');
    await page.waitForFunction(t => document.querySelector('#article').value === t, text);
    await page.waitForFunction(p => document.querySelector('#text')?.textContent.includes(p), payload);
    assert.deepEqual(await injected(), clean, payload);
  }
  // a paste that carries only HTML: reduced to its text, never rendered
  await editText(page, '');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<p>Officials in <b>Beirut</b> said</p><script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)></svg>');
    document.querySelector('#article').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#article').value.includes('Officials in Beirut said'));
  assert.ok(!(await page.inputValue('#article')).includes('<'));
  await analysed(page, 'Officials in Beirut said');
  await page.waitForTimeout(300);
  assert.deepEqual(await injected(), clean);
  assert.deepEqual(seen, [], 'no dialog, no page or console error');
  await context.close();
});

test('share links: truncated, corrupted, wrong-version, oversized and empty fragments each explain and keep the library and draft', async () => {
  const zlib = await import('node:zlib');
  const b64 = buf => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const good = Buffer.from(JSON.stringify({ t: 'Putin said "yes" in Moscow.', d: '2015-11-18' }));
  const bomb = Buffer.from(JSON.stringify({ t: 'a'.repeat(5 * 1024 * 1024) }));
  const cases = {
    truncated: '#v1.' + b64(zlib.deflateRawSync(good)).slice(0, 12),
    corrupted: '#v1.' + b64(zlib.deflateRawSync(good)).replace(/^..../, '____'),
    'bad characters': '#v1.abc$%def',
    'not a payload': '#v1.' + b64(zlib.deflateRawSync(Buffer.from('[1,2,3]'))),
    'wrong version': '#v3.' + b64(zlib.deflateRawSync(good)),
    oversized: '#v1.' + b64(zlib.deflateRawSync(bomb)),
    'empty payload': '#v1.',
    'empty text': '#text=',
    'empty text with a date': '#text=&date=2015-11-18',
    'bad date': '#text=hello&date=2015-02-30',
  };
  const page = await newPage();
  const seen = watch(page);
  await open(page);
  await saveArticle(page, EXAMPLE_EN, '2024-03-04');
  await editText(page, SEED);
  await analysed(page, SEED);
  const library = await page.evaluate(() => localStorage.getItem('khabar.library'));
  for (const [name, hash] of Object.entries(cases)) {
    await page.goto('about:blank');  // a fresh load each time, not a same-document fragment change
    await page.goto(base + hash);
    await page.waitForSelector('#article', { state: 'attached' });
    const msg = await messageShown(page);
    assert.match(msg, /could not be opened/, `${name}: ${msg}`);
    assert.equal(await page.inputValue('#article'), '', `${name}: empty editor`);
    await openLibrary(page);
    assert.equal(await page.locator('.library-item').count(), 1, `${name}: library intact`);
    assert.equal(await page.evaluate(() => localStorage.getItem('khabar.library')), library, `${name}: stored library intact`);
  }
  // the draft of the last visit is still there once the broken link is gone
  await page.goto(base);
  await analysed(page, SEED);
  assert.equal(await page.inputValue('#article'), SEED);
  assert.deepEqual(seen, []);
  await page.close();
});

test('issue #6 journey: seed → Putin → his statements → text highlight → GeoJSON → library across reload → Arabic interface', pending, async () => {
  const page = await newPage();
  const seen = watch(page);
  await pasteSeed(page);
  const chip = page.locator('#chips [data-entity-kind="person"]', { hasText: /Putin|بوتين/ }).first();
  const id = await chip.getAttribute('data-entity-id');
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  // the timeline shows statements by him
  const his = page.locator(`#timeline [data-statement][data-speaker="${id}"]`);
  assert.ok(await his.count() >= 1, 'statements by Putin');
  const item = his.last();
  const index = await item.getAttribute('data-statement');
  await item.locator('button').click();
  const target = `#text [data-in-statement="${index}"]`;
  await page.waitForFunction(sel => document.querySelector(sel)?.classList.contains('hl'), target);
  // scrolled into view inside the text panel
  await page.waitForFunction(sel => {
    const el = document.querySelector(sel).getBoundingClientRect();
    const box = document.querySelector('#text-panel').getBoundingClientRect();
    return el.bottom > box.top && el.top < box.bottom && el.bottom > 0 && el.top < window.innerHeight;
  }, target);
  // GeoJSON export parses and carries the seed's places
  await page.click('details.exports summary');
  const [geo] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
  const geojson = JSON.parse(fs.readFileSync(await geo.path(), 'utf8'));
  assert.equal(geojson.type, 'FeatureCollection');
  assert.ok(geojson.features.length >= 1);
  for (const f of geojson.features) {
    assert.equal(f.geometry.type, 'Point');
    const [lon, lat] = f.geometry.coordinates;
    assert.ok(Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
  }
  await page.click('details.exports summary');
  // the library survives a reload
  await openLibrary(page);
  await page.click('#library-add');
  await page.reload();
  await page.waitForSelector('#article', { state: 'attached' });
  await analysed(page, SEED);
  await openLibrary(page);
  assert.equal(await page.locator('.library-item').count(), 1);
  // the interface switches to Arabic and mirrors: the brand moves to the right-hand side
  const brandX = async () => (await page.locator('.brand').boundingBox()).x;
  const before = await brandX();
  await page.click('#ui-lang');
  await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
  assert.ok(await brandX() > before + 200, 'brand mirrored to the right');
  assert.equal(await page.textContent('#library summary'), 'المكتبة (1)');
  assert.deepEqual(seen, []);
  await page.close();
});

test('combined view: names across saved articles, statements side by side, keyboard, open an article; screenshots', pending, async () => {
  for (const [ui, locale] of [['en', 'en-US'], ['ar', 'ar']]) {
    for (const [size, [width, height]] of Object.entries({ desktop: [1280, 800], phone: [390, 844] })) {
      const page = await newPage({ width, height, locale });
      const seen = watch(page);
      await open(page);
      assert.equal(await page.getAttribute('html', 'lang'), ui);
      await saveArticle(page, OTHER_AR, '2015-08-02');
      await openLibrary(page);
      assert.equal(await page.locator('#library-combined').count(), 0, 'one article: nothing to combine yet');
      await saveArticle(page, SEED, '2015-11-18');
      await saveArticle(page, EXAMPLE_EN, '2024-03-04');
      await page.screenshot({ path: path.join(artifacts, `library-${ui}-${size}.png`) });
      await page.click('#library-combined');
      await page.waitForSelector('#combined .xchip');
      await page.screenshot({ path: path.join(artifacts, `combined-${ui}-${size}-names.png`) });
      assert.ok(await page.locator('main.layout').isHidden(), 'the article view is hidden');
      await page.waitForFunction(() => document.activeElement?.id === 'combined-title', null, { timeout: 5000 });
      assert.equal(await page.locator('.combined-articles li').count(), 3);
      // Putin is named in both Arabic articles: one chip for both
      const chip = page.locator('#combined .xchip').filter({ hasText: /Putin|بوتين/ }).first();
      assert.equal(await chip.getAttribute('data-articles'), '2');
      const label = await chip.textContent();
      assert.ok(/in 2 of 3|2 من أصل 3/.test(label), label);
      // keyboard: focus and Enter selects
      await chip.focus();
      await page.keyboard.press('Enter');
      assert.equal(await chip.getAttribute('aria-pressed'), 'true');
      const columns = page.locator('#combined-detail .column');
      assert.equal(await columns.count(), 2, 'one column per article he appears in');
      const said = await page.locator('#combined-detail .column .statements:not(.mentioned) .xquote').count();
      assert.ok(said >= 1, 'his statements');
      for (const time of await page.locator('#combined-detail .xquote time').all()) {
        assert.match(await time.getAttribute('datetime'), /^\d{4}(-\d{2}){0,2}$/);
      }
      // on a phone the statements are scrolled into view below the names
      await page.waitForFunction(() => {
        const r = document.querySelector('#combined-detail').getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0;
      });
      await page.waitForTimeout(400);  // smooth scrolling settles
      await page.screenshot({ path: path.join(artifacts, `combined-${ui}-${size}.png`) });
      if (ui === 'en' && size === 'desktop') {
        // only names in several articles
        await page.check('#combined-several');
        const counts = await page.$$eval('#combined .xchip', cs => cs.map(c => Number(c.dataset.articles)));
        assert.ok(counts.length >= 1 && counts.every(n => n >= 2), `${counts}`);
        // Escape goes back, focus returns to the button
        await page.keyboard.press('Escape');
        await page.waitForSelector('main.layout:not([hidden])');
        await page.waitForFunction(() => document.activeElement?.id === 'library-combined');
        await page.click('#library-combined');
        await page.waitForSelector('#combined .xchip');
        await page.locator('#combined .xchip').filter({ hasText: /Putin|بوتين/ }).first().click();
        // open the seed from its column: the editor holds it, his chip is selected
        const seedColumn = page.locator('#combined-detail .column').filter({ hasText: SEED.trim().split('\n')[0].slice(0, 30) });
        await seedColumn.locator('.combined-open').click();
        await analysed(page, SEED);
        assert.equal(await page.inputValue('#article'), SEED);
        assert.equal(await page.locator('#chips .chip[aria-pressed="true"]').count(), 1);
        assert.match(await page.textContent('#chips .chip[aria-pressed="true"]'), /Putin|بوتين/);
        // a statement in the combined view opens its article at that statement
        await page.click('#library-combined');
        await page.locator('#combined .xchip').filter({ hasText: /Putin|بوتين/ }).first().click();
        const quote = seedColumn.locator('.xquote').first();
        const index = await quote.getAttribute('data-quote-index');
        await quote.locator('button').click();
        await page.waitForFunction(i => document.querySelector(`#text [data-in-statement="${i}"]`)?.classList.contains('hl'), index);
        assert.equal(await page.inputValue('#article'), SEED);
      }
      assert.deepEqual(seen, []);
      await page.close();
    }
  }
});

// ---------- long articles (issue #7): analysis runs in a worker, the page stays usable ----------

/** About `target` bytes of real Arabic news: whole articles of the news corpus joined by blank lines. */
async function bigArabicArticle(target) {
  const zlib = await import('node:zlib');
  const raw = zlib.gunzipSync(fs.readFileSync(path.resolve(repo, '../shared/corpus/news/aawsat-2015.jsonl.gz'))).toString('utf8');
  const parts = [];
  let size = 0;
  for (const line of raw.split('\n')) {
    if (size >= target) break;
    if (!line.trim()) continue;
    const text = JSON.parse(line).text?.trim();
    if (!text) continue;
    parts.push(text);
    size += Buffer.byteLength(text, 'utf8') + 2;
  }
  return parts.join('\n\n');
}

/** Paste as a browser does: the editor's value changes, then an input event of type insertFromPaste. */
async function pasteText(page, text) {
  await page.evaluate(t => {
    const el = document.querySelector('#article');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }, text);
}

test('a 1 MB paste is analysed in the worker with progress shown; the page stays usable and the text intact', async () => {
  const big = await bigArabicArticle(1_000_000);
  assert.ok(Buffer.byteLength(big) >= 1_000_000);
  const paragraphs = big.split('\n').map(l => l.trim()).filter(Boolean);
  const last = paragraphs[paragraphs.length - 1].slice(0, 40);
  const page = await newPage();
  page.setDefaultTimeout(120_000);
  await open(page);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-analysis') === 'worker');
  await pasteText(page, big);
  // while the worker analyses, the page answers: the interface language switches
  const progress = page.locator('#analysing');
  // progress shows once the work has taken more than a moment (unless the results come first)
  await page.waitForFunction(p => !document.querySelector('#analysing').hidden || document.querySelector('#text')?.textContent.includes(p), last);
  if (await progress.isVisible()) {
    assert.match(await progress.textContent(), /Analysing 1\.\d MB/);
    await page.screenshot({ path: path.join(artifacts, 'progress-1mb.png') });
  }
  await page.click('#ui-lang');
  await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
  await page.click('#ui-lang');
  // results: the whole text is drawn, with entities, statements and places
  await page.waitForFunction(p => document.querySelector('#text')?.textContent.includes(p), last);
  assert.ok(await page.locator('#panel-entities [data-entity-kind]').count() > 0, 'entities');
  assert.ok(await page.locator('[data-statement]').count() > 0, 'statements');
  assert.ok(await page.locator('svg#map [data-place]').count() > 0, 'pins');
  assert.equal(await progress.isVisible(), false, 'progress gone');
  // the editor kept every character, and still takes typing
  assert.equal((await page.inputValue('#article')).length, big.length);
  // the paste folded the editor into the reading view; "Edit text" brings it back, focused
  await page.click('#edit-text');
  await page.waitForFunction(() => document.activeElement?.id === 'article', null, { timeout: 5000 });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Beirut');
  assert.ok((await page.inputValue('#article')).endsWith(' Beirut'));
  await page.close();
});

test('an older analysis never replaces a newer one: paste 1 MB, then the seed at once', async () => {
  const big = await bigArabicArticle(1_000_000);
  const page = await newPage();
  page.setDefaultTimeout(120_000);
  await open(page);
  await page.fill('#date', '2015-11-18');
  await pasteText(page, big);
  await pasteText(page, SEED);
  await analysed(page, SEED);
  // the worker answers in order: once the seed is shown, the 1 MB answer has come and gone
  await page.waitForTimeout(300);
  const shown = await page.textContent('#text');
  assert.ok(shown.length < SEED.length * 1.5, `the text view shows the seed only (${shown.length} characters)`);
  assert.equal(await page.inputValue('#article'), SEED);
  assert.equal(await page.locator('#analysing').isVisible(), false);
  await page.close();
});

test('a worker whose wasm traps: a clear message, the text kept, and a fresh worker analyses the next edit', async () => {
  const page = await newPage();
  // a real trap inside the worker's wasm: wasm-bindgen's allocator asked for an impossible
  // alignment aborts, as a panic does, when the text carries the marker
  await page.context().route('**/worker.js', async route => {
    const res = await route.fetch();
    const init = 'await glue.default({ module_or_path: wasm });';
    const call = 'const json = core.analyze_json(';
    let body = await res.text();
    assert.ok(body.includes(init) && body.includes(call), 'public/worker.js still has the lines this test hooks into');
    body = body
      .replace(init, 'const exports = await glue.default({ module_or_path: wasm }); self.trapNow = () => exports.__wbindgen_malloc(1, 3);')
      .replace(call, "if (req.text.includes('TRAP-HERE')) self.trapNow();\n    " + call);
    await route.fulfill({ response: res, body });
  });
  await open(page);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-analysis') === 'worker');
  const broken = EXAMPLE_EN.trim() + '\nTRAP-HERE';
  await pasteText(page, broken);
  await page.waitForFunction(() => document.querySelector('#message')?.textContent.includes('internal error'));
  const message = await page.textContent('#message');
  assert.match(message, /Your text is kept/);
  assert.doesNotMatch(message, /unreachable|RuntimeError/, 'the trap\'s own words stay out of the message');
  // never lost work: the editor holds every character
  if (await page.locator('#edit-text').isVisible()) await page.click('#edit-text');
  assert.equal(await page.inputValue('#article'), broken);
  await page.screenshot({ path: path.join(artifacts, 'worker-trapped.png') });
  // a fresh worker took the trapped one's place: the next edit is analysed there
  await page.fill('#article', EXAMPLE_EN);
  await analysed(page, EXAMPLE_EN);
  assert.equal(await page.getAttribute('html', 'data-analysis'), 'worker');
  assert.ok(await page.locator('#panel-entities [data-entity-kind]').count() > 0, 'entities from the fresh worker');
  await page.close();
});

// ---------- the reading desk (issue #15): every view in sight, map, timeline, keyboard, accessibility ----------

/** Whether an element's box lies inside the window and inside every scrolling pane around it. */
async function inSight(locator) {
  return locator.evaluate(el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const fits = b => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
    if (!fits({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (/(auto|scroll|hidden)/.test(style.overflowY + style.overflowX) && !fits(p.getBoundingClientRect())) return false;
    }
    return true;
  });
}

test('first viewport: after a paste at 1440×900 and 1280×800 the article, chips, four statements and the map are in sight', pending, async () => {
  for (const [ui, locale] of [['en', 'en-US'], ['ar', 'ar']]) {
    for (const [width, height] of [[1440, 900], [1280, 800]]) {
      const page = await newPage({ width, height, locale });
      const seen = watch(page);
      await open(page);
      await page.fill('#date', '2015-11-18');
      await pasteText(page, SEED);
      await analysed(page, SEED);
      await page.waitForSelector('[data-statement]');
      // one copy of the article: the editor folded into the reading view
      assert.ok(await page.locator('#article').isHidden(), 'editor folded');
      assert.ok(await page.locator('#edit-text').isVisible(), 'Edit text offered');
      assert.equal(await page.evaluate(() => document.scrollingElement.scrollHeight <= window.innerHeight + 1), true, 'the page itself does not scroll');
      const where = `${ui} ${width}×${height}`;
      await page.screenshot({ path: path.join(artifacts, `desk-${ui}-${width}x${height}.png`) });
      assert.ok(await inSight(page.locator('#text-panel')), `${where}: the article pane`);
      const text = await page.locator('#text-panel').boundingBox();
      assert.ok(text.height >= 250, `${where}: the article pane is ${text.height}px tall`);
      assert.ok(await inSight(page.locator('#chips .chip').first()), `${where}: a chip`);
      const statements = page.locator('#timeline [data-statement]');
      let shown = 0;
      for (let i = 0; i < Math.min(await statements.count(), 8); i++) if (await inSight(statements.nth(i))) shown++;
      assert.ok(shown >= 4, `${where}: ${shown} statements in sight`);
      assert.ok(await inSight(page.locator('svg#map')), `${where}: the map`);
      // Edit text brings the editor back, focused, with the same text
      await page.click('#edit-text');
      assert.ok(await page.locator('#article').isVisible());
      // focus moves in the next animation frame, which a loaded machine may delay
      await page.waitForFunction(() => document.activeElement?.id === 'article', null, { timeout: 5000 });
      assert.equal(await page.inputValue('#article'), SEED);
      assert.deepEqual(seen, []);
      await page.close();
    }
  }
});

test('the empty editor is laid out right to left in the Arabic interface', async () => {
  const page = await newPage({ locale: 'ar' });
  await open(page);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.$eval('#article', el => getComputedStyle(el).direction), 'rtl');
  await page.screenshot({ path: path.join(artifacts, 'empty-ar-desktop.png') });
  await page.close();
});

test('map: a town named only for its government or an agreement gets no pin; the list says why', pending, async () => {
  const page = await newPage();
  await open(page);
  const text = 'Paris said on Monday it would not sign the new text. The Paris agreement was signed by 195 countries. Officials met in Moscow and in Cairo on Tuesday.';
  await editText(page, text);
  await analysed(page, text);
  await page.waitForSelector('#places .place-row');
  const row = name => page.locator('#places .place-row', { hasText: name });
  assert.match(await row('Paris').textContent(), /government or an agreement/);
  const pinned = await page.$$eval('svg#map [data-place]', pins => pins.map(p => p.getAttribute('data-place')));
  const paris = await row('Paris').getAttribute('data-place-id');
  const moscow = await row('Moscow').getAttribute('data-place-id');
  assert.ok(!pinned.includes(paris), 'no pin for Paris');
  assert.ok(pinned.includes(moscow), 'Moscow is pinned');
  await page.screenshot({ path: path.join(artifacts, 'map-figurative-en.png') });
  await page.close();
});

test('map: framed places, labels that cover no pin or label and stay inside, zoom and pan, the list of places', pending, async () => {
  const page = await newPage({ width: 1440, height: 900 });
  const seen = watch(page);
  await pasteSeed(page);
  await page.waitForSelector('svg#map [data-place]');
  const geometry = () => page.evaluate(() => {
    const svg = document.querySelector('svg#map').getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const pins = [...document.querySelectorAll('svg#map .pin')].map(g => ({ id: g.dataset.place, circle: box(g.querySelector('circle')), label: g.querySelector('text').getAttribute('visibility') === 'visible' ? box(g.querySelector('text')) : null }));
    return { svg: { l: svg.left, t: svg.top, r: svg.right, b: svg.bottom }, pins, transform: document.querySelector('svg#map .world').getAttribute('transform') };
  });
  const overlap = (a, b) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
  const inside = (a, b) => a.l >= b.l - 1 && a.r <= b.r + 1 && a.t >= b.t - 1 && a.b <= b.b + 1;
  const g = await geometry();
  const onMap = g.pins.filter(p => inside(p.circle, g.svg));
  assert.ok(onMap.length >= 1, 'pins inside the frame');
  const labels = g.pins.filter(p => p.label);
  assert.ok(labels.length >= 1, 'labelled pins');
  for (const p of labels) {
    assert.ok(inside(p.label, g.svg), `label of ${p.id} inside the map`);
    for (const q of g.pins) if (inside(q.circle, g.svg)) assert.ok(!overlap(p.label, q.circle), `label of ${p.id} covers pin ${q.id}`);
    for (const q of labels) if (q !== p) assert.ok(!overlap(p.label, q.label), `labels of ${p.id} and ${q.id} overlap`);
  }
  // zoom and pan: buttons, keys, wheel; Fit frames the article again
  await page.click('#map-zoom-in');
  const zoomed = (await geometry()).transform;
  assert.notEqual(zoomed, g.transform, 'zoomed in');
  await page.focus('svg#map');
  await page.keyboard.press('ArrowLeft');
  assert.notEqual((await geometry()).transform, zoomed, 'panned by key');
  const box = await page.locator('svg#map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = (await geometry()).transform;
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(t => document.querySelector('svg#map .world').getAttribute('transform') !== t, before);
  await page.mouse.move(box.x + 50, box.y + 50);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 90, { steps: 4 });
  await page.mouse.up();
  await page.click('#map-reset');
  assert.equal((await geometry()).transform, g.transform, 'Fit frames the article again');
  // the list of places, each with its mentions, selects like a chip
  const rows = page.locator('#places .place-row');
  assert.ok(await rows.count() >= 1);
  assert.match(await rows.first().locator('.count').textContent(), /^\d+$/);
  const id = await rows.first().getAttribute('data-place-id');
  await rows.first().click();
  assert.equal(await page.locator(`#chips .chip[data-entity-id="${id}"]`).getAttribute('aria-pressed'), 'true');
  assert.equal(await rows.first().getAttribute('aria-pressed'), 'true');
  // labels follow the interface language
  await page.click('#ui-lang');
  await page.waitForFunction(() => [...document.querySelectorAll('svg#map .pin text')].some(t => /[\u0600-\u06FF]/.test(t.textContent)));
  await page.screenshot({ path: path.join(artifacts, 'map-ar-1440x900.png') });
  assert.deepEqual(seen, []);
  await page.close();
});

test('map: places named in the interface language whatever the article\'s: an English article in the Arabic interface, an Arabic one in the English', pending, async () => {
  const arabic = /^[\u0600-\u06FF][\u0600-\u06FF -]*$/;
  for (const [size, [width, height]] of Object.entries({ desktop: [1440, 900], phone: [390, 844] })) {
    const page = await newPage({ width, height, locale: 'ar' });
    await open(page, plainLink(EXAMPLE_EN, '2024-03-04', 'en'));
    await analysed(page, EXAMPLE_EN);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    if (size === 'phone') await page.click('#tab-map');
    await page.waitForSelector('svg#map [data-place]');
    const labels = await page.$$eval('svg#map .pin text', ts => ts.filter(t => t.getAttribute('visibility') === 'visible').map(t => ({ text: t.textContent, lang: t.getAttribute('lang') })));
    assert.ok(labels.length >= 1, `${size}: labelled pins`);
    for (const l of labels) {
      assert.match(l.text, arabic, `${size}: the label «${l.text}» is in Arabic`);
      assert.equal(l.lang, 'ar', `${size}: the label «${l.text}» is marked Arabic`);
    }
    assert.ok(labels.some(l => l.text === 'بيروت' || l.text === 'القاهرة'), `${size}: Beirut or Cairo by its Arabic name: ${labels.map(l => l.text)}`);
    const rows = await page.$$eval('#places .place-row .name', ns => ns.map(n => n.textContent));
    assert.ok(rows.includes('بيروت') && rows.includes('القاهرة'), `${size}: the list of places in Arabic: ${rows}`);
    if (size === 'desktop') {
      // the chips too: a place's Arabic name beside the article's English one, and the filter finds it by that name
      const glosses = await page.$$eval('#chips .chip[data-entity-kind="place"] bdi.en', bs => bs.map(b => ({ text: b.textContent, lang: b.getAttribute('lang') })));
      assert.ok(glosses.some(g => g.text === 'بيروت' && g.lang === 'ar'), `Beirut's chip says بيروت: ${JSON.stringify(glosses)}`);
      await page.fill('#chips input.filter', 'بيروت');
      await page.waitForFunction(() => document.querySelectorAll('#chips .chip').length === 1);
      assert.equal(await page.textContent('#chips .chip .name'), 'Beirut');
      await page.fill('#chips input.filter', '');
    }
    await page.screenshot({ path: path.join(artifacts, `map-en-article-uiar-${size}.png`) });
    await page.close();
  }
  const page = await newPage({ width: 1440, height: 900 });
  await open(page, plainLink(EXAMPLE_AR, '2024-03-04', 'ar'));
  await analysed(page, EXAMPLE_AR);
  await page.waitForSelector('svg#map [data-place]');
  const labels = await page.$$eval('svg#map .pin text', ts => ts.filter(t => t.getAttribute('visibility') === 'visible').map(t => t.textContent));
  assert.ok(labels.length >= 1, 'labelled pins');
  for (const l of labels) assert.match(l, /^[A-Za-z][A-Za-z .'-]*$/, `the label «${l}» is in English`);
  const rows = await page.$$eval('#places .place-row .name', ns => ns.map(n => n.textContent));
  assert.ok(rows.length >= 1 && rows.every(r => !/[\u0600-\u06FF]/.test(r)), `the list of places in English: ${rows}`);
  await page.screenshot({ path: path.join(artifacts, 'map-ar-article-uien-desktop.png') });
  await page.close();
});

test('timeline: days on an axis, undated statements last, a speaker\'s statements grouped, a speaker filter', pending, async () => {
  const page = await newPage({ width: 1440, height: 900 });
  await pasteSeed(page);
  await page.waitForSelector('#timeline .day');
  const days = await page.$$eval('#timeline .day', ds => ds.map(d => ({ undated: d.classList.contains('undated'), date: d.querySelector('time').getAttribute('datetime') })));
  const dated = days.filter(d => !d.undated).map(d => d.date);
  assert.deepEqual(dated, [...dated].sort(), 'days in order');
  const undated = days.findIndex(d => d.undated);
  assert.ok(undated === -1 || undated === days.length - 1, 'the undated group comes last');
  // no run follows another by the same speaker on the same day
  const runs = await page.$$eval('#timeline .day', ds => ds.map(d => [...d.querySelectorAll('.run')].map(r => r.querySelector('[data-speaker]')?.dataset.speaker)));
  for (const day of runs) for (let i = 1; i < day.length; i++) assert.ok(day[i] === '' || day[i] !== day[i - 1], `runs ${day}`);
  // the speaker filter keeps one speaker's statements
  const all = await page.locator('#timeline [data-statement]').count();
  const options = await page.$$eval('#speaker-filter option', os => os.map(o => o.value).filter(Boolean));
  assert.ok(options.length >= 2, 'speakers to choose from');
  await page.selectOption('#speaker-filter', options[0]);
  const speakers = await page.$$eval('#timeline [data-statement]', ss => ss.map(s => s.dataset.speaker));
  assert.ok(speakers.length >= 1 && speakers.length < all);
  await page.close();
});

test('filter across scripts: a Latin spelling finds an Arabic name; no match says so', pending, async () => {
  const page = await newPage();
  await pasteSeed(page);
  const filter = page.locator('#chips input.filter');
  await filter.fill('Putin');
  await page.waitForFunction(() => [...document.querySelectorAll('#chips .chip')].some(c => c.textContent.includes('بوتين')));
  // the French spelling reads the same consonants
  await filter.fill('Poutine');
  await page.waitForFunction(() => [...document.querySelectorAll('#chips .chip')].some(c => c.textContent.includes('بوتين')));
  await filter.fill('Zyxwq');
  await page.waitForSelector('#chips .no-match');
  assert.match(await page.textContent('#chips .no-match'), /No name matches «Zyxwq»/);
  await filter.fill('');
  await page.close();
});

test('keyboard: arrows in chips, statements and tabs; Escape clears the selection; next mention; skip links', pending, async () => {
  const page = await newPage();
  await pasteSeed(page);
  const first = page.locator('#chips .chip-group').first().locator('.chip');
  await first.first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelectorAll('#chips .chip-group')[0].querySelectorAll('.chip')[1]), true, 'arrow moves to the next chip');
  await page.keyboard.press('Enter');
  const id = await page.evaluate(() => document.activeElement.dataset.entityId);
  assert.equal(await page.locator(`#chips .chip[data-entity-id="${id}"]`).getAttribute('aria-pressed'), 'true');
  // every mention of the selected name is reachable
  await page.click('#mention-next');
  assert.equal(await page.evaluate(() => document.activeElement?.matches('#text mark.hl')), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#chips [aria-pressed="true"]').count(), 0, 'Escape clears the selection');
  // statements: one Tab stop, arrows move
  const body = page.locator('#timeline .statement-body').first();
  await body.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelectorAll('#timeline .statement-body')[1]), true);
  // a skip link moves the focus to a pane
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.activeElement.blur());
  await page.focus('.skip-links a[href="#map-panel"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'map-panel');
  await page.close();
  // phone: the tab bar takes arrow keys
  const phone = await newPage({ width: 390, height: 844 });
  await open(phone, plainLink(EXAMPLE_EN, '2024-03-04', 'en'));
  await analysed(phone, EXAMPLE_EN);
  await phone.focus('#tab-article');
  await phone.keyboard.press('ArrowRight');
  assert.equal(await phone.getAttribute('#tab-entities', 'aria-selected'), 'true');
  assert.equal(await phone.evaluate(() => document.activeElement?.id), 'tab-entities');
  await phone.close();
});

/** axe-core in the page: violations of serious or critical impact. */
async function axeProblems(page) {
  await page.addScriptTag({ path: path.join(repo, 'node_modules/axe-core/axe.min.js') });
  const results = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}

test('accessibility: axe-core finds no serious or critical violation (empty page, seed analysed, combined view; both interfaces)', pending, async () => {
  for (const locale of ['en-US', 'ar']) {
    // axe is injected as a script of the test's own: the page's CSP (tested above) would refuse it
    const page = await newPage({ locale, bypassCSP: true });
    await open(page);
    assert.deepEqual(await axeProblems(page), [], `${locale}: empty page`);
    await saveArticle(page, OTHER_AR, '2015-08-02');
    await saveArticle(page, SEED, '2015-11-18');
    await page.waitForSelector('[data-statement]');
    await page.locator('#chips .chip').first().click();
    assert.deepEqual(await axeProblems(page), [], `${locale}: the seed analysed`);
    await page.click('#library-combined');
    await page.waitForSelector('#combined .xchip');
    await page.locator('#combined .xchip').first().click();
    assert.deepEqual(await axeProblems(page), [], `${locale}: the combined view`);
    await page.close();
  }
});
