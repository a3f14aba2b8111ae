// Browser tests of corrections, article metadata and the library archive (issue #16): each
// correction is made, survives a reload, travels in a share link, reaches the exports, and undoes;
// links made before share links carried corrections still open; the library searches, sorts,
// filters, exports and imports, and a damaged import changes nothing. Screenshots: tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { harness, problems, state, newPage, open, editText, analysed, shot, EXAMPLE_EN, EXAMPLE_AR } from './harness.mjs';

harness();

const chipOf = (page, kind, name) => page.locator(`#chips [data-entity-kind="${kind}"]`, { hasText: name }).first();

/** The English example pasted (not opened from a link: a reload would open the link again). */
async function openExample(page) {
  await open(page);
  await page.fill('#date', '2024-03-04');
  await editText(page, EXAMPLE_EN);
  await analysed(page, EXAMPLE_EN);
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return fs.readFileSync(await file.path(), 'utf8');
}

async function openExports(page) {
  if (await page.locator('details.exports').getAttribute('open') === null) await page.click('details.exports summary');
}

async function exportJson(page) {
  await openExports(page);
  return JSON.parse(await download(page, '#export-json'));
}

/** Select `words` in the reading view as a reader would with the mouse. */
async function selectInText(page, words) {
  await page.evaluate(w => {
    for (const p of document.querySelectorAll('#text p')) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.textContent.indexOf(w);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + w.length);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        window.dispatchEvent(new PointerEvent('pointerup'));
        return;
      }
    }
    throw new Error(`${w} not in the text`);
  }, words);
}

test('renaming an entity: made, shown as corrected, kept on reload, shared, exported, undone and redone', async () => {
  const page = await newPage();
  await openExample(page);
  const chip = chipOf(page, 'person', 'Nassar');
  const id = await chip.getAttribute('data-entity-id');
  await chip.click();
  await page.waitForSelector('#fix-entity');
  await page.fill('#fix-name-en', 'Transport Minister Nassar');
  await page.press('#fix-name-en', 'Enter');
  const corrected = page.locator(`#chips [data-entity-id="${id}"].corrected`);
  await corrected.waitFor();
  assert.match(await corrected.textContent(), /Transport Minister Nassar/);
  assert.match(await page.textContent('#fix-count'), /1 correction/);
  await shot(page, 'archive-entity-corrected');

  // reload: the draft keeps the correction
  await page.reload();
  await analysed(page, EXAMPLE_EN);
  await page.locator(`#chips [data-entity-id="${id}"].corrected`).waitFor();

  // share: the link carries it (v2) and opens corrected elsewhere
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#v2.'));
  const link = await page.inputValue('#share-link');
  const other = await newPage();
  await other.goto(link);
  await analysed(other, EXAMPLE_EN);
  const shared = other.locator(`#chips [data-entity-id="${id}"].corrected`);
  await shared.waitFor();
  assert.match(await shared.textContent(), /Transport Minister Nassar/);
  await other.close();

  // export: the corrected analysis, the correction itself and the metadata
  const json = await exportJson(page);
  assert.equal(json.format_version, 2);
  assert.equal(json.entities.find(e => e.id === id).name_en, 'Transport Minister Nassar');
  assert.equal(json.corrections.length, 1);
  assert.equal(json.corrections[0].op, 'set_english');
  assert.ok(json.metadata.title && !json.metadata.title.startsWith('BEIRUT'), `title ${json.metadata.title}`);
  const csv = await download(page, '#export-entities');
  assert.match(csv, /Transport Minister Nassar/);

  // undo by button, redo by keyboard, undo by keyboard
  await page.click('#undo');
  await page.waitForFunction(i => !document.querySelector(`#chips [data-entity-id="${i}"]`).classList.contains('corrected'), id);
  assert.doesNotMatch(await page.textContent(`#chips [data-entity-id="${id}"]`), /Transport Minister/);
  // the keys work anywhere but in a text field
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+Shift+Z');
  await corrected.waitFor();
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(i => !document.querySelector(`#chips [data-entity-id="${i}"]`).classList.contains('corrected'), id);
  await page.close();
});

