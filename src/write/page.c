/* page.c - the slider page of a frame series, built from shared parts:
 * the last date's frame once (a plain image that shows without a script),
 * per state run only the pixels where its map differs from the next
 * run's, and per date only the rectangle its date line changes. The
 * page's script stacks them, so each date shows the pixels of its PNG
 * frame. */
#include "core/afile.h"
#include "core/date.h"
#include "core/error.h"
#include "core/opts.h"
#include "load/geodata.h"
#include "map/map.h"
#include "write/pngenc.h"
#include "draw/heading.h"
#include "draw/pen.h"
#include "draw/render.h"
#include "draw/svg.h"
#include "map/series.h"
#include "load/timeline.h"

#include <cairo.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page's script: it reads the table of parts, stacks the base, the
 * run's layers and the date's patch on a canvas, and drives the slider.
 * Keys are the slider's own (it moves itself while it has focus); the
 * script listens on the slider alone, never on the document, so a page
 * that embeds it keeps its keyboard. */
static const char PAGE_SCRIPT[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var root = document.currentScript.closest('figure');\n"
    "  var T = JSON.parse(root.querySelector('.tcmap-data').textContent);\n"
    "  var n = T.dates.length;\n"
    "  var stage = root.querySelector('.tcmap-stage');\n"
    "  var base = root.querySelector('.tcmap-base');\n"
    "  var slider = root.querySelector('.tcmap-slider');\n"
    "  var when = root.querySelector('.tcmap-when');\n"
    "  var play = root.querySelector('.tcmap-play');\n"
    "  var speed = root.querySelector('.tcmap-speed');\n"
    "  var live = root.querySelector('.tcmap-live');\n"
    "  var ticks = root.querySelector('.tcmap-ticks');\n"
    "  var host = root.closest('[lang]');\n"
    "  var lang = host && host.lang ? host.lang : undefined;\n"
    "  var opts = {day: 'numeric', month: 'long', year: 'numeric',\n"
    "    timeZone: 'UTC'};\n"
    "  var fmt, en = new Intl.DateTimeFormat('en-GB', opts);\n"
    "  try { fmt = new Intl.DateTimeFormat(lang, opts); }\n"
    "  catch (e) { fmt = en; }\n"
    "  function day(i) { return new Date(T.dates[i] + 'T00:00:00Z'); }\n"
    "  /* The descriptions are English, as tcmap writes them. */\n"
    "  function describe(i) {\n"
    "    return T.texts[T.desc[i]].split('{date}').join(en.format(day(i)));\n"
    "  }\n"
    "  /* Tick labels are short dates; the change they mark is named on\n"
    "   * hover (title) and in the slider's value text on that date. */\n"
    "  var brief;\n"
    "  try { brief = new Intl.DateTimeFormat(lang, {day: 'numeric',\n"
    "    month: 'short', timeZone: 'UTC'}); }\n"
    "  catch (e) { brief = new Intl.DateTimeFormat('en-GB', {day: 'numeric',\n"
    "    month: 'short', timeZone: 'UTC'}); }\n"
    "  var event = {};\n"
    "  T.ticks.forEach(function (t) { if (t[1]) event[t[0]] = t[1]; });\n"
    "  /* The parts are stacked at their own size on a canvas as big as the\n"
    "   * frames, which the page then scales as one picture: stacked <img>s\n"
    "   * scaled one by one would blend each layer's edges with the map under\n"
    "   * it instead of with its own neighbours. Run k's layer holds the\n"
    "   * pixels where its map differs from run k+1's, and the last run's\n"
    "   * map is the base: run k is the base, then layers from the last to\n"
    "   * k. */\n"
    "  var canvas = document.createElement('canvas');\n"
    "  canvas.width = T.width;\n"
    "  canvas.height = T.height;\n"
    "  canvas.className = 'tcmap-canvas';\n"
    "  canvas.setAttribute('role', 'img');\n"
    "  canvas.hidden = true;\n"
    "  stage.appendChild(canvas);\n"
    "  var g = canvas.getContext('2d');\n"
    "  var under = document.createElement('canvas');\n"
    "  under.width = T.width;\n"
    "  under.height = T.height;\n"
    "  var ug = under.getContext('2d');\n"
    "  var decoded = {};\n"
    "  function image(src) {\n"
    "    if (!decoded[src]) {\n"
    "      var im = new Image();\n"
    "      im.src = src;\n"
    "      decoded[src] = im.decode().then(function () { return im; });\n"
    "    }\n"
    "    return decoded[src];\n"
    "  }\n"
    "  var baseReady = base.decode().then(function () { return base; });\n"
    "  var layers = T.layers.map(function (l) {\n"
    "    return l ? image(l[4]) : null;\n"
    "  });\n"
    "  var drawnRun = -1, seq = 0;\n"
    "  function paint(i) {\n"
    "    var my = ++seq, r = T.run[i], patch = T.patches[i];\n"
    "    var wait = [baseReady, patch ? image(patch[4]) : null];\n"
    "    for (var k = T.layers.length - 1; k >= r; k--) wait.push(layers[k]);\n"
    "    return Promise.all(wait).then(function (ims) {\n"
    "      if (my !== seq) return; /* a later date is on its way */\n"
    "      if (drawnRun !== r) {\n"
    "        ug.drawImage(ims[0], 0, 0);\n"
    "        for (var k = T.layers.length - 1, j = 2; k >= r; k--, j++)\n"
    "          if (ims[j])\n"
    "            ug.drawImage(ims[j], T.layers[k][0], T.layers[k][1]);\n"
    "        drawnRun = r;\n"
    "      }\n"
    "      g.drawImage(under, 0, 0);\n"
    "      if (ims[1]) g.drawImage(ims[1], patch[0], patch[1]);\n"
    "      canvas.hidden = false;\n"
    "      base.hidden = true;\n"
    "      root.dataset.painted = T.dates[i];\n"
    "    });\n"
    "  }\n"
    "  var cur = -1, timer = null;\n"
    "  function show(i, announce) {\n"
    "    i = Math.max(0, Math.min(n - 1, i));\n"
    "    cur = i;\n"
    "    slider.value = String(i);\n"
    "    var text = fmt.format(day(i));\n"
    "    when.textContent = text;\n"
    "    slider.setAttribute('aria-valuetext', text + (event[i] ?\n"
    "      ': ' + event[i] : ''));\n"
    "    base.alt = describe(i);\n"
    "    canvas.setAttribute('aria-label', base.alt);\n"
    "    root.dataset.date = T.dates[i];\n"
    "    /* Announced when a reader moves the slider or playing ends, never\n"
    "     * at every step of playing. */\n"
    "    if (announce) live.textContent = base.alt;\n"
    "    paint(i).catch(function () { /* the base keeps showing */ });\n"
    "  }\n"
    "  function stop() {\n"
    "    if (timer !== null) clearTimeout(timer);\n"
    "    timer = null;\n"
    "    play.textContent = '\\u25b6 Play';\n"
    "    play.setAttribute('aria-pressed', 'false');\n"
    "  }\n"
    "  /* A date on which the map changed is held longer than the others. */\n"
    "  function tick() {\n"
    "    if (cur >= n - 1) { stop(); live.textContent = base.alt; return; }\n"
    "    show(cur + 1, false);\n"
    "    var hold = T.change[cur] ? 1400 : 500;\n"
    "    timer = setTimeout(tick, hold / Number(speed.value));\n"
    "  }\n"
    "  function start() {\n"
    "    if (cur >= n - 1) show(0, false);\n"
    "    play.textContent = '\\u275a\\u275a Pause';\n"
    "    play.setAttribute('aria-pressed', 'true');\n"
    "    timer = setTimeout(tick, 500 / Number(speed.value));\n"
    "  }\n"
    "  play.addEventListener('click', function () {\n"
    "    if (timer === null) start(); else stop();\n"
    "  });\n"
    "  slider.addEventListener('input', function () {\n"
    "    stop();\n"
    "    show(Number(slider.value), false);\n"
    "  });\n"
    "  slider.addEventListener('change', function () {\n"
    "    show(Number(slider.value), true);\n"
    "  });\n"
    "  /* Space plays and pauses while the slider has focus (a range input\n"
    "   * does nothing with it); every other key is the slider's own. */\n"
    "  slider.addEventListener('keydown', function (e) {\n"
    "    if (e.key !== ' ') return;\n"
    "    e.preventDefault();\n"
    "    play.click();\n"
    "  });\n"
    "  T.ticks.forEach(function (t) {\n"
    "    var el = document.createElement('span');\n"
    "    el.className = 'tcmap-tick';\n"
    "    el.style.left = 'calc(8px + (100% - 16px) * ' + t[0] / Math.max(1,\n"
    "      n - 1) + ')';\n"
    "    el.title = fmt.format(day(t[0])) + (t[1] ? ': ' + t[1] : '');\n"
    "    var label = document.createElement('span');\n"
    "    label.className = 'tcmap-tick-label';\n"
    "    label.textContent = brief.format(day(t[0]));\n"
    "    el.appendChild(label);\n"
    "    el.addEventListener('click', function () {\n"
    "      stop();\n"
    "      show(t[0], true);\n"
    "    });\n"
    "    ticks.appendChild(el);\n"
    "  });\n"
    "  /* Labels that would overlap the one before, or stick out of the\n"
    "   * track, are hidden (the tick stays, and its title names the\n"
    "   * change); redone on resize. */\n"
    "  function declutter() {\n"
    "    var box = ticks.getBoundingClientRect(), right = box.left - 6;\n"
    "    ticks.querySelectorAll('.tcmap-tick-label').forEach(function (l) {\n"
    "      l.style.visibility = '';\n"
    "      var r = l.getBoundingClientRect();\n"
    "      if (!l.textContent || r.left < right + 6 || r.right > box.right) {\n"
    "        l.style.visibility = 'hidden';\n"
    "        return;\n"
    "      }\n"
    "      right = r.right;\n"
    "    });\n"
    "  }\n"
    "  if (window.ResizeObserver) new ResizeObserver(declutter)\n"
    "    .observe(ticks);\n"
    "  root.querySelector('.tcmap-controls').hidden = false;\n"
    "  /* Opens on the date the base image shows (the last), so that the\n"
    "   * label and the first paint agree before any part decodes. */\n"
    "  show(n - 1, false);\n"
    "  declutter();\n"
    "})();\n";

static const char PAGE_STYLE[] =
    ".tcmap { margin: 0; max-width: 100%; font: 16px/1.4 sans-serif; "
    "color: #222; overflow-wrap: anywhere; }\n"
    ".tcmap-heading { font-size: 1.25em; margin: 0; padding: 0.4em 0.5em; }"
    "\n"
    ".tcmap-credit { font-size: 12px; color: #555; margin: 0; "
    "padding: 0.3em 0.5em 0.5em; }\n"
    ".tcmap-stage { position: relative; line-height: 0; }\n"
    ".tcmap-stage img, .tcmap-stage canvas { display: block; width: 100%; "
    "max-width: 100%; height: auto; }\n"
    ".tcmap-stage [hidden] { display: none; }\n"
    ".tcmap-controls { display: flex; flex-wrap: wrap; align-items: center;"
    " gap: 0.4em 0.8em; padding: 0.5em 0.5em 0; }\n"
    ".tcmap-controls[hidden] { display: none; }\n"
    /* The slider has a row of its own under the buttons, so that no tick
     * label can reach over them however narrow the page. */
    ".tcmap-track { flex: 1 1 100%; order: 3; }\n"
    ".tcmap-slider { width: 100%; margin: 0; display: block; }\n"
    /* Clipped: a label at either end, hidden or not, never widens the
     * page (no sideways scrolling at any width). */
    ".tcmap-ticks { position: relative; height: 2.4em; font-size: 12px; "
    "color: #555; overflow: hidden; }\n"
    ".tcmap-tick { position: absolute; top: 0; transform: translateX(-50%);"
    " text-align: center; white-space: nowrap; cursor: pointer; }\n"
    ".tcmap-tick::before { content: ''; display: block; margin: 0 auto; "
    "width: 1px; height: 6px; background: currentColor; }\n"
    ".tcmap-when { min-width: 10em; font-weight: bold; }\n"
    ".tcmap-live { position: absolute; width: 1px; height: 1px; overflow: "
    "hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n";

/* ---- pixels ---- */

/* Draws one part of a snapshot over the whole of a frame-sized surface,
 * on what is there, and flushes it. */
static tcmap_status
draw_part(cairo_surface_t *img, const tcmap_snapshot *snap,
          const tcmap_render_options *ro, const char *const *legend,
          tcmap__part part, tcmap_error *err)
{
    cairo_t *cr = cairo_create(img);
    tcmap__page_part pp = {.part = part, .legend = legend};
    tcmap_rect all = {0, 0, cairo_image_surface_get_width(img),
                      cairo_image_surface_get_height(img)};
    tcmap_status st = tcmap__snapshot_draw_part(snap, cr, all, ro, &pp, err);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    return st;
}

/* The base's body, drawn as draw_part does, keeping the credit line the
 * drawing wrote (the page repeats it as text). */
static tcmap_status
draw_body_credit(cairo_surface_t *img, const tcmap_snapshot *snap,
                 const tcmap_render_options *ro, const char *const *legend,
                 char **credit, tcmap_error *err)
{
    cairo_t *cr = cairo_create(img);
    tcmap__page_part pp = {.part = TCMAP__PART_BODY, .legend = legend};
    tcmap__pen pen = {.cr = cr, .part = &pp};
    tcmap_status st = tcmap__render(snap, &pen, 0, 0,
                                    cairo_image_surface_get_width(img),
                                    cairo_image_surface_get_height(img), ro,
                                    err);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    *credit = pen.credit;
    return st;
}

static void
copy_pixels(cairo_surface_t *dst, cairo_surface_t *src)
{
    cairo_surface_flush(src);
    memcpy(cairo_image_surface_get_data(dst),
           cairo_image_surface_get_data(src),
           (size_t)cairo_image_surface_get_stride(src) *
               (size_t)cairo_image_surface_get_height(src));
    cairo_surface_mark_dirty(dst);
}

/* The smallest rectangle (x, y, w, h) holding every pixel whose colour
 * differs between a and b (RGB24 surfaces of one size); 0 when none. */
static int
diff_box(cairo_surface_t *a, cairo_surface_t *b, int box[4])
{
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    int stride = cairo_image_surface_get_stride(a);
    const unsigned char *pa = cairo_image_surface_get_data(a);
    const unsigned char *pb = cairo_image_surface_get_data(b);
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)(pa + (size_t)y * stride);
        const uint32_t *rb = (const uint32_t *)(pb + (size_t)y * stride);
        if (!memcmp(ra, rb, (size_t)w * 4))
            continue;
        for (int x = 0; x < w; x++)
            if ((ra[x] ^ rb[x]) & 0xffffff) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y;
            }
    }
    if (x1 < 0)
        return 0;
    box[0] = x0;
    box[1] = y0;
    box[2] = x1 - x0 + 1;
    box[3] = y1 - y0 + 1;
    return 1;
}

