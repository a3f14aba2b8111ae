// Screenshots of the seed article pasted, for looking at: desktop and phone, both interfaces, every
// tab on a phone. Not a test. Build first (`trunk build --release`), then `node tests/shots.mjs`;
// PNGs in tests/artifacts/shots/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launchChromium } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const out = path.join(repo, 'tests', 'artifacts', 'shots');
const seed = fs.readFileSync(path.resolve(repo, '../shared/corpus/gold/seed-asharq-putin-hollande.txt'), 'utf8');
const extra = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : null;
fs.mkdirSync(out, { recursive: true });

const { server, base } = await serveDist();
const browser = await launchChromium();

for (const ui of ['en', 'ar']) {
  for (const [size, width, height] of [['desktop', 1440, 900], ['laptop', 1280, 800], ['phone', 390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width, height }, locale: ui === 'ar' ? 'ar' : 'en-US', deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    page.on('pageerror', e => console.error(`pageerror: ${e}`));
    await page.goto(base);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-analysis'));
    await page.fill('#date', '2015-11-18');
    await page.evaluate(t => {
      const el = document.querySelector('#article');
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    }, extra ?? seed);
    await page.waitForSelector('svg#map [data-place]', { state: 'attached' });
    await page.waitForTimeout(600);
    const name = `${extra ? 'extra' : 'seed'}-ui${ui}-${size}`;
    if (size === 'phone') {
      for (const tab of ['article', 'entities', 'timeline', 'map']) {
        await page.click(`#tab-${tab}`);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `${name}-${tab}.png`) });
      }
    } else {
      await page.screenshot({ path: path.join(out, `${name}.png`) });
    }
    await ctx.close();
  }
}
await browser.close();
server.close();
console.log(`written: ${out}`);
