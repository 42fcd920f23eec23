/* store.h - what a process keeps by content: a bounded, thread-safe set
 * of values, each under its owner's id and a key of bytes. */
#ifndef TCMAP_STORE_H
#define TCMAP_STORE_H

#include <stddef.h>
#include <stdint.h>

/* What the store keeps at most: this many bytes of keys and values
 * (values as their makers count them), and this many entries. An entry a
 * thread is using when it is put out stays alive until it is given back,
 * so a moment's total can exceed the bound by the entries in use. */
#define TCMAP__STORE_BYTES ((size_t)256 << 20)
enum { TCMAP__STORE_ENTRIES = 1024 };

typedef struct tcmap__kept tcmap__kept;

/* A new owner: an id no owner of this process had or will have, so that
 * a key under it never meets the things of a destroyed owner. */
uint64_t
tcmap__store_owner(void);

/* The entry for key (len bytes, compared whole) under owner, made empty
 * when there is none, held by the caller alone until tcmap__store_give:
 * a thread taking an entry another thread holds waits for it, so one
 * thread fills it and the others find it filled. Never NULL. */
tcmap__kept *
tcmap__store_take(uint64_t owner, const void *key, size_t len);

/* The entry's value, or NULL while none was put in (a new entry, or one
 * whose maker failed: the taker then makes it). */
void *
tcmap__store_value(const tcmap__kept *e);

/* Puts value into an empty entry the caller holds: `bytes` is what it
 * costs (counted against TCMAP__STORE_BYTES), free_value frees it when
 * the entry goes. */
void
tcmap__store_fill(tcmap__kept *e, void *value, size_t bytes,
                  void (*free_value)(void *));

/* Gives back an entry from tcmap__store_take; then the store keeps its
 * bound, putting out the entries least recently taken. */
void
tcmap__store_give(tcmap__kept *e);

/* Puts out every entry of owner (the owner is gone). */
void
tcmap__store_forget(uint64_t owner);

/* What the store holds now, and what takes found since the process
 * started: hits (a value) and misses (none), all threads' together and
 * the calling thread's own. For tests and benchmarks. */
typedef struct tcmap__store_counts {
    size_t bytes, entries;
    unsigned long hits, misses;
    unsigned long thread_hits, thread_misses;
} tcmap__store_counts;

void
tcmap__store_counts_get(tcmap__store_counts *c);

#endif
