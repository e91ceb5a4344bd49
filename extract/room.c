/* room.c: an array kept from one document to the next (a thread's scratch), made bigger when a document
 * needs more: its contents are not kept, so a bigger one is allocated afresh rather than reallocated.
 *
 * Exports chr__room (internal.h). */
#include <stdlib.h>

#include "internal.h"

void *chr__room(void *old, size_t *cap, size_t n, size_t size)
{
    if (!n)
        n = 1;
    if (old && n <= *cap)
        return old;
    free(old);
    void *p = malloc(n * size);
    *cap = p ? n : 0;
    return p;
}
