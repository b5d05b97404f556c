#include "whosaid/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *whosaid_errmsg(int code)
{
    switch (code) {
    case WHOSAID_OK: return "success";
    case WHOSAID_ENOMEM: return "out of memory";
    case WHOSAID_EIO: return "input/output error";
    case WHOSAID_ESYNTAX: return "syntax error";
    case WHOSAID_EINPUT: return "unusable input";
    case WHOSAID_ELIMIT: return "limit exceeded";
    case WHOSAID_EOF: return "end of input";
    default: return "unknown error";
    }
}

int whosaid_error_set(whosaid_error *err, int code, const char *file, long line, const char *fmt,
                      ...)
{
    if (!err) return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}
