/* The per-record jansson arena (jsonmem.h).
 *
 * Keeps an array of chunks (the first 256 KiB, each next one twice the one
 * before, up to 16 MiB) filled in order by a bump pointer. An allocation
 * costs a compare and an add (the chunk being filled is kept as two
 * pointers, the rest of the work is out of line); a free a range check
 * against the chunk being filled, then the older ones of this record (a
 * handful: they double), and, when it is the latest allocation, a
 * roll-back of the bump pointer. What the arena gives from malloc while it
 * is on (big blocks; small ones when a chunk cannot be had) is listed, so
 * that reset frees it and a record need not be json_decref'd, a walk of
 * every value that was a twentieth of resolve. Reset is O(chunks + big
 * blocks left). */
#include "whosaid/jsonmem.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JSONMEM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define JSONMEM_ASAN 1
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define JSONMEM_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef JSONMEM_VALGRIND
#define JSONMEM_VALGRIND() 0
#endif

#define FIRST_CHUNK (256u << 10)
#define MAX_CHUNK (16u << 20)
#define ALIGN 16u /* max_align_t on the platforms we build on */

typedef struct chunk {
    char *base;
    size_t size;
} chunk;

struct whosaid_jsonmem {
    chunk *chunks;
    size_t n, cap; /* chunks made, slots */
    size_t cur;    /* the chunk being filled; chunks after it are unused */
    /* chunks[cur] as pointers: its base, the bump pointer and its end
     * (all NULL before the first chunk) */
    char *base, *top, *end;
    char *last; /* the latest allocation, which a free may roll back */
    void **big; /* blocks malloc'd while on, not freed yet */
    size_t nbig, capbig;
    int poison; /* WHOSAID_JSON_ARENA=poison: fill used chunks at reset */
};

/* The arena that is on, if any: jansson's hooks take no context. */
static whosaid_jsonmem *active;

static int in_chunk(const chunk *c, const void *p)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)c->base;
    return a >= b && a - b < c->size;
}

static void set_current(whosaid_jsonmem *m)
{
    m->base = m->top = m->chunks[m->cur].base;
    m->end = m->base + m->chunks[m->cur].size;
}

/* Starts a chunk after cur (reusing a kept one) with room for size bytes. */
static int next_chunk(whosaid_jsonmem *m, size_t size)
{
    if (m->n && m->cur + 1 < m->n) {
        m->cur++; /* kept chunks are at least FIRST_CHUNK > WHOSAID_JSONMEM_BIG */
        set_current(m);
        return 0;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 8;
        chunk *c = realloc(m->chunks, cap * sizeof *c);
        if (!c) return -1;
        m->chunks = c;
        m->cap = cap;
    }
    size_t want = m->n ? 2 * m->chunks[m->n - 1].size : FIRST_CHUNK;
    if (want > MAX_CHUNK) want = MAX_CHUNK;
    if (want < size) want = size;
    char *base = malloc(want);
    if (!base) return -1;
    m->chunks[m->n].base = base;
    m->chunks[m->n].size = want;
    m->cur = m->n++;
    set_current(m);
    return 0;
}

/* malloc while the arena is on: the block is listed for the reset. */
static void *big_malloc(whosaid_jsonmem *m, size_t size)
{
    if (whosaid_grow((void **)&m->big, &m->capbig, m->nbig + 1, sizeof *m->big)) return NULL;
    void *p = malloc(size);
    if (p) m->big[m->nbig++] = p;
    return p;
}

/* The allocations that do not fit the chunk being filled: big ones, the
 * first of a record, and the one that starts the next chunk. */
static __attribute__((noinline)) void *slow_malloc(whosaid_jsonmem *m, size_t size)
{
    if (!m) return malloc(size);
    if (size >= WHOSAID_JSONMEM_BIG) return big_malloc(m, size);
    size = size ? (size + ALIGN - 1) & ~(size_t)(ALIGN - 1) : ALIGN;
    /* Out of chunk memory: malloc still works, and free() tells them apart. */
    if ((!m->top || (size_t)(m->end - m->top) < size) && next_chunk(m, size))
        return big_malloc(m, size);
    char *p = m->top;
    m->top += size;
    m->last = p;
    return p;
}