test('merge, someone else, not a name, delete, and a name the machine missed', async () => {
  const page = await newPage();
  await openExample(page);
  const places = await page.locator('#chips [data-entity-kind="place"]').count();
  // merge Alexandria into Tripoli (a wrong merge, but a merge: the chip goes, the mentions join)
  const tripoli = chipOf(page, 'place', 'Tripoli');
  const tripoliId = await tripoli.getAttribute('data-entity-id');
  const alexandriaId = await chipOf(page, 'place', 'Alexandria').getAttribute('data-entity-id');
  const before = Number(await tripoli.locator('.count').textContent());
  await tripoli.click();
  await page.selectOption('#fix-merge', alexandriaId);
  await page.click('#fix-merge-go');
  await page.waitForFunction(a => !document.querySelector(`#chips [data-entity-id="${a}"]`), alexandriaId);
  assert.ok(Number(await page.locator(`#chips [data-entity-id="${tripoliId}"] .count`).textContent()) > before);
  assert.equal(await page.locator('#chips [data-entity-kind="place"]').count(), places - 1);
  await page.click('#undo');
  await page.locator(`#chips [data-entity-id="${alexandriaId}"]`).waitFor();

  // "someone else": a mention of Nassar becomes an entity of its own
  const nassar = chipOf(page, 'person', 'Nassar');
  const people = await page.locator('#chips [data-entity-kind="person"]').count();
  await nassar.click();
  await page.locator('#fix-entity .fix-detach').last().click();
  await page.waitForFunction(n => document.querySelectorAll('#chips [data-entity-kind="person"]').length === n + 1, people);

  // "not a name": removing a mention; deleting an entity
  const orgs = await page.locator('#chips [data-entity-kind="organization"]').count();
  await chipOf(page, 'organization', 'World Bank').click();
  await page.click('#fix-delete');
  await page.waitForFunction(n => document.querySelectorAll('#chips [data-entity-kind="organization"]').length === n - 1, orgs);
  assert.equal(await page.locator('#chips [data-entity-kind="organization"]', { hasText: 'World Bank' }).count(), 0);

  // a stretch of text the machine did not mark becomes an entity
  await selectInText(page, 'container ships');
  await page.waitForSelector('#fix-selection');
  await page.selectOption('#fix-new-kind', 'equipment');
  await page.click('#fix-add');
  const ships = page.locator('#chips [data-entity-kind="equipment"]', { hasText: 'container ships' });
  await ships.waitFor();
  assert.equal(await page.locator('#text mark', { hasText: 'container ships' }).count(), 1);
  assert.equal(await page.locator('#fix-count').textContent(), '3 corrections', 'the undone merge is gone from the list');

  // all three reach the JSON export and survive a reload and the share link
  const json = await exportJson(page);
  assert.deepEqual(json.corrections.map(c => c.op), ['detach', 'delete_entity', 'add_entity']);
  assert.ok(json.entities.some(e => e.kind === 'equipment' && e.name === 'container ships'));
  assert.ok(!json.entities.some(e => e.name === 'World Bank'));
  await page.reload();
  await analysed(page, EXAMPLE_EN);
  await page.locator('#chips [data-entity-kind="equipment"]', { hasText: 'container ships' }).waitFor();
  await shot(page, 'archive-corrections-after-reload');
  // undo all, one by one
  for (let n = 0; n < 3; n++) await page.click('#undo');
  await page.locator('#chips [data-entity-kind="organization"]', { hasText: 'World Bank' }).waitFor();
  assert.ok(await page.locator('#undo').isDisabled());
  await page.close();
});

