// html_slider.js - the page `tcmap frames --html` writes, in headless
// Chromium: moving the slider (by value and by keys) shows the frame of
// the date it names, and that frame is the file tcmap wrote for the date.
//
// usage: node html_slider.js PAGE FRAME_PATTERN DATE...
// (FRAME_PATTERN has one %03d; DATEs are the series' dates in order.)
'use strict';
const fs = require('fs');
const { chromium } = require('playwright-core');

const [page_path, pattern, ...dates] = process.argv.slice(2);
const frame_file = (i) => pattern.replace('%03d', String(i).padStart(3, '0'));
let failures = 0;
function check(what, ok, detail) {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}${ok ? '' : ': ' + detail}`);
  if (!ok) failures++;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('file://' + fs.realpathSync(page_path));
    // What shows: the one visible frame, its date, whether it decoded, and
    // the label beside the slider.
    const shown = () => page.evaluate(() => {
      const v = [...document.querySelectorAll('img.tcmap-frame')]
        .filter((im) => !im.hidden && im.offsetParent !== null);
      return {
        count: v.length,
        date: v.length ? v[0].dataset.date : null,
        src: v.length ? v[0].src : null,
        decoded: v.length ? v[0].complete && v[0].naturalWidth > 0 : false,
        label: document.getElementById('tcmap-date').textContent,
        value: document.getElementById('tcmap-slider').value,
      };
    });
    async function expect_frame(what, i) {
      const s = await shown();
      const want = 'data:image/svg+xml;base64,' +
        fs.readFileSync(frame_file(i)).toString('base64');
      check(`${what}: exactly one frame shows`, s.count === 1, s.count);
      check(`${what}: it is ${dates[i]}'s`, s.date === dates[i], s.date);
      check(`${what}: the label says ${dates[i]}`, s.label === dates[i],
        s.label);
      check(`${what}: the picture is frame ${i}'s file`, s.src === want,
        'another file');
      check(`${what}: the picture decoded`, s.decoded, 'not decoded');
    }

    await expect_frame('on load', 0);
    const mid = Math.floor(dates.length / 2);
    await page.$eval('#tcmap-slider', (el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, mid);
    await expect_frame('after the slider moves to ' + mid, mid);

    await page.focus('#tcmap-slider');
    await page.keyboard.press('ArrowRight');
    await expect_frame('after ArrowRight on the slider', mid + 1);

    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('End');
    await expect_frame('after End', dates.length - 1);
    await page.keyboard.press('ArrowLeft');
    await expect_frame('after ArrowLeft', dates.length - 2);
    await page.keyboard.press('Home');
    await expect_frame('after Home', 0);
  } finally {
    await browser.close();
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