static void *hook_malloc(size_t size)
{
    whosaid_jsonmem *m = active;
    /* size - 1 wraps for 0, which then takes the slow path */
    if (m && size - 1 < WHOSAID_JSONMEM_BIG - 1) {
        size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
        char *p = m->top;
        if (p && (size_t)(m->end - p) >= need) {
            m->top = p + need;
            m->last = p;
            return p;
        }
    }
    return slow_malloc(m, size);
}

/* p is not in the chunk being filled: an older chunk, a listed block (the
 * newest first), or a block of before the arena was on. */
static __attribute__((noinline)) void free_older(whosaid_jsonmem *m, void *p)
{
    for (size_t i = m->n ? m->cur : 0; i-- > 0;)
        if (in_chunk(&m->chunks[i], p)) return;
    for (size_t i = m->nbig; i-- > 0;)
        if (m->big[i] == p) {
            m->big[i] = m->big[--m->nbig];
            break;
        }
    free(p);
}

static void hook_free(void *p)
{
    whosaid_jsonmem *m = active;
    if (!p) return;
    if (!m) {
        free(p);
        return;
    }
    /* The chunk being filled first: most frees are of recent values. */
    if (m->base && (uintptr_t)p - (uintptr_t)m->base < (uintptr_t)m->end - (uintptr_t)m->base) {
        if ((char *)p == m->last) {
            m->top = m->last;
            m->last = NULL;
        }
        return;
    }
    free_older(m, p);
}

int whosaid_jsonmem_wanted(void)
{
#ifdef JSONMEM_ASAN
    return 0;
#else
    const char *env = getenv("WHOSAID_JSON_ARENA");
    if (env && strcmp(env, "0") == 0) return 0;
    /* on even under valgrind: instruction counts of the real allocator */
    if (env && strcmp(env, "1") == 0) return 1;
    return !JSONMEM_VALGRIND();
#endif
}

whosaid_jsonmem *whosaid_jsonmem_new(void)
{
    whosaid_jsonmem *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    const char *env = getenv("WHOSAID_JSON_ARENA");
    m->poison = env && strcmp(env, "poison") == 0;
    json_set_alloc_funcs(hook_malloc, hook_free);
    return m;
}

whosaid_jsonmem *whosaid_jsonmem_for_records(void)
{
    return whosaid_jsonmem_wanted() ? whosaid_jsonmem_new() : NULL;
}

void whosaid_jsonmem_free(whosaid_jsonmem *m)
{
    if (!m) return;
    if (active == m) active = NULL;
    for (size_t i = 0; i < m->n; i++)
        free(m->chunks[i].base);
    for (size_t i = 0; i < m->nbig; i++)
        free(m->big[i]);
    free(m->big);
    free(m->chunks);
    free(m);
}

void whosaid_jsonmem_begin(whosaid_jsonmem *m)
{
    if (m) active = m;
}

void whosaid_jsonmem_end(whosaid_jsonmem *m)
{
    if (!m) return;
    if (active == m) active = NULL;
    /* A value wrongly kept past its record then reads garbage at once. */
    for (size_t i = 0; m->poison && i < m->n && i <= m->cur; i++)
        memset(m->chunks[i].base, 0xA5,
               i < m->cur ? m->chunks[i].size : (size_t)(m->top - m->base));
    for (size_t i = 0; i < m->nbig; i++)
        free(m->big[i]);
    m->nbig = 0;
    /* Keep the first chunks up to the high-water mark, give back the rest. */
    size_t kept = 0, total = 0;
    while (kept < m->n && total + m->chunks[kept].size <= WHOSAID_JSONMEM_KEEP)
        total += m->chunks[kept++].size;
    for (size_t i = kept; i < m->n; i++)
        free(m->chunks[i].base);
    m->n = kept;
    m->cur = 0;
    if (m->n)
        set_current(m);
    else
        m->base = m->top = m->end = NULL;
    m->last = NULL;
}

void whosaid_jsonmem_release(whosaid_jsonmem *m, json_t *v)
{
    if (!m) json_decref(v);
}

size_t whosaid_jsonmem_held(const whosaid_jsonmem *m)
{
    size_t total = 0;
    for (size_t i = 0; m && i < m->n; i++)
        total += m->chunks[i].size;
    return total;
}
