/* store.c - core: one process-wide place where the stages above keep what
 * they made once and reuse (a map's rasters, its memo), found by the whole
 * key, never by a digest, and bounded. Owners are ids rather than
 * pointers, so that what is kept for a map never needs the map written. */
#include "core/store.h"

#include <glib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

struct tcmap__kept {
    uint64_t owner;
    const guint8 *key; /* len bytes: own below, or a probe's caller's */
    size_t len;
    guint hash;    /* of owner and key, made once */
    pthread_mutex_t lock; /* held by the one thread using the entry */
    void *value;
    size_t bytes;  /* the value's cost */
    void (*free_value)(void *);
    GList link;    /* in the order taken, most recent first */
    int refs;      /* threads holding it or waiting for it */
    int kept;      /* in the table (else freed when the last gives it) */
    guint8 own[];  /* the entry's copy of the key */
};

/* Guards the table, the order, refs, kept and the totals. pthread's
 * locks, not GLib's: ThreadSanitizer sees them (GLib's futexes are not
 * built with it), so a run under it checks the store's locking. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *table;
static GQueue order = G_QUEUE_INIT;
static size_t total_bytes;
static atomic_ulong hits, misses;
static _Thread_local unsigned long my_hits, my_misses;
static atomic_uint_least64_t owners;

uint64_t
tcmap__store_owner(void)
{
    return atomic_fetch_add(&owners, 1) + 1;
}

static size_t
cost(const tcmap__kept *e)
{
    return e->len + e->bytes;
}

/* Eight bytes a step: a credit line's key holds every unit's rows, and
 * the hash only picks a bucket (the key is then compared whole). */
static guint
key_hash(uint64_t owner, const guint8 *key, size_t len)
{
    uint64_t h = (owner ^ len) * 0x9e3779b97f4a7c15u;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, key + i, sizeof w);
        h = (h ^ w) * 0x100000001b3u;
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ key[i]) * 0x100000001b3u;
    return (guint)(h ^ (h >> 32));
}

static guint
kept_hash(gconstpointer p)
{
    return ((const tcmap__kept *)p)->hash;
}

static gboolean
kept_equal(gconstpointer pa, gconstpointer pb)
{
    const tcmap__kept *a = pa, *b = pb;
    return a->owner == b->owner && a->len == b->len &&
           (!a->len || memcmp(a->key, b->key, a->len) == 0);
}

static void
entry_free(void *p)
{
    tcmap__kept *e = p;
    if (e->value && e->free_value)
        e->free_value(e->value);
    pthread_mutex_destroy(&e->lock);
    g_free(e);
}

/* Takes e out of the table (the caller holds the lock); returns e when it
 * is to be freed now (no thread holds it), else NULL. */
static tcmap__kept *
put_out(tcmap__kept *e)
{
    g_hash_table_remove(table, e);
    g_queue_unlink(&order, &e->link);
    total_bytes -= cost(e);
    e->kept = 0;
    return e->refs ? NULL : e;
}

tcmap__kept *
tcmap__store_take(uint64_t owner, const void *key, size_t len)
{
    /* The caller's bytes, found without a copy; copied once, when new. */
    tcmap__kept probe = {.owner = owner, .key = key, .len = len};
    probe.hash = key_hash(owner, key, len);
    pthread_mutex_lock(&lock);
    if (!table)
        table = g_hash_table_new(kept_hash, kept_equal);
    tcmap__kept *e = g_hash_table_lookup(table, &probe);
    if (e) {
        g_queue_unlink(&order, &e->link);
    } else {
        e = g_malloc0(sizeof *e + len);
        if (len)
            memcpy(e->own, key, len);
        e->owner = owner, e->key = e->own, e->len = len, e->hash = probe.hash;
        e->kept = 1;
        e->link.data = e;
        pthread_mutex_init(&e->lock, NULL);
        g_hash_table_add(table, e);
        total_bytes += cost(e);
    }
    g_queue_push_head_link(&order, &e->link);
    e->refs++;
    pthread_mutex_unlock(&lock);
    pthread_mutex_lock(&e->lock);
    if (e->value) {
        atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
        my_hits++;
    } else {
        atomic_fetch_add_explicit(&misses, 1, memory_order_relaxed);
        my_misses++;
    }
    return e;
}

void *
tcmap__store_value(const tcmap__kept *e)
{
    return e->value;
}

void
tcmap__store_fill(tcmap__kept *e, void *value, size_t bytes,
                  void (*free_value)(void *))
{
    pthread_mutex_lock(&lock);
    if (e->kept)
        total_bytes -= cost(e);
    e->value = value, e->bytes = bytes, e->free_value = free_value;
    if (e->kept)
        total_bytes += cost(e);
    pthread_mutex_unlock(&lock);
}

void
tcmap__store_give(tcmap__kept *e)
{
    pthread_mutex_unlock(&e->lock);
    GSList *dead = NULL;
    pthread_mutex_lock(&lock);
    if (--e->refs == 0 && !e->kept)
        dead = g_slist_prepend(dead, e);
    /* The least recently taken go first; the one just given back is the
     * most recent, so it goes only when it alone is over the bound. */
    while (order.length && (total_bytes > TCMAP__STORE_BYTES ||
                            order.length > TCMAP__STORE_ENTRIES)) {
        tcmap__kept *old = put_out(order.tail->data);
        if (old)
            dead = g_slist_prepend(dead, old);
    }
    pthread_mutex_unlock(&lock);
    /* Freed outside the lock: a raster's free is not for every thread to
     * wait on. */
    g_slist_free_full(dead, entry_free);
}

void
tcmap__store_forget(uint64_t owner)
{
    GSList *dead = NULL;
    pthread_mutex_lock(&lock);
    for (GList *l = order.head; l;) {
        tcmap__kept *e = l->data;
        l = l->next;
        if (e->owner == owner && (e = put_out(e)))
            dead = g_slist_prepend(dead, e);
    }
    pthread_mutex_unlock(&lock);
    g_slist_free_full(dead, entry_free);
}

void
tcmap__store_counts_get(tcmap__store_counts *c)
{
    pthread_mutex_lock(&lock);
    c->bytes = total_bytes;
    c->entries = order.length;
    pthread_mutex_unlock(&lock);
    c->hits = atomic_load(&hits);
    c->misses = atomic_load(&misses);
    c->thread_hits = my_hits;
    c->thread_misses = my_misses;
}