/* Appends the rectangle `box` of img as a PNG data: URL. With `under`,
 * the pixels equal to under's are transparent (a run's layer holds only
 * what differs from the next run's map), and the others opaque, so that
 * stacking the layer on that map gives img's pixels exactly. */
static tcmap_status
append_png(GString *out, cairo_surface_t *img, const int box[4],
           cairo_surface_t *under, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    cairo_surface_t *part = cairo_image_surface_create(
        under ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, box[2], box[3]);
    GByteArray *bytes = g_byte_array_new();
    if (cairo_surface_status(part) != CAIRO_STATUS_SUCCESS) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "page: no memory for a "
                                                "%dx%d part",
                          box[2], box[3]);
        goto out;
    }
    int stride = cairo_image_surface_get_stride(img);
    int pstride = cairo_image_surface_get_stride(part);
    const unsigned char *src = cairo_image_surface_get_data(img);
    const unsigned char *ref = under ? cairo_image_surface_get_data(under)
                                     : NULL;
    unsigned char *dst = cairo_image_surface_get_data(part);
    for (int y = 0; y < box[3]; y++) {
        size_t o = (size_t)(box[1] + y) * stride + (size_t)box[0] * 4;
        const uint32_t *s = (const uint32_t *)(src + o);
        uint32_t *d = (uint32_t *)(dst + (size_t)y * pstride);
        for (int x = 0; x < box[2]; x++) {
            if (ref && !((s[x] ^ ((const uint32_t *)(ref + o))[x]) &
                         0xffffff))
                d[x] = 0; /* transparent: the map under it shows */
            else
                d[x] = s[x] | 0xff000000u;
        }
    }
    cairo_surface_mark_dirty(part);
    if ((st = tcmap__png_encode_small(part, bytes, err)) != TCMAP_OK)
        goto out;
    gchar *b64 = g_base64_encode(bytes->data, bytes->len);
    g_string_append_printf(out, "data:image/png;base64,%s", b64);
    g_free(b64);
