/* The store under the render cache (core/store.c): a key is compared
 * whole, under its owner, and the store keeps its bounds of bytes and
 * entries, putting out the least recently taken first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/store.h"

#include <glib.h>
#include <string.h>

static tcmap__store_counts
counts(void)
{
    tcmap__store_counts c;
    tcmap__store_counts_get(&c);
    return c;
}

static void
value_free(void *v)
{
    g_free(v);
}

/* Takes key under owner and fills it with a copy of text when empty;
 * returns whether it was filled before (a hit). */
static int
take_fill(uint64_t owner, const void *key, size_t len, const char *text,
          size_t bytes)
{
    tcmap__kept *e = tcmap__store_take(owner, key, len);
    int hit = tcmap__store_value(e) != NULL;
    if (!hit)
        tcmap__store_fill(e, g_strdup(text), bytes, value_free);
    tcmap__store_give(e);
    return hit;
}

static void
a_key_that_differs_only_past_its_first_64_bits_does_not_hit(void **state)
{
    (void)state;
    uint64_t owner = tcmap__store_owner();
    unsigned char a[24] = {0}, b[24] = {0};
    memcpy(a, "land\0\0\0\0", 8);
    memcpy(b, a, sizeof a);
    b[20] = 1; /* byte 21 of 24: past any 64-bit digest's first word */
    assert_false(take_fill(owner, a, sizeof a, "a", 1));
    assert_true(take_fill(owner, a, sizeof a, "a", 1));
    assert_false(take_fill(owner, b, sizeof b, "b", 1));
    /* And the other's value is its own. */
    tcmap__kept *e = tcmap__store_take(owner, a, sizeof a);
    assert_string_equal(tcmap__store_value(e), "a");
    tcmap__store_give(e);
    /* The same key under another owner (another map) is another entry. */
    assert_false(take_fill(tcmap__store_owner(), a, sizeof a, "c", 1));
    tcmap__store_forget(owner);
}

static void
the_store_keeps_its_bound(void **state)
{
    (void)state;
    uint64_t owner = tcmap__store_owner();
    size_t big = TCMAP__STORE_BYTES / 6;
    for (int i = 0; i < 10; i++) {
        take_fill(owner, &i, sizeof i, "x", big);
        assert_true(counts().bytes <= TCMAP__STORE_BYTES);
    }
    /* The first went, the last stayed. */
    int first = 0, last = 9;
    assert_false(take_fill(owner, &first, sizeof first, "x", 1));
    assert_true(take_fill(owner, &last, sizeof last, "x", big));
    for (int i = 0; i < TCMAP__STORE_ENTRIES + 100; i++)
        take_fill(owner, &i, sizeof i, "x", 1);
    assert_true(counts().entries <= TCMAP__STORE_ENTRIES);
    assert_true(counts().entries >= TCMAP__STORE_ENTRIES / 2);
    tcmap__store_forget(owner);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            a_key_that_differs_only_past_its_first_64_bits_does_not_hit),
        cmocka_unit_test(the_store_keeps_its_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
