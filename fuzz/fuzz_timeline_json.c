/* fuzz_timeline_json.c: libFuzzer target for the timeline JSON reader (render/chart.c) and the gnuplot
 * writer (render/gnuplot.c): any input is read as a timeline and, when it is one, drawn with each lane
 * mode and in density mode; the script must never hold a byte of the input's strings unquoted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <chronicle/chronicle.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    chr_chart *c;
    chr_error err;
    if (chr_chart_new(&c) != CHR_OK)
        abort();
    if (chr_chart_add_text(c, (const char *)data, size, &err) == CHR_OK) {
        for (int mode = 0; mode < 5; mode++) {
            chr_chart_opts o;
            memset(&o, 0, sizeof o);
            if (mode < 4)
                o.lanes = (chr_chart_lanes)mode;
            else
                o.density = CHR_DENSITY_MONTH;
            o.term = (chr_chart_term)(mode % 3);
            char *script, *tsv;
            size_t slen, dlen;
            if (chr_chart_gnuplot(&script, &slen, &tsv, &dlen, c, &o, NULL, &err) == CHR_OK) {
                if (strlen(script) != slen || strlen(tsv) != dlen || memchr(script, '`', slen))
                    abort();
                free(script);
                free(tsv);
            }
        }
    }
    chr_chart_free(c);
    return 0;
}
