/* once.c: a table that every document reads, built once for the process: by the first caller that claims
 * it; a caller that comes while it is being built builds its own copy (the same bytes) rather than wait.
 * The linker's word lists and the JSON writer's names are such tables.
 *
 * Exports chr__build_once (internal.h). */
#include "internal.h"

const void *chr__build_once(atomic_int *state, void *shared, void *local, void (*build)(void *))
{
    if (atomic_load_explicit(state, memory_order_acquire) == 2)
        return shared;
    int none = 0;
    if (atomic_compare_exchange_strong(state, &none, 1)) {
        build(shared);
        atomic_store_explicit(state, 2, memory_order_release);
        return shared;
    }
    build(local);
    return local;
}
