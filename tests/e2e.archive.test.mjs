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
  await page.fill('#library-search', 'نصار');
  await page.waitForFunction(() => document.querySelectorAll('.library-item').length === 1);
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

test('the archive pages made no request outside 127.0.0.1, logged no error and opened no dialog', () => {
  assert.deepEqual(problems, []);
  assert.ok(state.base);
});
