/* style.h - the parsed style, shared by the modules that draw. */
#ifndef TCMAP_STYLE_H
#define TCMAP_STYLE_H

#include "core/sizetext.h"
#include "load/stylewords.h"
#include "tcmap.h"

#include <glib.h>

typedef enum tcmap__pattern {
    TCMAP_PATTERN_NONE = 0,
    TCMAP_PATTERN_HATCH,     /* diagonal stripes */
    TCMAP_PATTERN_CROSSHATCH,
    TCMAP_PATTERN_DOTS,
} tcmap__pattern;

typedef struct tcmap__party {
    char *id;
    char *label;
    char *label_short; /* for a tight legend; "" = the label */
    /* A short form for sentences ("Russia" beside the legend's "Russian
     * forces"); "" when the style gives none (describe.c then builds its
     * sentences so that the label reads correctly). */
    char *noun;
    uint32_t fill;
    tcmap__pattern pattern; /* drawn over the fill, for greyscale print */
    uint32_t pattern_color;
    /* The front (line.front) runs between ground of parties of different
     * sides, never along ground of a party with front = false (a
     * neighbouring state, whose edge is a border). */
    char *side;
    int front;
} tcmap__party;

typedef struct tcmap__status_style {
    char *id;
    char *label;
    char *label_short; /* for a tight legend; "" = the label */
    tcmap__pattern pattern;
    uint32_t color;   /* pattern colour; contested uses party2's fill */
    int use_party2;   /* stripes in the other party's colour */
    /* A presence (peacekeepers, monitors) rather than a state of control:
     * its rows never change who holds the ground, and its pattern stacks on
     * whatever status the ground has (docs/interfaces.md). */
    int overlay;
} tcmap__status_style;

/* The line kind drawn from the state rather than from the geodata: the
 * boundary between ground held by opposing sides ([line.front]). */
#define TCMAP__FRONT_KIND "front"

typedef struct tcmap__line_style {
    char *kind; /* the value of the lines layer's kind attribute */
    char *legend_id; /* "line.KIND", its group: its id in a locked legend */
    char *label;
    char *label_short; /* for a tight legend; "" = the label */
    uint32_t color;
    double width; /* in layout units (1/1000 of the shorter page side) */
    double dash[4];
    int n_dash;
} tcmap__line_style;

struct tcmap_style {
    char *path;
    char **bases; /* the styles it is laid over ([map] base), NULL-ended */
    char *crs;
    double extent[4]; /* lon_min, lat_min, lon_max, lat_max */
    int extent_auto;  /* no extent in the style: fit the control areas */
    int width, height;
    /* [map] size: a preset's name or a size, replacing width and height;
     * NULL = width x height. */
    char *size;
    tcmap__size *sizes; /* the built-in presets, then the style's */
    size_t n_sizes;
    char *names;
    char *font;
    uint32_t background, land, land_outline, area_outline, nodata, text;
    char *nodata_label;
    /* What sentences (describe) call the ground the shares are of: the
     * geodata's core scope, or every control area when it marks none. */
    char *scope_name;
    double context_fade; /* 0 = context areas in full party colour */
    char *title, *subtitle, *credit;
    uint32_t town_color;
    int town_max_rank;
    int town_holder;     /* markers filled with the holder's colour */
    int settlement_dots; /* a dot per settlement, coloured by holder */
    int settlement_labels;         /* names beside the dots */
    int settlement_label_max_rank; /* 0 = every rank */
    char *town_label;    /* legend entry for the markers; "" = none */
    char *town_label_short; /* for a tight legend; "" = town_label */

    /* Labels and furniture (keys documented in styles/README.md). */
    uint32_t paper;      /* the page around the map panel */
    uint32_t halo;       /* halo around labels */
    uint32_t area_label; /* colour of area names */
    uint32_t frame;      /* panel outline, legend and inset frames */
    uint32_t legend_background;
    double text_scale;   /* multiplies every text size on a pixel page */
    /* On a page measured in points (a size in mm, or a dpi), the size of
     * a text unit in points: text no longer scales with the page. */
    double text_pt;
    int label_areas, label_context;
    char **local_names;  /* name sets shown as "local" by en+local */
    char **local_country; /* pairs: land id or name, set; NULL-ended */
    int scale_bar, north_arrow, inset;
    int credit_max_sources;
    tcmap_sources_mode sources; /* never TCMAP_SOURCES_STYLE */

    /* [annotations]: defaults for callouts, arrows and highlights. */
    uint32_t annot_color;      /* arrows, highlights, callout points */
    uint32_t annot_text;       /* callout and label text */
    double annot_width;        /* arrow shaft, layout units */
    double annot_text_size;    /* text units */

    tcmap__party *parties;
    size_t n_parties;
    tcmap__status_style *statuses;
    size_t n_statuses;
    tcmap__line_style *lines;
    size_t n_lines;
    /* The keys given in a language ("label.hy" in [party.NK], "title.ru"
     * in [map]), for tcmap__style_word. */
    GKeyFile *words;
};

/* "#rrggbb" into 0xRRGGBB; 0 when s is not that. */
int
tcmap__parse_color(const char *s, uint32_t *out);

/* Index of the party with that id, or -1. */
long
tcmap__style_party_find(const tcmap_style *style, const char *id);

const tcmap__status_style *
tcmap__style_status_find(const tcmap_style *style, const char *id);

/* The style's word for [group] key in lang ("label" of "party.AZ" in
 * "ru": its label.ru), or NULL (stylewords.h). */
static inline const char *
tcmap__style_word(const tcmap_style *s, const char *group, const char *key,
                  const char *lang)
{
    return s ? tcmap__style_words_get(s->words, group, key, lang) : NULL;
}

/* The preset named `name`, or NULL. */
const tcmap__size *
tcmap__style_size_find(const tcmap_style *style, const char *name);

#endif
