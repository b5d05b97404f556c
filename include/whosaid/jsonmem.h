/* A per-record allocation arena for jansson.
 *
 * Parsing a record and building a stage's additions make tens of thousands
 * of small jansson allocations that all die together when the record is
 * written and released; malloc and free were a quarter of the parse. While
 * an arena is switched on (whosaid_jsonmem_begin), jansson's small
 * allocations are bump-allocated from its chunks, and freeing one is a
 * no-op; large blocks (a long text) and everything made while no arena is
 * on go to malloc/free as before. whosaid_jsonmem_end switches it off and
 * reuses the chunks for the next record, so it may only be called once no
 * jansson value made since begin is alive any more (after the record is
 * written and json_decref'd). Values that outlive a record (rule sets,
 * anything built at start-up or kept in a stage's context) must be made
 * while no arena is on.
 *
 * Everything the arena hands out while it is on, malloc'd blocks included,
 * goes at whosaid_jsonmem_end: a record need not be json_decref'd (a walk
 * of all its values), whosaid_jsonmem_release says which to do. A value
 * made while no arena was on and put into a record (a rule's attributes)
 * then keeps the reference the record took: such values live until exit.
 *
 * Memory: after a record, chunks beyond WHOSAID_JSONMEM_KEEP bytes are given
 * back, so a huge record does not leave its peak behind; between the two,
 * the arena holds at most what the largest record needed.
 *
 * The hooks are process-wide (json_set_alloc_funcs), so one arena at a time
 * is on. whosaid_jsonmem_wanted() says no under AddressSanitizer, under
 * valgrind and when the environment has WHOSAID_JSON_ARENA=0, so that those
 * tools see every allocation; record loops then pass NULL, which every
 * function here takes as "no arena". WHOSAID_JSON_ARENA=1 keeps it on
 * under valgrind (for callgrind's instruction counts of what runs).
 * WHOSAID_JSON_ARENA=poison fills the used chunks with 0xA5 at each reset,
 * to find a value kept past its record. */
#ifndef WHOSAID_JSONMEM_H
#define WHOSAID_JSONMEM_H

#include <jansson.h>
#include <stddef.h>

/* Chunk bytes kept from one record to the next. */
#define WHOSAID_JSONMEM_KEEP (4u << 20)
/* Allocations of this many bytes or more bypass the arena (malloc). */
#define WHOSAID_JSONMEM_BIG (32u << 10)

typedef struct whosaid_jsonmem whosaid_jsonmem;

/* 1 unless built with ASan, run under valgrind, or WHOSAID_JSON_ARENA=0. */
int whosaid_jsonmem_wanted(void);

/* A new, switched-off arena; installs the jansson hooks (harmless while no
 * arena is on). NULL on ENOMEM. */
whosaid_jsonmem *whosaid_jsonmem_new(void);
/* Frees the arena's chunks; m must be off. */
void whosaid_jsonmem_free(whosaid_jsonmem *m);

/* The arena the record loops use: whosaid_jsonmem_new() when wanted, else
 * (or on ENOMEM) NULL, which means plain malloc. */
whosaid_jsonmem *whosaid_jsonmem_for_records(void);

/* Switches m on: jansson's small allocations come from it from now on. */
void whosaid_jsonmem_begin(whosaid_jsonmem *m);
/* Switches m off and makes its chunks free for the next record. No jansson
 * value allocated since whosaid_jsonmem_begin may be alive. */
void whosaid_jsonmem_end(whosaid_jsonmem *m);

/* Lets go of v, a value made since whosaid_jsonmem_begin(m) (a record):
 * json_decref(v) without an arena, nothing with one, whose reset frees it. */
void whosaid_jsonmem_release(whosaid_jsonmem *m, json_t *v);

/* Bytes of chunks m holds now (0 for NULL); for tests and figures. */
size_t whosaid_jsonmem_held(const whosaid_jsonmem *m);

#endif
