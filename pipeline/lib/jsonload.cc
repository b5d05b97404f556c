/* Record lines parsed by simdjson, built as jansson values (see
 * jsonload.h). The only C++ in whosaid: simdjson has no C interface, so
 * this file is the bridge, and nothing C++ crosses it (no exceptions: the
 * error-code interface is used throughout; allocation failures in jansson
 * make the fast path decline). */
#include "whosaid/jsonload.h"

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
#include "whosaid/buf.h"
#include "whosaid/jsonesc.h"
#include "whosaid/out.h"
}

namespace dom = simdjson::dom;

/* Members left out (whosaid_jsonload_skip): member of the objects in the
 * top-level array field ("parent.child": child of their object member
 * parent). */
struct skip_pair {
    std::string_view field, member;
};

/* Most names a name_set holds (the read list's and the ones learned), and
 * the longest it learns. */
enum { KNOWN_MAX = 64, KNOWN_LEN = 24 };

/* Member names chained by key_slot (below): a key meets only the names of
 * its slot, most often one or none, instead of every name (every member
 * of every item of a kept array is looked up). names[0..nread) are the
 * read list's (borrowed); the rest are keys met in the items, copied into
 * learned, known to hold no NUL and told apart by their index (a bit
 * each), so that a key found here needs neither the NUL test nor a
 * duplicate search: items of one array mostly repeat a few keys. */
struct name_set {
    std::string_view names[KNOWN_MAX];
    uint8_t first[64] = {};       /* 1 + index of the slot's first name, 0: none */
    uint8_t next[KNOWN_MAX] = {}; /* the same, next in the slot */
    size_t n = 0, nread = 0;
    uint64_t nul = 0; /* read names holding a NUL, which no key may */
    /* 1 + the index of the name that came after name i - 1 (after none:
     * the first) in the last object met it, 0: none; tried before the
     * slot's chain, as items mostly repeat the keys of the one before */
    uint8_t after[KNOWN_MAX + 1] = {};
    char learned[KNOWN_MAX][KNOWN_LEN];
};