// the desk groups statements: the speaker is the run's heading, the date the day's
test('statements: a described speaker, a date, a deletion; in the timeline, the CSV and after a reload', async () => {
  const page = await newPage();
  await openExample(page);
  const statements = await page.locator('[data-statement]').count();
  assert.ok(statements >= 2, `${statements} statements`);
  await page.locator('[data-statement] .statement-body').first().click();
  await page.waitForSelector('#fix-statement');
  const index = await page.getAttribute('#fix-statement', 'data-statement-index');
  await page.selectOption('#fix-speaker', '@description');
  await page.fill('#fix-speaker-desc', 'a port official');
  await page.click('#fix-speaker-save');
  const item = page.locator(`[data-statement="${index}"]`);
  await page.waitForFunction(i => document.querySelector(`[data-statement="${i}"]`)?.closest('.run')?.querySelector('.speaker')?.textContent.includes('a port official'), index);
  assert.ok(await item.evaluate(el => el.classList.contains('corrected')));
  await page.fill('#fix-date', '2024-03-01');
  await page.click('#fix-date-save');
  await page.waitForFunction(i => document.querySelector(`[data-statement="${i}"]`)?.closest('.day')?.querySelector('time')?.getAttribute('datetime') === '2024-03-01', index);
  await shot(page, 'archive-statement-corrected');
  await openExports(page);
  const csv = await download(page, '#export-csv');
  assert.match(csv, /^\uFEFFarticle_title,outlet,published,/);
  assert.match(csv, /a port official/);
  assert.match(csv, /2024-03-01/);
  await page.reload();
  await analysed(page, EXAMPLE_EN);
  await page.waitForFunction(i => document.querySelector(`[data-statement="${i}"]`)?.closest('.run')?.querySelector('.speaker')?.textContent.includes('a port official'), index);
  // delete the last statement
  await page.locator('[data-statement] .statement-body').last().click();
  await page.waitForSelector('#fix-statement');
  await page.click('#fix-statement-delete');
  await page.waitForFunction(n => document.querySelectorAll('[data-statement]').length === n - 1, statements);
  await page.click('#undo');
  await page.waitForFunction(n => document.querySelectorAll('[data-statement]').length === n, statements);
  await page.close();
});

test('share links made before corrections (v1) still open', async () => {
  // made by src/share.rs's encoder at version v1 (its test `v1_links_still_open` holds the same link)
  const made = '#v1.q1YqUbJSCknMyS5WKEotLs1NVcjMU3BPzUstS9RTqgUA';
  const b64 = buf => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const byHand = '#v1.' + b64(zlib.deflateRawSync(Buffer.from(JSON.stringify({ t: EXAMPLE_AR, d: '2024-03-04', l: 'ar', v: 'timeline' }))));
  const page = await newPage();
  await open(page, made);
  await analysed(page, 'Talks resume in Geneva.');
  assert.equal(await page.inputValue('#article'), 'Talks resume in Geneva.');
  await page.goto('about:blank');
  await open(page, byHand);
  await analysed(page, EXAMPLE_AR);
  assert.equal(await page.inputValue('#date'), '2024-03-04');
  assert.equal(await page.locator('#message').textContent(), '');
  await page.close();
});

test('metadata: proposed from the text (never a dateline), edited, saved, shared', async () => {
  const page = await newPage();
  await open(page);
  const release = 'الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nأكد وزير الصحة أن الوزارة تتابع الحالات المسجلة في المنطقة الشرقية وأن الوضع مطمئن.';
  await editText(page, release);
  await analysed(page, release);
  await page.click('#meta summary');
  const title = await page.getAttribute('#meta-title', 'placeholder');
  assert.ok(title.startsWith('أكد وزير الصحة'), `proposed title ${title}`);
  assert.equal(await page.getAttribute('#meta-outlet', 'placeholder'), 'Saudi Press Agency');
  await page.fill('#meta-author', 'Health desk');
  await page.press('#meta-author', 'Tab');
  await page.fill('#meta-url', 'javascript:alert(1)');
  await page.press('#meta-url', 'Tab');
  await page.waitForFunction(() => document.querySelector('#message').textContent.includes('http'));
  assert.equal(await page.inputValue('#meta-url'), '');
  await page.click('#library summary');
  await page.click('#library-add');
  const item = page.locator('.library-item').first();
  assert.match(await item.textContent(), /أكد وزير الصحة/);
  assert.match(await item.textContent(), /Saudi Press Agency/);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('khabar.library')));
  assert.equal(stored.version, 2);
  assert.equal(stored.items[0].meta.author, 'Health desk');
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#v2.'));
  const other = await newPage();
  await other.goto(await page.inputValue('#share-link'));
  await analysed(other, release);
  assert.equal(await other.inputValue('#meta-author'), 'Health desk');
  await other.close();
  await page.close();
});