out:
    cairo_surface_destroy(part);
    g_byte_array_unref(bytes);
    return st;
}

/* ---- words ---- */

/* A JSON string, safe inside <script>: "<" is written \u003c so that
 * no "</script>" can end the element. */
static void
append_json(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == '<')
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

/* The date's description for alt text: the short form (at most 250
 * characters, who holds what and the latest change, or on a change map
 * what changed since its date), which a screen reader can read out at
 * every step of the slider. */
static tcmap_status
date_description(const tcmap_snapshot *snap, const char *names,
                 const char *since, char **out, tcmap_error *err)
{
    tcmap_describe_options o = {.size = sizeof o,
                                .names = names,
                                .changes_since = since,
                                .length = TCMAP_DESCRIBE_SHORT};
    return tcmap_snapshot_describe_with(snap, &o, out, err);
}

/* The description with its date written "{date}", so that the dates of a
 * run share one text (the script puts each date back). */
static char *
date_template(const char *text, int32_t day)
{
    char date[64];
    tcmap__date_long(day, date, sizeof date);
    const char *at = strstr(text, date);
    if (!at)
        return g_strdup(text);
    return g_strdup_printf("%.*s{date}%s", (int)(at - text), text,
                           at + strlen(date));
}

static const char *
party_of(const tcmap__event *e)
{
    return e ? e->ev.party : "";
}

