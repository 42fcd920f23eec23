/* credit.h - the table's citations taken apart: the works one row cites,
 * a work's short name (its author or publisher) and its address. */
#ifndef TCMAP_CREDIT_H
#define TCMAP_CREDIT_H

/* The works of a row's `source`, split at "; " outside parentheses and
 * quotes, each trimmed; empty ones left out. NULL-ended, new
 * (g_strfreev). */
char **
tcmap__cite_split(const char *source);

/* A work's short name: its author or publisher, the part before the
 * details. New (g_free). */
char *
tcmap__cite_name(const char *work);

/* A work's first web address (http:// or https://), or "". New
 * (g_free). */
char *
tcmap__cite_address(const char *work);

#endif