test('library: corrections kept per article, search, sort and filter, export and import, a hostile import changes nothing', async () => {
  const page = await newPage();
  await openExample(page);
  await page.click('#meta summary');
  await page.fill('#meta-outlet', 'Harbour Gazette');
  await page.press('#meta-outlet', 'Tab');
  await page.click('#library summary');
  await page.click('#library-add');
  // a correction made after saving follows the saved copy
  await chipOf(page, 'organization', 'World Bank').click();
  await page.click('#fix-delete');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('khabar.library')).items[0].corrections?.length === 1);
  await editText(page, EXAMPLE_AR);
  await analysed(page, EXAMPLE_AR);
  await page.click('#library-add');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);

  // search: text, a name in Arabic, a speaker; nothing found says so
  await page.fill('#library-search', 'Alexandria');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length >= 1);
  const hits = await page.locator('.library-item').allTextContents();
  assert.ok(hits.some(h => h.includes('Harbour Gazette')), hits.join(' | '));
  // a name in either script finds both articles: the Arabic name through its English form, the
  // English one through the transliterated query
  for (const q of ['نصار', 'Karim Nassar', 'كريم نصار']) {
    await page.fill('#library-search', q);
    await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
    assert.equal(await page.locator('.library-item .library-found', { hasText: /name|speaker/ }).count(), 2, q);
  }
  await page.fill('#library-search', 'Alexandria Nassar');
  await page.waitForSelector('#library-no-match');
  await page.fill('#library-search', 'zzqx');
  await page.waitForSelector('#library-no-match');
  await page.fill('#library-search', '');
  // filter by outlet, sort by title
  await page.selectOption('#library-outlet', 'Harbour Gazette');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 1);
  await page.selectOption('#library-outlet', '');
  await page.selectOption('#library-sort', 'oldest');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
  await shot(page, 'archive-library');

  // the whole library as one file, and the CSVs with titles, outlets and character offsets
  const file = await download(page, '#library-export');
  assert.equal(JSON.parse(file).format, 'khabar-library');
  const entities = await download(page, '#library-entities-csv');
  assert.match(entities, /^\uFEFFarticle_title,outlet,published,entity_id/);
  assert.match(entities, /Harbour Gazette/);
  const statementsCsv = await download(page, '#library-statements-csv');
  assert.match(statementsCsv, /content_start_char/);

  // a fresh browser imports it; a damaged file and a hostile one change nothing
  const fresh = await newPage();
  await open(fresh);
  await fresh.click('#library summary');
  await fresh.setInputFiles('#library-import', { name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await fresh.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
  const kept = await fresh.evaluate(() => localStorage.getItem('khabar.library'));
  for (const bad of ['{"format":"khabar-library","version":2,"items":[', '{"format":"khabar-library","version":2,"items":[{"id":"<img src=x onerror=alert(1)>"}]}', '{"format":"khabar-library","version":9,"items":[]}']) {
    await fresh.setInputFiles('#library-import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await fresh.waitForFunction(() => document.querySelector('#message').textContent.includes('nothing was imported'));
    assert.equal(await fresh.evaluate(() => localStorage.getItem('khabar.library')), kept);
    assert.equal(await fresh.locator('.library-item').count(), 2);
    await fresh.click('#message button');
  }
  assert.equal(await fresh.locator('img').count(), 0);
  // the imported article opens with its correction
  await fresh.locator('.library-open', { hasText: 'Harbour Gazette' }).click();
  await analysed(fresh, EXAMPLE_EN);
  assert.equal(await fresh.locator('#chips [data-entity-kind="organization"]', { hasText: 'World Bank' }).count(), 0);
  assert.match(await fresh.textContent('#fix-count'), /1 correction/);
  await fresh.close();

  // the combined view labels its badges as articles and explains an empty several-articles filter
  await page.click('#library-combined');
  await page.waitForSelector('#combined .xchip');
  assert.match(await page.locator('#combined .art-badge').first().textContent(), /Article 1/);
  await page.check('#combined-several');
  const empty = await page.locator('#combined-empty').count();
  if (empty) assert.match(await page.textContent('#combined-empty'), /more than one saved article/);
  // every statement of both articles on one axis, filterable by article
  const all = await page.locator('#merged-timeline .xentry').count();
  assert.ok(all >= 4, `${all} statements on the merged timeline`);
  await page.selectOption('#merged-article', '0');
  await page.waitForFunction(n => document.querySelectorAll('#merged-timeline .xentry').length < n, all);
  assert.equal(await page.locator('#merged-timeline .xentry:not([data-article="0"])').count(), 0);
  await shot(page, 'archive-combined-timeline');
  await page.close();
});

/** Both examples saved in a library (English first), on a page left at the library. */
async function twoArticles(page) {
  await openExample(page);
  await page.click('#library summary');
  await page.click('#library-add');
  await editText(page, EXAMPLE_AR);
  await analysed(page, EXAMPLE_AR);
  await page.click('#library-add');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
}

test('combined chips: a long name ends in an ellipsis and keeps its article badges on its line', async () => {
  const long = 'Organisation for the Prohibition of Chemical Weapons and the International Atomic Energy Agency';
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const page = await newPage({ width, height });
    await twoArticles(page);
    await page.click('#library-combined');
    await page.waitForSelector('#combined .xchip');
    const g = await page.$eval('#combined .xchip', (chip, long) => {
      const text = [...chip.querySelector('.name').childNodes].find(n => n.nodeType === Node.TEXT_NODE);
      text.nodeValue = long;
      const box = el => el.getBoundingClientRect();
      return { name: box(chip.querySelector('.name')), arts: box(chip.querySelector('.arts')), chip: box(chip), pane: box(chip.closest('.combined-chips')) };
    }, long);
    assert.ok(g.arts.top < g.name.bottom && g.name.top < g.arts.bottom, `${width}: the badges on the name's line ${JSON.stringify(g)}`);
    assert.ok(g.chip.left >= g.pane.left - 1 && g.chip.right <= g.pane.right + 1, `${width}: the chip inside its pane ${JSON.stringify(g)}`);
    assert.ok(g.chip.height < 2 * g.arts.height + 16, `${width}: one line ${JSON.stringify(g)}`);
    await shot(page, `archive-combined-long-name-${width}`);
    await page.close();
  }
});