/* A tick's label: the area that changed hands over the most ground since
 * the previous date (by its name in `set`), and "+N" for N more areas;
 * when nothing changed hands, the area whose status or presence changed.
 * "" when only a line appeared or went. */
static char *
change_label(const tcmap_snapshot *prev, const tcmap_snapshot *cur,
             const char *set)
{
    const tcmap_geodata *geo = cur->map->geo;
    size_t na = geo->areas.n;
    double *km2 = calloc(na + 1, sizeof *km2);
    char *label = NULL;
    if (!km2)
        return g_strdup("");
    for (int pass = 0; pass < 2; pass++) {
        for (size_t u = 0; u < geo->units.n; u++) {
            const tcmap__feature *f = &geo->units.features[u];
            int moved = strcmp(party_of(prev->state[u]),
                               party_of(cur->state[u])) != 0;
            if (pass == 1 && !moved) {
                moved = prev->state[u] != cur->state[u];
                for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
                    moved |= prev->over[u * TCMAP__OVERLAYS + k] !=
                             cur->over[u * TCMAP__OVERLAYS + k];
            }
            if (moved && f->area < na)
                km2[f->area] += f->km2 > 0 ? f->km2 : 1e-9;
        }
        size_t best = na, count = 0;
        for (size_t a = 0; a < na; a++)
            if (km2[a] > 0) {
                count++;
                if (best == na || km2[a] > km2[best])
                    best = a;
            }
        if (best < na) {
            const char *name = tcmap__feature_name(
                &geo->areas, &geo->areas.features[best], set);
            label = count > 1 ? g_strdup_printf("%s +%zu", name, count - 1)
                              : g_strdup(name);
            break;
        }
    }
    free(km2);
    return label ? label : g_strdup("");
}

