// html_slider.js - the page `tcmap frames --html` writes, in headless
// Chromium: it shows the pixels of the PNG frames at three dates, makes no
// request, plays and pauses, leaves the keys alone while the slider has no
// focus, formats the date in the page's language, keeps a live description,
// follows its container's width, and without JavaScript is the last date's
// map. As an embed: <title>, heading, credit and <html lang> follow the
// options (escaped), tick labels are dates, and at 360, 1280 and 1920 px
// the page does not scroll sideways and its first paint shows the map of
// the date in its label.
//
// usage: node html_slider.js PAGE FRAME_PATTERN FIRST_DATE LAST_DATE
//        TITLE CREDIT LANG
// (FRAME_PATTERN has one %03d: the PNG frames of the same series and size.)
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [page_path, pattern, first_date, last_date, want_title, want_credit,
  want_lang] = process.argv.slice(2);
const frame_file = (i) => pattern.replace('%03d', String(i).padStart(3, '0'));
let failures = 0;
function check(what, ok, detail) {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}${ok ? '' : ': ' + detail}`);
  if (!ok) failures++;
}

// The date shown is painted (its parts decode asynchronously); without
// a script, the image decoded.
async function settled(page) {
  await page.waitForFunction(() => {
    const f = document.querySelector('.tcmap');
    const im = document.querySelector('.tcmap-base');
    return f.dataset.date ? f.dataset.painted === f.dataset.date
      : im.complete && im.naturalWidth > 0;
  });
}

// Pixels of two PNGs (base64), compared in a blank page's canvas: how many
// differ by more than `tol` in some channel, and the largest difference.
async function compare(blank, a, b, tol) {
  return blank.evaluate(async ([a, b, tol]) => {
    async function rgba(b64) {
      const im = new Image();
      im.src = 'data:image/png;base64,' + b64;
      await im.decode();
      const c = document.createElement('canvas');
      c.width = im.naturalWidth;
      c.height = im.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(im, 0, 0);
      return { w: c.width, h: c.height,
        d: g.getImageData(0, 0, c.width, c.height).data };
    }
    const x = await rgba(a), y = await rgba(b);
    if (x.w !== y.w || x.h !== y.h)
      return { size: `${x.w}x${x.h} vs ${y.w}x${y.h}`, bad: -1, worst: -1 };
    let bad = 0, worst = 0;
    for (let i = 0; i < x.d.length; i += 4) {
      let m = 0;
      for (let c = 0; c < 3; c++) m = Math.max(m, Math.abs(x.d[i + c] - y.d[i + c]));
      worst = Math.max(worst, m);
      if (m > tol) bad++;
    }
    return { size: `${x.w}x${x.h}`, bad, worst, n: x.d.length / 4 };
  }, [a, b, tol]);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--force-color-profile=srgb', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const url = 'file://' + fs.realpathSync(page_path);
    const first = fs.readFileSync(frame_file(0));
    const width = first.readUInt32BE(16), height = first.readUInt32BE(20);
    const ctx = await browser.newContext({
      viewport: { width, height: height + 300 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const requests = [], errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Registered before the page's own script: sees every key's fate.
    await page.addInitScript(() => {
      window.prevented = [];
      window.addEventListener('keydown', (e) => {
        window.prevented.push(e.key + ':' + e.defaultPrevented);
      });
    });
    await page.goto(url);
    const T = await page.evaluate(() =>
      JSON.parse(document.querySelector('.tcmap-data').textContent));
    const n = T.dates.length;
    check('the page has the series\' dates', T.dates[0] === first_date &&
      T.dates[n - 1] === last_date && fs.existsSync(frame_file(n - 1)) &&
      !fs.existsSync(frame_file(n)), `${T.dates[0]}..${T.dates[n - 1]}`);
    const state = () => page.evaluate(() => {
      const q = (s) => document.querySelector(s);
      return { value: Number(q('.tcmap-slider').value),
        date: q('.tcmap').dataset.date, when: q('.tcmap-when').textContent,
        alt: q('.tcmap-base').alt, live: q('.tcmap-live').textContent,
        play: q('.tcmap-play').textContent,
        controls: !q('.tcmap-controls').hidden };
    });
    let s = await state();
    check('the controls show with a script', s.controls, 'hidden');
    // The page opens on the date its plain image shows: the last.
    check('the last date shows on load', s.value === n - 1 &&
      s.date === T.dates[n - 1], JSON.stringify(s));
    const long = (d, l) => new Intl.DateTimeFormat(l, { day: 'numeric',
      month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(d + 'T00:00:00Z'));
    const long_last = long(last_date, want_lang);
    check(`the date reads "${long_last}"`, s.when === long_last, s.when);
    check('the alt text describes the date',
      s.alt.includes(long(last_date, 'en-GB')) && s.alt.length > 40,
      s.alt.slice(0, 80));

    // The options, as text (escaped: the page's text is the option's).
    const words = await page.evaluate(() => ({
      title: document.title, lang: document.documentElement.lang,
      heading: (document.querySelector('.tcmap-heading') || {}).textContent,
      credit: (document.querySelector('.tcmap-credit') || {}).textContent,
      injected: document.querySelectorAll('figure b, title b').length }));
    check('<title> is the --title', words.title === want_title,
      JSON.stringify(words.title));
    check('the heading is the --title', words.heading === want_title,
      JSON.stringify(words.heading));
    check('the credit text ends with the --credit',
      String(words.credit).endsWith(want_credit) && words.injected === 0,
      JSON.stringify(words.credit));
    check('<html lang> is the --lang', words.lang === want_lang, words.lang);

    // Ticks: a date each, the change named on hover.
    const ticks = await page.$$eval('.tcmap-tick', (t) =>
      t.map((e) => ({ label: e.textContent, title: e.title })));
    const changes = T.change.filter((c) => c).length;
    check('a tick per change of the map', ticks.length === changes &&
      changes > 0, `${ticks.length} ticks, ${changes} changes`);
    const brief = new Intl.DateTimeFormat(want_lang, { day: 'numeric',
      month: 'short', timeZone: 'UTC' });
    const tick_dates = T.ticks.map((t) =>
      brief.format(new Date(T.dates[t[0]] + 'T00:00:00Z')));
    check('tick labels are their dates', ticks.length === tick_dates.length &&
      ticks.every((t, k) => t.label === tick_dates[k]),
      JSON.stringify(ticks.map((t) => t.label)));
    check('a tick\'s title names the change', ticks.every((t, k) =>
      !T.ticks[k][1] || t.title.endsWith(': ' + T.ticks[k][1])) &&
      T.ticks.some((t) => t[1]), JSON.stringify(ticks.map((t) => t.title)));

    // Pixels: three dates against their PNG frames, at the frames' size.
    const blank = await ctx.newPage();
    // The whole viewport's pixels at the stage's box (the page at the
    // front: a tab behind another is not painted).
    const shot_of = async (p) => {
      await p.bringToFront();
      await settled(p);
      const b = await p.locator('.tcmap-stage').boundingBox();
      return (await p.screenshot({ clip: b })).toString('base64');
    };
    const stage_shot = () => shot_of(page);
    const picks = [0, Math.floor(n / 2), n - 1];
    for (const i of picks) {
      await page.$eval('.tcmap-slider', (el, v) => {
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, i);
      const r = await compare(blank, await stage_shot(),
        fs.readFileSync(frame_file(i)).toString('base64'), 2);
      check(`${T.dates[i]}: the page shows frame ${i}'s pixels (tolerance 2)`,
        r.bad === 0, JSON.stringify(r));
    }
    s = await state();
    check('a moved slider updates the live description',
      s.live === s.alt && s.live.length > 40, s.live.slice(0, 60));

    // Keys: nothing happens, and nothing is prevented, without focus.
    await page.evaluate(() => document.activeElement &&
      document.activeElement.blur());
    const before = (await state()).value;
    for (const k of ['ArrowLeft', 'Home', 'PageUp', 'ArrowDown', ' '])
      await page.keyboard.press(k);
    s = await state();
    const prevented = await page.evaluate(() => window.prevented);
    check('keys without focus leave the slider', s.value === before,
      `${before} -> ${s.value}`);
    check('keys without focus are not prevented',
      prevented.length === 5 && prevented.every((p) => p.endsWith(':false')),
      prevented.join(' '));
    await page.focus('.tcmap-slider');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    s = await state();
    check('keys on the focused slider move it', s.value === 1 &&
      s.date === T.dates[1], JSON.stringify(s));
    const named = T.ticks.find((t) => t[1]);
    for (let k = 1; k < named[0]; k++) await page.keyboard.press('ArrowRight');
    const vt = await page.$eval('.tcmap-slider',
      (el) => el.getAttribute('aria-valuetext'));
    check('on a change\'s date the slider\'s value text names it',
      vt.endsWith(': ' + named[1]), vt);

    // Play and pause.
    await page.selectOption('.tcmap-speed', '4');
    await page.click('.tcmap-play');
    await page.waitForTimeout(900);
    s = await state();
    check('play moves on', s.value > 1 && /Pause/.test(s.play),
      JSON.stringify(s));
    await page.click('.tcmap-play');
    const paused = (await state()).value;
    await page.waitForTimeout(700);
    s = await state();
    check('pause stops', s.value === paused && /Play/.test(s.play),
      `${paused} -> ${s.value}`);

    // Scaled down, the page is the frame scaled down: one picture, not
    // layers each scaled on its own (whose edges would let the map
    // under them show through).
    await page.setViewportSize({ width: Math.round(width * 0.6),
      height: height + 300 });
    const mid = Math.floor(n / 2);
    await page.$eval('.tcmap-slider', (el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, mid);
    const small = await stage_shot();
    await blank.setViewportSize({ width: Math.round(width * 0.6),
      height: height });
    await blank.setContent('<body style="margin:0"><img style="display:' +
      'block;width:100%" src="data:image/png;base64,' +
      fs.readFileSync(frame_file(mid)).toString('base64') + '"></body>');
    await blank.evaluate(() => document.querySelector('img').decode());
    await blank.bringToFront();
    const sb = await blank.locator('img').boundingBox();
    const want = (await blank.screenshot({ clip: sb })).toString('base64');
    await blank.goto('about:blank');
    const rs = await compare(blank, small, want, 8);
    check(`scaled to 60 %, ${T.dates[mid]} is its frame scaled (tolerance 8)`,
      rs.bad >= 0 && rs.bad <= rs.n / 1000, JSON.stringify(rs));

    // The size follows the container.
    await page.setViewportSize({ width: 300, height: 600 });
    const box = await page.locator('.tcmap-stage').boundingBox();
    check('the map follows the container\'s width', Math.abs(box.width -
      300) < 1 && Math.abs(box.height - 300 * height / width) < 1.5,
      JSON.stringify(box));
    // Narrow, no tick label reaches over the buttons or out of the track.
    await page.waitForTimeout(100); /* the labels are re-laid on resize */
    const stray = await page.evaluate(() => {
      const t = document.querySelector('.tcmap-ticks')
        .getBoundingClientRect();
      return [...document.querySelectorAll('.tcmap-tick-label')]
        .filter((l) => getComputedStyle(l).visibility !== 'hidden')
        .map((l) => l.getBoundingClientRect())
        .filter((r) => r.left < t.left - 0.5 || r.right > t.right + 0.5)
        .length;
    });
    check('narrow, the tick labels stay inside the track', stray === 0,
      `${stray} stick out`);
    let clicked = true;
    await page.click('.tcmap-play', { timeout: 3000 })
      .then(() => page.click('.tcmap-play', { timeout: 3000 }))
      .catch(() => { clicked = false; });
    check('narrow, the play button takes clicks', clicked, 'covered');

    check('the script reports no error', errors.length === 0,
      errors.join(' | '));
    const foreign = requests.filter((u) => !/^(file|data):/.test(u));
    check('no request leaves the file', foreign.length === 0,
      foreign.join(' '));

    // Another language: the page's lang formats the date.
    const fr = path.join(path.dirname(page_path), 'page-fr.html');
    fs.writeFileSync(fr, fs.readFileSync(page_path, 'utf8').replace(
      /<html lang="[^"]*">/, '<html lang="fr">'));
    await page.goto('file://' + fs.realpathSync(fr));
    const fr_date = new Intl.DateTimeFormat('fr', { day: 'numeric',
      month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(last_date + 'T00:00:00Z'));
    s = await state();
    check(`in French the date reads "${fr_date}"`, s.when === fr_date,
      s.when);

    // At four widths: no sideways scroll, and the first paint (before
    // any of the script's parts decode: decode() is held) shows the map
    // of the date in the label.
    for (const w of [320, 360, 1280, 1920]) {
      const vh = Math.ceil(w * height / width) + 400; /* all the map */
      const wctx = await browser.newContext({
        viewport: { width: w, height: vh }, deviceScaleFactor: 1 });
      const wp = await wctx.newPage();
      await wp.addInitScript(() => {
        HTMLImageElement.prototype.decode = () => new Promise(() => {});
      });
      await wp.goto(url);
      await wp.waitForFunction(() =>
        document.querySelector('.tcmap-base').complete);
      await wp.bringToFront();
      const b = await wp.locator('.tcmap-stage').boundingBox();
      const shot = await wp.screenshot({ clip: b });
      fs.writeFileSync(path.join(path.dirname(page_path),
        `first-${w}.png`), shot);
      await wp.screenshot({ path: path.join(path.dirname(page_path),
        `page-${w}.png`), fullPage: true });
      const ws = await wp.evaluate(() => ({
        scroll: document.scrollingElement.scrollWidth,
        inner: window.innerWidth,
        date: document.querySelector('.tcmap').dataset.date,
        when: document.querySelector('.tcmap-when').textContent }));
      check(`${w} px: no sideways scroll`, ws.scroll <= ws.inner,
        `${ws.scroll} > ${ws.inner}`);
      const i = T.dates.indexOf(ws.date);
      check(`${w} px: the label is its date`, i >= 0 &&
        ws.when === long(ws.date, want_lang), JSON.stringify(ws));
      await blank.setViewportSize({ width: w, height: vh });
      await blank.setContent('<body style="margin:0"><img style="display:' +
        'block;width:100%" src="data:image/png;base64,' +
        fs.readFileSync(frame_file(Math.max(i, 0))).toString('base64') +
        '"></body>');
      await blank.evaluate(() => document.querySelector('img').decode());
      await blank.bringToFront();
      const fb = await blank.locator('img').boundingBox();
      const fw = (await blank.screenshot({ clip: fb })).toString('base64');
      await blank.goto('about:blank');
      const rw = await compare(blank, shot.toString('base64'), fw, 8);
      check(`${w} px: the first paint is ${ws.date}'s map (tolerance 8)`,
        rw.bad >= 0 && rw.bad <= rw.n / 1000, JSON.stringify(rw));
      await wctx.close();
    }

    // Without JavaScript: the last date's map, and no controls.
    const nojs = await browser.newContext({ javaScriptEnabled: false,
      viewport: { width, height: height + 300 }, deviceScaleFactor: 1 });
    const plain = await nojs.newPage();
    await plain.goto(url);
    const hidden = await plain.$eval('.tcmap-controls', (c) =>
      c.hidden && getComputedStyle(c).display === 'none');
    check('without a script the controls stay hidden', hidden, 'shown');
    const shot = await shot_of(plain);
    const r = await compare(blank, shot,
      fs.readFileSync(frame_file(n - 1)).toString('base64'), 2);
    check('without a script the last date\'s frame shows', r.bad === 0,
      JSON.stringify(r));
    const alt = await plain.$eval('.tcmap-base', (im) => im.alt);
    check('without a script the image has the last date\'s description',
      alt.length > 40, alt);
    await nojs.close();
  } finally {
    await browser.close();
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
