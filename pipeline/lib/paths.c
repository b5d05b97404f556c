#include "whosaid/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "whosaid/error.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *whosaid_exe_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0]) return dir;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0) {
        strcpy(dir, ".");
        return dir;
    }
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    return dir;
}

/* Same directory, compared by device and inode so symlinks and ".." agree. */
static int same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

const char *whosaid_rules_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0]) return dir;
    const char *env = getenv("WHOSAID_RULES_DIR");
    char rel[PATH_MAX];
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
    } else if (same_dir(whosaid_exe_dir(), WHOSAID_BUILD_BIN_DIR) &&
               is_dir(WHOSAID_SOURCE_RULES_DIR)) {
        snprintf(dir, sizeof dir, "%s", WHOSAID_SOURCE_RULES_DIR);
    } else if (snprintf(rel, sizeof rel, "%s/../share/whosaid/rules", whosaid_exe_dir()) <
                   (int)sizeof rel &&
               is_dir(rel)) {
        snprintf(dir, sizeof dir, "%s", rel);
    } else {
        snprintf(dir, sizeof dir, "%s", WHOSAID_INSTALL_RULES_DIR);
    }
    return dir;
}

int whosaid_rules_path(const char *name, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%s", whosaid_rules_dir(), name);
    return n < 0 || (size_t)n >= size ? WHOSAID_ELIMIT : 0;
}
