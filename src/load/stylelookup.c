/* stylelookup.c - load stage: a loaded style looked up by number or id
 * (its parties, statuses and sizes, its CRS), for the stages below and
 * for embedders. Kept apart from style.c, which reads and checks a style
 * file: nothing here reads a file; a lookup by id fails only for an id
 * the style lacks. */
#include "load/style.h"
#include "core/error.h"

#include <string.h>

const char *
tcmap_style_crs(const tcmap_style *s)
{
    return s->crs;
}

size_t
tcmap_style_party_count(const tcmap_style *s)
{
    return s->n_parties;
}

const char *
tcmap_style_party_id(const tcmap_style *s, size_t i)
{
    return i < s->n_parties ? s->parties[i].id : NULL;
}

const char *
tcmap_style_party_label(const tcmap_style *s, size_t i)
{
    return i < s->n_parties ? s->parties[i].label : NULL;
}

uint32_t
tcmap_style_party_fill(const tcmap_style *s, size_t i)
{
    return i < s->n_parties ? s->parties[i].fill : 0;
}

tcmap_status
tcmap_style_party_find(const tcmap_style *style, const char *id,
                       size_t *index, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!style || !id || !index)
        return tcmap__error(err, TCMAP_ERR_ARG, "party_find: NULL argument");
    long i = tcmap__style_party_find(style, id);
    if (i < 0)
        return tcmap__error(err, TCMAP_ERR_DATA, "no party '%s'", id);
    *index = (size_t)i;
    return TCMAP_OK;
}

size_t
tcmap_style_status_count(const tcmap_style *style)
{
    return style ? style->n_statuses : 0;
}

const char *
tcmap_style_status_id(const tcmap_style *style, size_t i)
{
    return style && i < style->n_statuses ? style->statuses[i].id : NULL;
}

const char *
tcmap_style_status_label(const tcmap_style *style, size_t i)
{
    return style && i < style->n_statuses ? style->statuses[i].label : NULL;
}

const char *
tcmap_style_size_name(const tcmap_style *s, size_t i)
{
    return s && i < s->n_sizes ? s->sizes[i].name : NULL;
}
