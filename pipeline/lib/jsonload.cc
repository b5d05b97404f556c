/* Record lines parsed by simdjson, built as jansson values (see
 * jsonload.h). The only C++ in whosaid: simdjson has no C interface, so
 * this file is the bridge, and nothing C++ crosses it (no exceptions: the
 * error-code interface is used throughout; allocation failures in jansson
 * make the fast path decline). */
#include "whosaid/jsonload.h"

#include <simdjson.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace dom = simdjson::dom;

/* Members left out (whosaid_jsonload_skip): member of the objects in the
 * top-level array field. */
struct skip_pair {
    std::string_view field, member;
};

struct whosaid_jsonload {
    dom::parser parser{WHOSAID_JSONLOAD_MAX};
    char *padded = nullptr; /* a copy of the line with simdjson's padding after it */
    size_t cap = 0;
    skip_pair skip[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t nskip = 0;
};

/* The members to leave out of one object: names[0..n). */
struct skip_set {
    std::string_view names[WHOSAID_JSONLOAD_SKIP_MAX];
    size_t n = 0;
};

extern "C" int whosaid_jsonload_skip(whosaid_jsonload *l, const char *field, const char *member)
{
    if (!l || l->nskip == WHOSAID_JSONLOAD_SKIP_MAX) return -1;
    l->skip[l->nskip++] = skip_pair{field, member};
    return 0;
}

extern "C" whosaid_jsonload *whosaid_jsonload_new(void)
{
    return new (std::nothrow) whosaid_jsonload;
}

extern "C" void whosaid_jsonload_free(whosaid_jsonload *l)
{
    if (!l) return;
    std::free(l->padded);
    delete l;
}

static json_t *build(dom::element e);

/* Whether a key holds a NUL byte; keys are short, so a loop, not a call. */
static inline bool has_nul(const char *p, size_t n)
{
    if (n > 64) return std::memchr(p, '\0', n) != nullptr;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\0') return true;
    return false;
}

/* a == b, the length and first byte first: the library compare is a call
 * for every member of every object in a skipped array. */
static inline bool same_key(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           (a.empty() || (a[0] == b[0] && !std::memcmp(a.data(), b.data(), a.size())));
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

/* The record's array member key, with what rec says to leave out of its
 * objects (a set made only here: most objects have nothing to skip). */
static json_t *build_field(const whosaid_jsonload *rec, std::string_view key, dom::array arr)
{
    skip_set set;
    for (size_t i = 0; i < rec->nskip; i++)
        if (rec->skip[i].field == key) set.names[set.n++] = rec->skip[i].member;
    return build_array(arr, set.n ? &set : nullptr);
}

/* NULL where json_loadb would not give the same object: a duplicate key
 * (refused by JSON_REJECT_DUPLICATES) or a NUL in a key (jansson refuses
 * those even with JSON_ALLOW_NUL). Members named in skip (may be NULL) are
 * left out when their value always loads; a left-out name met twice is a
 * duplicate all the same. rec (the record, top level only; may be NULL)
 * says what to leave out of the objects in its arrays. */
static json_t *build_object(dom::object obj, const skip_set *skip, const whosaid_jsonload *rec)
{
    json_t *o = json_object();
    if (!o) return nullptr;
    unsigned skipped = 0;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        json_t *v;
        if (has_nul(key.data(), key.size())) {
            json_decref(o);
            return nullptr;
        }
        if (skip) {
            size_t i = 0;
            while (i < skip->n && !same_key(skip->names[i], key)) i++;
            if (i < skip->n && always_loads(field.value)) {
                if (skipped & (1u << i)) {
                    json_decref(o);
                    return nullptr;
                }
                skipped |= 1u << i;
                continue;
            }
        }
        v = rec && field.value.type() == dom::element_type::ARRAY
                ? build_field(rec, key, field.value.get_array().value_unsafe())
                : build(field.value);
        if (!v) {
            json_decref(o);
            return nullptr;
        }
        size_t before = json_object_size(o);
        if (json_object_setn_new_nocheck(o, key.data(), key.size(), v) ||
            json_object_size(o) == before) {
            json_decref(o);
            return nullptr;
        }
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
    dom::element root;
    if (l->parser.parse(l->padded, len, false).get(root) ||
        root.type() != dom::element_type::OBJECT)
        return nullptr;
    return build_object(root.get_object().value_unsafe(), nullptr, l->nskip ? l : nullptr);
}