/* ---- the page ---- */

typedef struct page {
    const tcmap_series *s;
    tcmap_render_options ro;
    const char *names;
    int width, height;
    /* comp: the current run's map under the last date's title; next: the
     * same for the run being started, until they swap. */
    cairo_surface_t *base, *body, *comp, *next, *frame;
    GString *layers, *patches, *run_of, *desc, *change, *ticks, *texts;
    GHashTable *text_index; /* template -> 1 + its index in texts */
    char *last_alt;         /* the last date's description */
    char *credit;           /* the credit line the base's drawing wrote */
    size_t n_texts, n_runs;
} page;

static void
append_box(GString *out, const int box[4])
{
    g_string_append_printf(out, "[%d,%d,%d,%d,\"", box[0], box[1], box[2],
                           box[3]);
}

/* The description of date d, by the index of its template. */
static tcmap_status
add_description(page *p, const tcmap_snapshot *snap, tcmap_error *err)
{
    char *text = NULL;
    tcmap_status st = date_description(snap, p->names, p->ro.changes_since, &text,
                                       err);
    if (st != TCMAP_OK)
        return st;
    char *tpl = date_template(text, snap->day);
    tcmap_free(text);
    gpointer hit = g_hash_table_lookup(p->text_index, tpl);
    size_t k;
    if (hit) {
        k = GPOINTER_TO_SIZE(hit) - 1;
        g_free(tpl);
    } else {
        k = p->n_texts++;
        if (k)
            g_string_append_c(p->texts, ',');
        append_json(p->texts, tpl);
        g_hash_table_insert(p->text_index, tpl, GSIZE_TO_POINTER(k + 1));
    }
    g_string_append_printf(p->desc, "%s%zu", p->desc->len ? "," : "", k);
    return TCMAP_OK;
}