struct whosaid_jsonload {
    dom::parser parser{WHOSAID_JSONLOAD_MAX};
    char *padded = nullptr; /* a copy of the line with simdjson's padding after it */
    size_t cap = 0;
    skip_pair skip[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t nskip = 0;
    /* whosaid_jsonload_keep's, one per field kept */
    whosaid_jsonload_view *views[WHOSAID_JSONLOAD_KEEP_MAX] = {};
    size_t nviews = 0;
};

/* What the items of a kept array are read for, one level of nesting:
 * names[i] (a parent of nested names once) with the index of its value in
 * the read list (-1: only a parent) and the set of its children read
 * (an index into the view's sets, -1: none). */
struct read_set {
    name_set names; /* value and inner below for its nread names */
    int8_t value[WHOSAID_JSONLOAD_KEEP_READ];
    int8_t inner[WHOSAID_JSONLOAD_KEEP_READ];
};

/* The members to leave out of one object: names[0..n), and child[i] of
 * its object member parent[i] for i < nnested. */
struct skip_set {
    std::string_view names[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t n = 0;
    std::string_view parent[WHOSAID_JSONLOAD_SKIP_MAX], child[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t nnested = 0;
};

/* A top-level array left in the parse (whosaid_jsonload_keep): the
 * members read of each item of the last line's array, taken in the walk
 * that checks it (one walk, not two), where next is, and the record's
 * holder (its member key: a NUL, then the field's name, which no line can
 * hold, as neither parser takes a NUL in a key; the holder holds this
 * view's address). */
struct whosaid_jsonload_view {
    whosaid_jsonload *loader;
    std::string_view field;
    char key[WHOSAID_JSONLOAD_KEEP_NAME + 1]; /* the holder's key, key_len bytes */
    size_t key_len;
    read_set sets[1 + WHOSAID_JSONLOAD_KEEP_READ]; /* sets[0]: the items' own members */
    size_t nsets, nread;
    dom::array arr; /* the array, for whosaid_jsonload_view_replace */
    /* what the loader leaves out of its items (field_skip, once per line:
     * a skip_set is not small), skip when anything */
    skip_set skip_names;
    const skip_set *skip = nullptr;
    dom::object *objs = nullptr;              /* item i, when it is an object */
    bool *is_obj = nullptr;                   /* whether item i is one */
    whosaid_jsonload_value *values = nullptr; /* nread per item */
    size_t n = 0, cap = 0, next = 0;          /* items, room, the next one */
    json_t *holder = nullptr;
    bool met = false; /* the field met this line as no array */
};

extern "C" int whosaid_jsonload_skip(whosaid_jsonload *l, const char *field, const char *member)
{
    if (!l || l->nskip == WHOSAID_JSONLOAD_SKIP_MAX) return -1;
    l->skip[l->nskip++] = skip_pair{field, member};
    return 0;
}

static inline unsigned key_slot(std::string_view k);

static inline bool has_nul(const char *p, size_t n);

/* Chains set's read names by slot; nothing learned yet. */
static void name_set_chain(name_set *set)
{
    std::memset(set->first, 0, sizeof set->first);
    set->nread = set->n;
    set->nul = 0;
    /* added last to first, so that a slot's chain starts with its first */
    for (size_t i = set->n; i-- > 0;) {
        unsigned h = key_slot(set->names[i]);
        set->next[i] = set->first[h];
        set->first[h] = static_cast<uint8_t>(i + 1);
        if (has_nul(set->names[i].data(), set->names[i].size())) set->nul |= UINT64_C(1) << i;
    }
}

/* Adds key (no NUL in it, not in set) to set's names: 1 + its index, or 0
 * when set is full or key too long (it is then searched for the slow
 * way). */
static unsigned name_set_learn(name_set *set, std::string_view key, unsigned slot)
{
    if (set->n == KNOWN_MAX || key.size() > KNOWN_LEN) return 0;
    size_t i = set->n++;
    std::memcpy(set->learned[i], key.data(), key.size());
    set->names[i] = std::string_view(set->learned[i], key.size());
    set->next[i] = set->first[slot];
    set->first[slot] = static_cast<uint8_t>(i + 1);
    return static_cast<unsigned>(i + 1);
}

extern "C" whosaid_jsonload *whosaid_jsonload_new(void)
{
    return new (std::nothrow) whosaid_jsonload;
}

extern "C" void whosaid_jsonload_free(whosaid_jsonload *l)
{
    if (!l) return;
    std::free(l->padded);
    for (size_t i = 0; i < l->nviews; i++) {
        std::free(l->views[i]->objs);
        std::free(l->views[i]->is_obj);
        std::free(l->views[i]->values);
        delete l->views[i];
    }
    delete l;
}

static json_t *build(dom::element e);

/* p[0..n) for 4 <= n <= 16 as two words that cover it, overlapping (no
 * byte is read outside it): keys are short, and a loop or a library call
 * per byte of every key of every record showed in profiles. */
static inline void cover(const char *p, size_t n, uint64_t *lo, uint64_t *hi)
{
    if (n >= 8) {
        std::memcpy(lo, p, 8);
        std::memcpy(hi, p + n - 8, 8);
    } else {
        uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        *lo = a;
        *hi = b;
    }
}

/* Whether a key holds a NUL byte. */
static inline bool has_nul(const char *p, size_t n)
{
    if (n >= 4 && n <= 16) {
        const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;
        uint64_t lo, hi;
        cover(p, n, &lo, &hi);
        if (n < 8) { /* the upper halves are zero: fill them */
            lo |= UINT64_C(0xFFFFFFFF00000000);
            hi |= UINT64_C(0xFFFFFFFF00000000);
        }
        return (((lo - ones) & ~lo) | ((hi - ones) & ~hi)) & highs;
    }
    if (n > 16) return std::memchr(p, '\0', n) != nullptr;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\0') return true;
    return false;
}

/* a == b, the length and first byte first, then the words that cover
 * them: the library compare is a call for every member of every object
 * in a skipped or kept array. */
static inline bool same_key(std::string_view a, std::string_view b)
{
    size_t n = a.size();
    if (n != b.size() || (n && a[0] != b[0])) return false;
    if (n >= 4 && n <= 16) {
        uint64_t a0, a1, b0, b1;
        cover(a.data(), n, &a0, &a1);
        cover(b.data(), n, &b0, &b1);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    for (size_t i = 1; i < n && i < 4; i++)
        if (a[i] != b[i]) return false;
    return n < 4 || !std::memcmp(a.data(), b.data(), n);
}

/* A value that json_loadb takes whatever it holds, so that leaving it out
 * changes nothing else: a string, or an array of strings. (An integer too
 * big for jansson, say, must still make the line go to jansson.) */
static bool always_loads(dom::element e)
{
    if (e.type() == dom::element_type::STRING) return true;
    if (e.type() != dom::element_type::ARRAY) return false;
    dom::array arr = e.get_array().value_unsafe();
    for (dom::element item : arr)
        if (item.type() != dom::element_type::STRING) return false;
    return true;
}

static json_t *build_array(dom::array arr, const skip_set *skip);
static json_t *keep_array(whosaid_jsonload_view *v, dom::array arr);

/* rec's view of its array member key, or nullptr when it keeps none. */
static whosaid_jsonload_view *kept_view(const whosaid_jsonload *rec, std::string_view key)
{
    for (size_t i = 0; i < rec->nviews; i++)
        if (rec->views[i]->field == key) return rec->views[i];
    return nullptr;
}

/* What rec says to leave out of the objects of its array member key, or
 * nullptr when nothing (a set made only where asked: most objects have
 * nothing to skip). */
static const skip_set *field_skip(const whosaid_jsonload *rec, std::string_view key, skip_set *set)
{
    for (size_t i = 0; i < rec->nskip; i++) {
        if (rec->skip[i].field != key) continue;
        std::string_view m = rec->skip[i].member;
        size_t dot = m.find('.');
        if (dot == std::string_view::npos) {
            set->names[set->n++] = m;
        } else {
            set->parent[set->nnested] = m.substr(0, dot);
            set->child[set->nnested++] = m.substr(dot + 1);
        }
    }
    return set->n || set->nnested ? set : nullptr;
}

/* The record's array member *key, with what rec says to leave out of its
 * objects, or kept in the parse (*key is then the holder's). */
static json_t *build_field(whosaid_jsonload *rec, std::string_view *key, dom::array arr)
{
    if (whosaid_jsonload_view *v = kept_view(rec, *key)) {
        *key = std::string_view(v->key, v->key_len);
        return keep_array(v, arr);
    }
    skip_set set;
    return build_array(arr, field_skip(rec, *key, &set));
}

/* Whether the record's member key, no array, may be built: not where key
 * is a kept field met already in the line, a duplicate key the record
 * would not show (the kept array sits under its holder's key). */
static bool plain_top_member(whosaid_jsonload *rec, std::string_view key)
{
    whosaid_jsonload_view *v = rec->nviews ? kept_view(rec, key) : nullptr;
    if (!v) return true;
    if (v->holder || v->met) return false;
    v->met = true;
    return true;
}

/* The children skip leaves out of its object member key, or nullptr when
 * it names none. */
static const skip_set *nested_skip(const skip_set *skip, std::string_view key, skip_set *out)
{
    out->n = 0;
    for (size_t i = 0; i < skip->nnested; i++)
        if (same_key(skip->parent[i], key)) out->names[out->n++] = skip->child[i];
    return out->n ? out : nullptr;
}

/* NULL where json_loadb would not give the same object: a duplicate key
 * (refused by JSON_REJECT_DUPLICATES) or a NUL in a key (jansson refuses
 * those even with JSON_ALLOW_NUL). Members named in skip (may be NULL) are
 * left out when their value always loads; a left-out name met twice is a
 * duplicate all the same. rec (the record, top level only; may be NULL)
 * says what to leave out of the objects in its arrays. */
static json_t *build_object(dom::object obj, const skip_set *skip, whosaid_jsonload *rec)
{
    json_t *o = json_object();
    if (!o) return nullptr;
    unsigned skipped = 0;
    size_t added = 0;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        json_t *v;
        if (has_nul(key.data(), key.size())) {
            json_decref(o);
            return nullptr;
        }
        if (skip) {
            size_t i = 0;
            while (i < skip->n && !same_key(skip->names[i], key))
                i++;
            /* A name to leave out, met twice, whatever its values: a
             * duplicate (one copy may be left out and the other kept). */
            if (i < skip->n) {
                if (skipped & (1u << i)) {
                    json_decref(o);
                    return nullptr;
                }
                skipped |= 1u << i;
                if (always_loads(field.value)) continue;
            }
        }
        bool built = false;
        if (skip && skip->nnested && field.value.type() == dom::element_type::OBJECT) {
            skip_set inner; /* made only here: it is not small */
            if (nested_skip(skip, key, &inner)) {
                v = build_object(field.value.get_object().value_unsafe(), &inner, nullptr);
                built = true;
            }
        }
        if (!built)
            v = rec && field.value.type() == dom::element_type::ARRAY
                    ? build_field(rec, &key, field.value.get_array().value_unsafe())
                : rec && !plain_top_member(rec, key) ? nullptr
                                                     : build(field.value);
        if (!v) {
            json_decref(o);
            return nullptr;
        }
        if (json_object_setn_new_nocheck(o, key.data(), key.size(), v)) {
            json_decref(o);
            return nullptr;
        }
        added++;
    }
    /* A duplicate key replaced a value instead of adding one: one size
     * check per object, not one per member. */
    if (json_object_size(o) != added) {
        json_decref(o);
        return nullptr;
    }
    return o;
}

static json_t *build_array(dom::array arr, const skip_set *skip)
{
    json_t *a = json_array();
    if (!a) return nullptr;
    for (dom::element item : arr) {
        json_t *v = skip && item.type() == dom::element_type::OBJECT
                        ? build_object(item.get_object().value_unsafe(), skip, nullptr)
                        : build(item);
        if (!v || json_array_append_new(a, v)) {
            json_decref(a);
            return nullptr;
        }
    }
    return a;
}

static json_t *build(dom::element e)
{
    switch (e.type()) {
    case dom::element_type::OBJECT:
        return build_object(e.get_object().value_unsafe(), nullptr, nullptr);
    case dom::element_type::ARRAY: return build_array(e.get_array().value_unsafe(), nullptr);
    case dom::element_type::STRING: {
        std::string_view s = e.get_string().value_unsafe();
        return json_stringn_nocheck(s.data(), s.size());
    }
    case dom::element_type::INT64: return json_integer(e.get_int64().value_unsafe());
    /* Above INT64_MAX: jansson says "too big integer"; let it. */
    case dom::element_type::UINT64: return nullptr;
    case dom::element_type::DOUBLE: return json_real(e.get_double().value_unsafe());
    case dom::element_type::BOOL: return json_boolean(e.get_bool().value_unsafe());
    case dom::element_type::NULL_VALUE: return json_null();
    }
    return nullptr;
}

/* Appends s as whosaid_out_string would when it is 1 to 16 bytes that need
 * no escape (keys, ids, types: most strings of an item written from a
 * kept array), with jsonesc.h's word tests; false, b->len unchanged, for
 * anything else (the caller then takes the general way). Two calls down to the escaping code
 * for every key and short value showed in profiles. */
static inline bool put_plain_short(whosaid_buf *b, std::string_view s)
{
    size_t n = s.size();
    if (n - 1 >= 16 || b->cap - b->len <= n + 2) return false;
    const char *p = s.data();
    char *w = b->data + b->len;
    if (!whosaid_json_copy_plain(w + 1, p, n)) return false;
    w[0] = '"';
    w[n + 1] = '"';
    b->len += n + 2;
    return true;
}

/* Appends value e to b as whosaid_out_value would write the value build(e)
 * gives: scalars straight from the parse, anything else through its
 * jansson value. false where build would fail. */
static bool write_value(whosaid_buf *b, dom::element e)
{
    switch (e.type()) {
    case dom::element_type::STRING: {
        std::string_view s = e.get_string().value_unsafe();
        return put_plain_short(b, s) || !whosaid_out_string(b, s.data(), s.size());
    }
    case dom::element_type::INT64: return !whosaid_out_int(b, e.get_int64().value_unsafe());
    case dom::element_type::UINT64: return false;
    default: {
        json_t *v = build(e);
        bool ok = v && !whosaid_out_value(b, v);
        json_decref(v);
        return ok;
    }
    }
}

/* A slot for a key from its length and first byte: names sharing neither
 * with a key cannot equal it. */
static inline unsigned key_slot(std::string_view k)
{
    unsigned c = k.empty() ? 0u : static_cast<unsigned char>(k[0]);
    return static_cast<unsigned>((k.size() * 5u + c) & 63u);
}

/* 1 + the index of key in set, or 0 when it is not there. */
static inline unsigned find_in_set(const name_set &set, std::string_view key, unsigned slot)
{
    for (unsigned i = set.first[slot]; i; i = set.next[i - 1])
        if (same_key(set.names[i - 1], key)) return i;
    return 0;
}

/* Appends c, making room when needed. */
static inline bool put_byte(whosaid_buf *b, char c)
{
    if (b->cap - b->len < 2 && whosaid_buf_reserve(b, 1)) return false;
    b->data[b->len++] = c;
    return true;
}

static bool builds(dom::element e);

/* Sets *out to value e as whosaid_jsonload_view_next gives it (jsonload.h)
 * and says whether it builds (below). */
static inline bool read_value(dom::element e, whosaid_jsonload_value *out)
{
    switch (e.type()) {
    case dom::element_type::STRING: {
        std::string_view str = e.get_string().value_unsafe();
        out->type = JSON_STRING;
        out->str = str.data();
        out->len = str.size();
        return true;
    }
    case dom::element_type::INT64:
        out->type = JSON_INTEGER;
        out->num = e.get_int64().value_unsafe();
        return true;
    case dom::element_type::BOOL:
        out->type = e.get_bool().value_unsafe() ? JSON_TRUE : JSON_FALSE;
        return true;
    case dom::element_type::NULL_VALUE: out->type = JSON_NULL; return true;
    case dom::element_type::OBJECT: out->type = JSON_OBJECT; break;
    case dom::element_type::ARRAY: out->type = JSON_ARRAY; break;
    case dom::element_type::DOUBLE: out->type = JSON_REAL; break;
    case dom::element_type::UINT64: return false;
    }
    return builds(e);
}

static bool builds_object(dom::object obj);
static bool reads_object(dom::object obj, read_set *sets, read_set *read,
                         whosaid_jsonload_value *values);

/* Whether member value e builds (below), read as read->names[at - 1] says:
 * into its value, and its own members named in its set when it is an
 * object. */
static bool read_member(dom::element e, read_set *sets, const read_set *read, unsigned at,
                        whosaid_jsonload_value *values)
{
    int k = read->value[at - 1], in = read->inner[at - 1];
    if (in >= 0 && e.type() == dom::element_type::OBJECT) {
        if (k >= 0) values[k].type = JSON_OBJECT;
        return reads_object(e.get_object().value_unsafe(), sets, &sets[in], values);
    }
    return k >= 0 ? read_value(e, &values[k]) : builds(e);
}

/* Whether key equals one of the first n keys of obj. */
static bool key_before(dom::object obj, size_t n, std::string_view key)
{
    size_t i = 0;
    for (dom::key_value_pair other : obj) {
        if (i++ == n) break;
        if (same_key(other.key, key)) return true;
    }
    return false;
}

/* Whether build_object(obj) would give a value: no NUL in a key, no
 * duplicate key, and every value builds. */
static bool builds_object(dom::object obj)
{
    /* keys by their bit (key_slot), pairs compared only where bits
     * collide; past DUP_KEYS members, every earlier key (few: a frame per
     * level of nesting) */
    enum { DUP_KEYS = 32 };
    /* left uninitialized, as only keys[0..n) are read: string_views
     * would be zeroed, all 32, for every object walked */
    const char *kdata[DUP_KEYS];
    size_t klen[DUP_KEYS];
    uint64_t seen = 0;
    size_t n = 0;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        if (has_nul(key.data(), key.size())) return false;
        if (n < DUP_KEYS) {
            uint64_t bit = UINT64_C(1) << key_slot(key);
            if (seen & bit)
                for (size_t i = 0; i < n; i++)
                    if (same_key(std::string_view(kdata[i], klen[i]), key)) return false;
            seen |= bit;
            kdata[n] = key.data();
            klen[n] = key.size();
        } else if (key_before(obj, n, key)) {
            return false;
        }
        n++;
        if (!builds(field.value)) return false;
    }
    return true;
}

/* builds_object for an object read as read (one of sets[]) says, its
 * members named there read into values on the way. Its keys are looked
 * up in read's names, where the ones met before (in any item) are
 * learned: a key found is known to hold no NUL (read names holding one
 * are refused), and a duplicate is its bit met twice. */
static bool reads_object(dom::object obj, read_set *sets, read_set *read,
                         whosaid_jsonload_value *values)
{
    name_set &names = read->names;
    uint64_t met = 0; /* the bits of the names met in obj */
    size_t n = 0;
    unsigned prev = 0; /* 1 + the index of the last key's name, 0: none */
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        unsigned at = names.after[prev];
        if (!at || !same_key(names.names[at - 1], key)) {
            unsigned slot = key_slot(key);
            at = find_in_set(names, key, slot);
            if (!at) {
                if (has_nul(key.data(), key.size())) return false;
                at = name_set_learn(&names, key, slot);
                /* not learned: compared with every earlier key (rare: more
                 * names than a set holds, or long ones) */
                if (!at && key_before(obj, n, key)) return false;
            }
            names.after[prev] = static_cast<uint8_t>(at);
        }
        prev = at;
        if (at) {
            uint64_t bit = UINT64_C(1) << (at - 1);
            if ((met | names.nul) & bit) return false;
            met |= bit;
        }
        n++;
        if (!(at && at <= names.nread ? read_member(field.value, sets, read, at, values)
                                      : builds(field.value)))
            return false;
    }
    return true;
}

/* Whether build(e) would give a value (what build_object and build
 * check, without building): no NUL in a key, no duplicate key, no
 * integer above INT64_MAX, no real jansson refuses, all the way down.
 * Inline: most values are scalars (a call each showed in profiles). */
static inline bool builds(dom::element e)
{
    switch (e.type()) {
    case dom::element_type::OBJECT: return builds_object(e.get_object().value_unsafe());
    case dom::element_type::ARRAY: {
        dom::array arr = e.get_array().value_unsafe();
        for (dom::element item : arr)
            if (!builds(item)) return false;
        return true;
    }
    case dom::element_type::UINT64: return false;
    case dom::element_type::DOUBLE: return std::isfinite(e.get_double().value_unsafe());
    default: return true;
    }
}

/* Room for n items in v; false on ENOMEM. */
static bool view_reserve(whosaid_jsonload_view *v, size_t n)
{
    if (n <= v->cap) return true;
    size_t cap = v->cap ? v->cap : 64, nr = v->nread ? v->nread : 1;
    while (cap < n)
        cap *= 2;
    void *o = std::realloc(v->objs, cap * sizeof *v->objs);
    if (o) v->objs = static_cast<dom::object *>(o);
    void *b = std::realloc(v->is_obj, cap * sizeof *v->is_obj);
    if (b) v->is_obj = static_cast<bool *>(b);
    void *r = std::realloc(v->values, cap * nr * sizeof *v->values);
    if (r) v->values = static_cast<whosaid_jsonload_value *>(r);
    if (!o || !b || !r) return false;
    v->cap = cap;
    return true;
}

/* The record's member for the kept array arr: arr stays in the parse,
 * its items' read members taken as it is checked; nullptr where building
 * it would fail (the line goes to jansson, whose message it then is) or
 * on ENOMEM. One array per line: a second, or a member of its name
 * that is no array (a duplicate key), declines too. */
static json_t *keep_array(whosaid_jsonload_view *v, dom::array arr)
{
    if (v->holder || v->met || !view_reserve(v, arr.size())) return nullptr;
    size_t nr = v->nread, i = 0;
    for (dom::element item : arr) {
        v->is_obj[i] = item.type() == dom::element_type::OBJECT;
        if (v->is_obj[i]) {
            whosaid_jsonload_value *vals = v->values + i * nr;
            for (size_t k = 0; k < nr; k++)
                vals[k].type = -1;
            v->objs[i] = item.get_object().value_unsafe();
            if (!reads_object(v->objs[i], v->sets, &v->sets[0], vals)) return nullptr;
        } else if (!builds(item)) {
            return nullptr;
        }
        i++;
    }
    json_t *holder = json_array();
    if (!holder || json_array_append_new(holder, json_integer(static_cast<json_int_t>(
                                                     reinterpret_cast<uintptr_t>(v))))) {
        json_decref(holder);
        return nullptr;
    }
    v->arr = arr;
    v->skip_names.n = v->skip_names.nnested = 0;
    v->skip = field_skip(v->loader, v->field, &v->skip_names);
    v->n = i;
    v->next = 0;
    v->holder = holder;
    return holder;
}

/* Adds the read list's name path (index k; "parent.child": child of the
 * items' object member parent) to set, one of v's; false past the
 * limits or for a name met twice. Slots are chained after. */
static bool read_set_add(whosaid_jsonload_view *v, read_set *set, std::string_view path, int k)
{
    size_t dot = path.find('.');
    std::string_view head = dot == std::string_view::npos ? path : path.substr(0, dot);
    size_t i = 0;
    while (i < set->names.n && set->names.names[i] != head)
        i++;
    if (i == set->names.n) {
        if (i == WHOSAID_JSONLOAD_KEEP_READ) return false;
        set->names.names[i] = head;
        set->value[i] = set->inner[i] = -1;
        set->names.n++;
    }
    if (dot == std::string_view::npos) {
        if (set->value[i] >= 0) return false;
        set->value[i] = static_cast<int8_t>(k);
        return true;
    }
    /* one level of nesting: the children's set holds no parents */
    if (set != &v->sets[0]) return false;
    if (set->inner[i] < 0) {
        if (v->nsets == sizeof v->sets / sizeof v->sets[0]) return false;
        v->sets[v->nsets].names.n = 0;
        set->inner[i] = static_cast<int8_t>(v->nsets++);
    }
    return read_set_add(v, &v->sets[set->inner[i]], path.substr(dot + 1), k);
}

extern "C" int whosaid_jsonload_keep(whosaid_jsonload *l, const whosaid_keep *keep)
{
    if (!l || !keep || l->nviews == WHOSAID_JSONLOAD_KEEP_MAX ||
        keep->nread > WHOSAID_JSONLOAD_KEEP_READ)
        return -1;
    size_t flen = std::strlen(keep->field);
    if (flen > WHOSAID_JSONLOAD_KEEP_NAME || kept_view(l, keep->field)) return -1;
    auto *v = new (std::nothrow) whosaid_jsonload_view;
    if (!v) return -1;
    v->loader = l;
    v->field = keep->field;
    v->key[0] = '\0';
    std::memcpy(v->key + 1, keep->field, flen);
    v->key_len = flen + 1;
    v->sets[0].names.n = 0;
    v->nsets = 1;
    v->nread = keep->nread;
    bool ok = true;
    for (size_t k = 0; ok && k < keep->nread; k++)
        ok = read_set_add(v, &v->sets[0], std::string_view(keep->read[k].name, keep->read[k].len),
                          static_cast<int>(k));
    if (!ok) {
        delete v;
        return -1;
    }
    for (size_t i = 0; i < v->nsets; i++)
        name_set_chain(&v->sets[i].names);
    l->views[l->nviews++] = v;
    return 0;
}

extern "C" whosaid_jsonload_view *whosaid_jsonload_view_of(const json_t *rec, const char *field)
{
    size_t flen = std::strlen(field);
    if (flen > WHOSAID_JSONLOAD_KEEP_NAME) return nullptr;
    char key[WHOSAID_JSONLOAD_KEEP_NAME + 1];
    key[0] = '\0';
    std::memcpy(key + 1, field, flen);
    json_t *holder = json_object_getn(rec, key, flen + 1);
    if (!holder) return nullptr;
    auto *v = reinterpret_cast<whosaid_jsonload_view *>(
        static_cast<uintptr_t>(json_integer_value(json_array_get(holder, 0))));
    return v && v->holder == holder ? v : nullptr;
}

extern "C" size_t whosaid_jsonload_view_size(const whosaid_jsonload_view *v)
{
    return v ? v->n : 0;
}

extern "C" int whosaid_jsonload_view_next(whosaid_jsonload_view *v,
                                          const whosaid_jsonload_value **values)
{
    if (!v || v->next == v->n) return -1;
    return whosaid_jsonload_view_get(v, v->next++, values);
}

extern "C" int whosaid_jsonload_view_get(const whosaid_jsonload_view *v, size_t item,
                                         const whosaid_jsonload_value **values)
{
    if (!v || item >= v->n) return -1;
    if (!v->is_obj[item]) return 0;
    *values = v->values + item * v->nread;
    return 1;
}

extern "C" int whosaid_jsonload_view_replace(json_t *rec, whosaid_jsonload_view *v, json_t *value)
{
    json_t *holder = v ? json_object_getn(rec, v->key, v->key_len) : nullptr;
    if (!holder || holder != v->holder) {
        json_decref(value);
        return -1;
    }
    if (!value) value = build_array(v->arr, v->skip);
    /* jansson adds a new key last: the members are set again in their
     * order, the holder's place taken by field (a record has few) */
    json_t *ordered = value ? json_object() : nullptr;
    bool ok = ordered != nullptr;
    for (void *it = json_object_iter(rec); ok && it; it = json_object_iter_next(rec, it)) {
        const char *key = json_object_iter_key(it);
        size_t len = json_object_iter_key_len(it);
        if (len == v->key_len && !std::memcmp(key, v->key, len))
            ok = !json_object_setn_nocheck(ordered, v->field.data(), v->field.size(), value);
        else
            ok = !json_object_setn_nocheck(ordered, key, len, json_object_iter_value(it));
    }
    json_decref(value);
    if (ok) {
        json_object_clear(rec);
        for (void *it = json_object_iter(ordered); ok && it;
             it = json_object_iter_next(ordered, it))
            ok =
                !json_object_setn_nocheck(rec, json_object_iter_key(it),
                                          json_object_iter_key_len(it), json_object_iter_value(it));
    }
    json_decref(ordered);
    /* never left to be written as the holder it is */
    if (!ok) json_object_deln(rec, v->key, v->key_len);
    v->holder = nullptr;
    return ok ? 0 : -1;
}

/* Whether skip leaves key out (when its value always loads). */
static bool named_skip(const skip_set *skip, std::string_view key)
{
    for (size_t i = 0; i < skip->n; i++)
        if (same_key(skip->names[i], key)) return true;
    return false;
}

/* Whether key is one of names[0..n). */
static bool named(const whosaid_field *names, size_t n, std::string_view key)
{
    for (size_t i = 0; i < n; i++)
        if (same_key(std::string_view(names[i].name, names[i].len), key)) return true;
    return false;
}

/* Member field of an object build_object(obj, skip) builds, as "key":value
 * (the value as write_value, or built without what skip leaves out of its
 * own members). */
static bool write_member(whosaid_buf *b, dom::key_value_pair field, const skip_set *skip)
{
    std::string_view key = field.key;
    if ((!put_plain_short(b, key) && whosaid_out_string(b, key.data(), key.size())) ||
        !put_byte(b, ':'))
        return false;
    if (skip && skip->nnested && field.value.type() == dom::element_type::OBJECT) {
        skip_set inner; /* made only here: it is not small */
        if (nested_skip(skip, key, &inner)) {
            json_t *o = build_object(field.value.get_object().value_unsafe(), &inner, nullptr);
            bool ok = o && !whosaid_out_value(b, o);
            json_decref(o);
            return ok;
        }
    }
    return write_value(b, field.value);
}

extern "C" long whosaid_jsonload_view_write(whosaid_jsonload_view *v, size_t item,
                                            const whosaid_field *names, size_t n, unsigned how,
                                            whosaid_buf *b)
{
    if (!v || !v->holder || item >= v->n || !v->is_obj[item]) return -1;
    const skip_set *skip = v->skip;
    bool only = how & WHOSAID_JSONLOAD_ONLY;
    long written = 0;
    /* the array was checked as it was kept: no duplicate, no NUL in a key */
    for (dom::key_value_pair field : v->objs[item]) {
        std::string_view key = field.key;
        if (named(names, n, key) != only) continue;
        /* left out of the built object (build_object) */
        if (skip && named_skip(skip, key) && always_loads(field.value)) continue;
        if (((written || (how & WHOSAID_JSONLOAD_COMMA)) && !put_byte(b, ',')) ||
            !write_member(b, field, skip))
            return -1;
        written++;
    }
    return written;
}

static_assert(WHOSAID_JSONLOAD_PADDING >= simdjson::SIMDJSON_PADDING,
              "whosaid_jsonload_object_padded's padding is simdjson's");

static void end_views(whosaid_jsonload *l)
{
    for (size_t i = 0; i < l->nviews; i++) {
        l->views[i]->holder = nullptr;
        l->views[i]->met = false;
    }
}

/* Parses buf[0..len), padded, and builds its object. */
static json_t *parse_padded(whosaid_jsonload *l, const char *buf, size_t len)
{
    dom::element root;
    end_views(l); /* the last line's views end here */
    if (l->parser.parse(buf, len, false).get(root) || root.type() != dom::element_type::OBJECT)
        return nullptr;
    json_t *rec = build_object(root.get_object().value_unsafe(), nullptr,
                               l->nskip || l->nviews ? l : nullptr);
    if (!rec) end_views(l); /* declined: no view */
    return rec;
}

extern "C" json_t *whosaid_jsonload_object(whosaid_jsonload *l, const char *buf, size_t len)
{
    if (!l || len > WHOSAID_JSONLOAD_MAX) return nullptr;
    if (l->cap < len + simdjson::SIMDJSON_PADDING) {
        size_t cap = len + simdjson::SIMDJSON_PADDING;
        if (cap < 64 * 1024) cap = 64 * 1024;
        char *p = static_cast<char *>(std::realloc(l->padded, cap));
        if (!p) return nullptr;
        l->padded = p;
        l->cap = cap;
    }
    std::memcpy(l->padded, buf, len);
    std::memset(l->padded + len, 0, simdjson::SIMDJSON_PADDING);
    return parse_padded(l, l->padded, len);
}

extern "C" json_t *whosaid_jsonload_object_padded(whosaid_jsonload *l, char *buf, size_t len)
{
    if (!l || len > WHOSAID_JSONLOAD_MAX) return nullptr;
    std::memset(buf + len, 0, WHOSAID_JSONLOAD_PADDING);
    return parse_padded(l, buf, len);
}
