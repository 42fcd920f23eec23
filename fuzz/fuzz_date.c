/* fuzz_date.c - the date parser on arbitrary bytes. A date that parses
 * must format back to the same text; a date that does not must say why;
 * and formatting any day number must neither overflow nor give a string
 * that is not a real date. */
#include "fuzz_util.h"
#include "tcmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = calloc(size + 1, 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    int32_t days = 0;
    tcmap_error err;
    if (tcmap_date_parse(s, &days, &err) == TCMAP_OK) {
        char back[11];
        tcmap_date_format(days, back);
        if (strcmp(back, s) != 0) {
            fprintf(stderr, "'%s' -> %d -> '%s'\n", s, (int)days, back);
            abort();
        }
    } else if (err.status != TCMAP_ERR_DATA || !err.message[0]) {
        abort();
    }
    /* The first four bytes as a day number: whatever it is, the text that
     * tcmap_date_format writes must be a date tcmap_date_parse accepts. */
    if (size >= 4) {
        int32_t d;
        memcpy(&d, data, sizeof d);
        char buf[11];
        tcmap_date_format(d, buf);
        if (tcmap_date_parse(buf, NULL, NULL) != TCMAP_OK) {
            fprintf(stderr, "%d formats as '%s', not a date\n", (int)d, buf);
            abort();
        }
    }
    free(s);
    return 0;
}