/* Date d: its run's layer when the run starts there, its patch, its
 * description and, where the map changed, its tick. `last` is the last
 * date's snapshot, whose title every run's layer is compared under. */
static tcmap_status
add_date(page *p, size_t d, const tcmap_snapshot *prev,
         const tcmap_snapshot *snap, const tcmap_snapshot *last,
         tcmap_error *err)
{
    const tcmap_series *s = p->s;
    tcmap_status st;
    int box[4];
    int starts = s->date_run[d] == d;
    if (starts) {
        if ((st = draw_part(p->body, snap, &p->ro, s->legend,
                            TCMAP__PART_BODY, err)) != TCMAP_OK)
            return st;
        copy_pixels(p->next, p->body);
        if ((st = draw_part(p->next, last, &p->ro, s->legend,
                            TCMAP__PART_TITLE, err)) != TCMAP_OK)
            return st;
        /* The run before this one: where its map differs from this. */
        if (p->n_runs++) {
            if (p->n_runs > 2)
                g_string_append_c(p->layers, ',');
            if (diff_box(p->comp, p->next, box)) {
                append_box(p->layers, box);
                if ((st = append_png(p->layers, p->comp, box, p->next,
                                     err)) != TCMAP_OK)
                    return st;
                g_string_append(p->layers, "\"]");
            } else {
                g_string_append(p->layers, "0");
            }
        }
        cairo_surface_t *t = p->comp;
        p->comp = p->next;
        p->next = t;
    }
    g_string_append_printf(p->run_of, "%s%zu", d ? "," : "", p->n_runs - 1);
    g_string_append_printf(p->change, "%s%d", d ? "," : "", d > 0 && starts);
    if (d)
        g_string_append_c(p->patches, ',');
    copy_pixels(p->frame, p->body);
    if ((st = draw_part(p->frame, snap, &p->ro, p->s->legend,
                        TCMAP__PART_TITLE, err)) != TCMAP_OK)
        return st;
    if (diff_box(p->frame, p->comp, box)) {
        append_box(p->patches, box);
        if ((st = append_png(p->patches, p->frame, box, NULL, err)) !=
            TCMAP_OK)
            return st;
        g_string_append(p->patches, "\"]");
    } else {
        g_string_append(p->patches, "0");
    }
    if (d > 0 && starts) {
        char *label = change_label(prev, snap, p->names);
        g_string_append_printf(p->ticks, "%s[%zu,", p->ticks->len ? "," : "",
                               d);
        append_json(p->ticks, label);
        g_string_append_c(p->ticks, ']');
        g_free(label);
    }
    return add_description(p, snap, err);
}

