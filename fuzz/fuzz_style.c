/* fuzz_style.c - the style reader (GKeyFile plus tcmap's checks) on
 * arbitrary bytes written to a .ini file. A load either succeeds or fails
 * with a message that names the file. */
#include "fuzz_util.h"
#include "tcmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fz_write("style.ini", data, size, path);
    tcmap_style *style = NULL;
    tcmap_error err;
    if (tcmap_style_load(path, &style, &err) == TCMAP_OK) {
        /* Touch what a renderer would read first. */
        size_t n = tcmap_style_party_count(style);
        for (size_t i = 0; i < n; i++)
            if (!tcmap_style_party_id(style, i) ||
                !tcmap_style_party_label(style, i))
                abort();
        if (!tcmap_style_crs(style))
            abort();
    } else {
        if (style)
            abort();
        fz_check_message(path, err.message);
    }
    tcmap_style_destroy(style);
    return 0;
}