test('combined map: every place of every article, pins sized by articles, a pin lists its articles and mentions', async () => {
  const page = await newPage();
  await twoArticles(page);
  const file = await download(page, '#library-export');
  await page.click('#library-combined');
  await page.waitForSelector('#xmap [data-place]');
  const pins = await page.$$eval('#xmap .pin', gs => gs.map(g => ({ id: g.dataset.place, r: Number(g.querySelector('circle').getAttribute('r')), label: g.getAttribute('aria-label') })));
  assert.ok(pins.length >= 3, JSON.stringify(pins));
  // a place in both articles is bigger than one in a single article, and says so
  const shared = pins.filter(p => /in 2 of 2 articles/.test(p.label));
  const single = pins.filter(p => /in 1 of 2 articles/.test(p.label));
  assert.ok(shared.length >= 1 && single.length >= 1, JSON.stringify(pins));
  assert.ok(Math.min(...shared.map(p => p.r)) > Math.max(...single.map(p => p.r)), JSON.stringify(pins));
  // the article's own map is untouched by the combined one
  assert.equal(await page.locator('#xmap-zoom-in').count(), 1);
  const pin = page.locator(`#xmap [data-place="${shared[0].id}"]`);
  // the circle: the pin's hidden label widens its box past it
  await pin.locator('circle').click();
  await page.waitForSelector('#xmap-picked .xmap-article');
  assert.equal(await page.locator('#xmap-picked .xmap-article').count(), 2);
  for (const article of await page.locator('#xmap-picked .xmap-article').all()) {
    assert.ok(await article.locator('.xmap-mentions mark').count() >= 1, 'each article shows its mentions in context');
  }
  assert.ok(await page.locator(`#xmap [data-place="${shared[0].id}"].hl`).count() === 1, 'the picked pin is highlighted');
  // the same pick selects the name among the chips, and the keyboard picks too
  assert.equal(await page.getAttribute(`#combined .xchip[data-group-key="${shared[0].id}"]`, 'aria-pressed'), 'true');
  await page.locator('#combined-map').scrollIntoViewIfNeeded();
  await shot(page, 'archive-combined-map-desktop-en');
  await pin.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#xmap-picked .xmap-article', { state: 'detached' });
  // opening an article from the list selects the place there
  await pin.locator('circle').click();
  await page.locator('#xmap-picked .combined-open').first().click();
  await page.waitForSelector('#combined', { state: 'detached' });
  await page.locator('#chips [aria-pressed="true"]').first().waitFor();
  await page.close();

  // phone, Arabic interface, the same library imported
  const phone = await newPage({ width: 390, height: 844, locale: 'ar' });
  await open(phone);
  await phone.click('#library summary');
  await phone.setInputFiles('#library-import', { name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await phone.waitForFunction(() => document.querySelectorAll('.library-item').length === 2);
  await phone.click('#library-combined');
  await phone.waitForSelector('#xmap [data-place]');
  const arabic = await phone.$$eval('#xmap .pin text[lang="ar"]', ts => ts.length);
  assert.ok(arabic >= 1, 'labels in Arabic in the Arabic interface');
  await phone.locator(`#xmap [data-place="${shared[0].id}"] circle`).click();
  await phone.waitForSelector('#xmap-picked .xmap-article');
  assert.match(await phone.textContent('#xmap-picked'), /الخبر 1/);
  await phone.evaluate(() => document.querySelector('#xmap-title').scrollIntoView({ block: 'start' }));
  await shot(phone, 'archive-combined-map-phone-ar');
  await phone.locator('#xmap-picked').scrollIntoViewIfNeeded();
  await shot(phone, 'archive-combined-map-picked-phone-ar');
  await phone.close();
});

test('a speaker across articles: from the names and the merged timeline, every statement with its date and article, exported', async () => {
  const page = await newPage();
  await twoArticles(page);
  await page.click('#library-combined');
  const chip = page.locator('#combined .xchip[data-group-key^="person:"]', { hasText: 'Nassar' }).first();
  await chip.click();
  await page.click('#combined-speaker-open');
  await page.waitForSelector('#speaker-page');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'speaker-title');
  const key = await page.getAttribute('#speaker-page', 'data-group-key');
  const rows = page.locator('#speaker-statements li');
  const n = await rows.count();
  assert.ok(n >= 4, `${n} statements`);
  const articles = new Set(await rows.evaluateAll(ls => ls.map(l => l.dataset.article)));
  assert.deepEqual([...articles].sort(), ['0', '1'], 'statements from both articles');
  // in date order, each with a date and its article's title
  const dates = await page.$$eval('#speaker-statements li time', ts => ts.map(t => t.getAttribute('datetime')));
  assert.equal(dates.length, n);
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(await page.locator('#speaker-statements li .column-title').count(), n);
  assert.match(await page.textContent('#speaker-summary'), new RegExp(`${n} statements in 2 articles`));
  await shot(page, 'archive-speaker-desktop-en');
  // exports: the same columns as every statements file, and JSON naming the articles
  const csv = await download(page, '#speaker-csv');
  assert.match(csv, /^\uFEFFarticle_title,outlet,published,/);
  assert.equal(csv.trim().split('\r\n').length, n + 1);
  const json = JSON.parse(await download(page, '#speaker-json'));
  assert.equal(json.format, 'khabar-speaker');
  assert.equal(json.statements.length, n);
  assert.ok(json.statements.every(s => s.article.title && s.content));
  // back, and the same page from the merged timeline; Escape goes back too
  await page.click('#speaker-back');
  await page.waitForSelector('#speaker-page', { state: 'detached' });
  await page.locator(`#merged-timeline .speaker-link[data-speaker-key="${key}"]`).first().click();
  await page.waitForSelector('#speaker-page');
  assert.equal(await page.getAttribute('#speaker-page', 'data-group-key'), key);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#speaker-page', { state: 'detached' });
  assert.equal(await page.locator('#combined').count(), 1, 'Escape leaves the page, not the combined view');
  // a statement opens its article at that statement
  await page.click('#combined-speaker-open');
  await page.locator('#speaker-statements .statement-body').first().click();
  await page.waitForSelector('#combined', { state: 'detached' });
  await page.waitForSelector('#text .said.hl');
  await page.close();

  const phone = await newPage({ width: 390, height: 844 });
  await twoArticles(phone);
  await phone.click('#ui-lang');
  await phone.click('#library-combined');
  await phone.locator(`#merged-timeline .speaker-link[data-speaker-key="${key}"]`).first().click();
  await phone.waitForSelector('#speaker-page');
  assert.match(await phone.textContent('#speaker-summary'), /في 2 من الأخبار/);
  await shot(phone, 'archive-speaker-phone-ar');
  await phone.close();
});

test('marking a name with the keyboard only: arrows select words, Shift grows the selection, Enter goes to the tool', async () => {
  const page = await newPage();
  await openExample(page);
  await page.focus('#text-panel');
  const selected = () => page.evaluate(() => getSelection().toString());
  for (let i = 0; i < 60 && await selected() !== 'container'; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await selected(), 'container');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await selected(), 'container ships');
  assert.equal(await page.textContent('#fix-selection .sel'), 'container ships');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await selected(), 'container ships');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'fix-new-kind');
  await page.keyboard.press('e');
  assert.equal(await page.inputValue('#fix-new-kind'), 'equipment');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fix-add');
  await page.keyboard.press('Enter');
  await page.locator('#chips [data-entity-kind="equipment"]', { hasText: 'container ships' }).waitFor();
  assert.equal(await page.locator('#text mark', { hasText: 'container ships' }).count(), 1);
  await page.close();

  // Arabic: the arrows follow the page's direction (← is the next word)
  const ar = await newPage({ locale: 'ar' });
  await open(ar);
  await ar.fill('#date', '2024-03-04');
  await editText(ar, EXAMPLE_AR);
  await analysed(ar, EXAMPLE_AR);
  await ar.focus('#text-panel');
  const sel = () => ar.evaluate(() => getSelection().toString());
  for (let i = 0; i < 60 && await sel() !== 'سفن'; i++) await ar.keyboard.press('ArrowLeft');
  assert.equal(await sel(), 'سفن');
  await ar.keyboard.press('Shift+ArrowLeft');
  assert.equal(await sel(), 'سفن الحاويات');
  await shot(ar, 'archive-keyboard-mark-desktop-ar');
  await ar.keyboard.press('Enter');
  await ar.waitForFunction(() => document.activeElement?.id === 'fix-new-kind');
  await ar.close();
});

test('the archive pages made no request outside 127.0.0.1, logged no error and opened no dialog', () => {
  assert.deepEqual(problems, []);
  assert.ok(state.base);
});