static tcmap_status
write_page(page *p, const char *path, const char *lang, tcmap_error *err)
{
    const tcmap_series *s = p->s;
    const tcmap_style *style = s->map->style;
    tcmap_status st = TCMAP_OK;
    int box[4] = {0, 0, p->width, p->height};
    GString *html = g_string_new(NULL);
    GString *base = g_string_new(NULL);
    /* The heading the maps carry (the caller's --title, else the
     * style's), with the last date the page opens on. */
    char *heading = tcmap__expand_template(
        p->ro.title ? p->ro.title : style->title,
        s->n_dates ? s->dates[s->n_dates - 1] : "");
    char *title = tcmap__xml_text(heading, -1);
    g_free(heading);
    char *lang_attr = tcmap__xml_text(lang, -1);
    /* The credit as the map draws it (sources, the style's credit and the
     * caller's --credit), as text a desk can select and a reader hears. */
    char *credit = tcmap__xml_text(p->credit ? p->credit : "", -1);
    if ((st = append_png(base, p->base, box, NULL, err)) != TCMAP_OK)
        goto out;
    g_string_append_printf(
        html,
        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n<title>%s</title>\n"
        "<style>\nbody { margin: 0; }\n%s</style>\n</head>\n<body>\n"
        "<figure class=\"tcmap\">\n<h1 class=\"tcmap-heading\">%s</h1>\n"
        "<div class=\"tcmap-stage\">"
        "<img class=\"tcmap-base\" width=\"%d\" height=\"%d\" alt=\"",
        lang_attr, title, PAGE_STYLE, title, p->width, p->height);
    /* Without a script the base is the page: the last date's map, and
     * its description as alt text. */
    char *alt = tcmap__xml_text(p->last_alt, -1);
    g_string_append_printf(html, "%s\" src=\"%s\"></div>\n", alt,
                           base->str);
    g_free(alt);
    g_string_append_printf(
        html,
        "<figcaption>\n<div class=\"tcmap-controls\" hidden>\n"
        "<button type=\"button\" class=\"tcmap-play\" "
        "aria-pressed=\"false\">\u25b6 Play</button>\n"
        "<div class=\"tcmap-track\">\n"
        "<input type=\"range\" class=\"tcmap-slider\" min=\"0\" "
        "max=\"%zu\" step=\"1\" value=\"%zu\" aria-label=\"Date\">\n"
        "<div class=\"tcmap-ticks\" aria-hidden=\"true\"></div>\n</div>\n"
        "<output class=\"tcmap-when\"></output>\n"
        "<label>Speed <select class=\"tcmap-speed\">"
        "<option value=\"0.5\">0.5\u00d7</option>"
        "<option value=\"1\" selected>1\u00d7</option>"
        "<option value=\"2\">2\u00d7</option>"
        "<option value=\"4\">4\u00d7</option></select></label>\n"
        "</div>\n<p class=\"tcmap-live\" aria-live=\"polite\"></p>\n"
        "<p class=\"tcmap-credit\">%s</p>\n</figcaption>\n",
        s->n_dates - 1, s->n_dates - 1, credit);
    g_string_append_printf(html,
                           "<script type=\"application/json\" "
                           "class=\"tcmap-data\">{\"width\":%d,\"height\":%d,"
                           "\"dates\":[",
                           p->width, p->height);
    for (size_t d = 0; d < s->n_dates; d++)
        g_string_append_printf(html, "%s\"%s\"", d ? "," : "", s->dates[d]);
    g_string_append_printf(html,
                           "],\n\"run\":[%s],\n\"change\":[%s],\n"
                           "\"ticks\":[%s],\n\"desc\":[%s],\n"
                           "\"texts\":[%s],\n\"layers\":[%s],\n"
                           "\"patches\":[%s]}</script>\n"
                           "<script>\n%s</script>\n</figure>\n"
                           "</body>\n</html>\n",
                           p->run_of->str, p->change->str, p->ticks->str,
                           p->desc->str, p->texts->str, p->layers->str,
                           p->patches->str, PAGE_SCRIPT);
    /* The page may go beside the frames, into a folder others write: a
     * new file, never written through a link planted at its name. */
    if ((st = tcmap__output_check(s->map, p->ro.annotations, path, path,
                                  err)) == TCMAP_OK)
        st = tcmap__afile_write_ex(
            path, html->str, html->len,
            TCMAP__AFILE_NEW | (p->ro.force ? TCMAP__AFILE_FORCE : 0), err);
out:
    g_free(lang_attr);
    g_free(credit);
    g_free(title);
    g_string_free(base, TRUE);
    g_string_free(html, TRUE);
    return st;
}

