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

struct whosaid_jsonload {
    dom::parser parser{WHOSAID_JSONLOAD_MAX};
    char *padded = nullptr; /* a copy of the line with simdjson's padding after it */
    size_t cap = 0;
};

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

/* NULL where json_loadb would not give the same object: a duplicate key
 * (refused by JSON_REJECT_DUPLICATES) or a NUL in a key (jansson refuses
 * those even with JSON_ALLOW_NUL). */
static json_t *build_object(dom::object obj)
{
    json_t *o = json_object();
    if (!o) return nullptr;
    for (dom::key_value_pair field : obj) {
        std::string_view key = field.key;
        json_t *v;
        if (std::memchr(key.data(), '\0', key.size()) || !(v = build(field.value))) {
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

static json_t *build_array(dom::array arr)
{
    json_t *a = json_array();
    if (!a) return nullptr;
    for (dom::element item : arr) {
        json_t *v = build(item);
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
    case dom::element_type::OBJECT: return build_object(e.get_object().value_unsafe());
    case dom::element_type::ARRAY: return build_array(e.get_array().value_unsafe());
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
    return build_object(root.get_object().value_unsafe());
}