tcmap_status
tcmap_series_write_html(const tcmap_series *s, const char *path,
                        const tcmap_page_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!s || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "html: NULL argument");
    if (s->n_dates == 0)
        return tcmap__error(err, TCMAP_ERR_ARG, "%s: the series is empty",
                            path);
    tcmap_page_options po;
    TCMAP__OPTS_TAKE(opt, po, "tcmap_page_options", err);
    const tcmap_style *style = s->map->style;
    page p = {.s = s};
    const tcmap_render_options *ro = opt ? opt->render : NULL;
    TCMAP__OPTS_TAKE(ro, p.ro, "tcmap_render_options", err);
    p.ro.size = sizeof p.ro;
    p.width = p.ro.width > 0 ? p.ro.width : style->width;
    p.height = p.ro.height > 0 ? p.ro.height : style->height;
    if (p.width < 16 || p.height < 16 || p.width > 20000 ||
        p.height > 20000)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: size %dx%d is outside 16..20000", path,
                            p.width, p.height);
    p.ro.width = p.width;
    p.ro.height = p.height;
    p.ro.format = TCMAP_FORMAT_PNG;
    p.names = p.ro.names ? p.ro.names : style->names;
    const char *lang = opt && opt->lang && opt->lang[0] ? opt->lang
                                                        : "en-GB";
    tcmap_status st = TCMAP_OK;
    tcmap_snapshot *last = NULL, *prev = NULL, *cur = NULL;
    p.layers = g_string_new(NULL);
    p.patches = g_string_new(NULL);
    p.run_of = g_string_new(NULL);
    p.desc = g_string_new(NULL);
    p.change = g_string_new(NULL);
    p.ticks = g_string_new(NULL);
    p.texts = g_string_new(NULL);
    p.text_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         NULL);
    cairo_surface_t **imgs[] = {&p.base, &p.body, &p.comp, &p.next,
                                &p.frame};
    size_t n_imgs = sizeof imgs / sizeof *imgs;
    for (size_t k = 0; k < n_imgs; k++) {
        *imgs[k] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.width,
                                              p.height);
        if (cairo_surface_status(*imgs[k]) != CAIRO_STATUS_SUCCESS) {
            st = tcmap__error(err, TCMAP_ERR_NOMEM,
                              "%s: no memory for %dx%d images", path,
                              p.width, p.height);
            goto out;
        }
    }
    /* The base: the last date's whole frame, drawn as the frames are
     * (body, then title over it). */
    if ((st = tcmap_snapshot_create(s->map, s->dates[s->n_dates - 1], &last,
                                    err)) != TCMAP_OK ||
        (st = draw_body_credit(p.base, last, &p.ro, s->legend, &p.credit,
                               err)) != TCMAP_OK ||
        (st = draw_part(p.base, last, &p.ro, s->legend, TCMAP__PART_TITLE,
                        err)) != TCMAP_OK ||
        (st = date_description(last, p.names, p.ro.changes_since,
                               &p.last_alt, err)) !=
            TCMAP_OK)
        goto out;
    for (size_t d = 0; d < s->n_dates; d++) {
        if ((st = tcmap_snapshot_create(s->map, s->dates[d], &cur, err)) !=
                TCMAP_OK ||
            (st = add_date(&p, d, prev, cur, last, err)) != TCMAP_OK)
            goto out;
        tcmap_snapshot_destroy(prev);
        prev = cur;
        cur = NULL;
    }
    st = write_page(&p, path, lang, err);
out:
    tcmap_snapshot_destroy(cur);
    tcmap_snapshot_destroy(prev);
    tcmap_snapshot_destroy(last);
    for (size_t k = 0; k < n_imgs; k++)
        if (*imgs[k])
            cairo_surface_destroy(*imgs[k]);
    g_hash_table_destroy(p.text_index);
    tcmap_free(p.last_alt);
    g_free(p.credit);
    GString *strs[] = {p.layers, p.patches, p.run_of, p.desc,
                       p.change, p.ticks, p.texts};
    for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
        g_string_free(strs[k], TRUE);
    return st;
}
