/* Where the default rule files are.
 *
 * In order: $WHOSAID_RULES_DIR; the source tree's rules/ when the program
 * runs from the build tree it was built in; <bindir>/../share/whosaid/rules
 * next to an installed program (so an installed tree can be moved); the
 * configured install location. */
#ifndef WHOSAID_PATHS_H
#define WHOSAID_PATHS_H

#include <stddef.h>

/* The default rules directory (a static string, computed once). */
const char *whosaid_rules_dir(void);

/* Writes "<rules dir>/<name>" into out; 0, or WHOSAID_ELIMIT if it does not fit. */
int whosaid_rules_path(const char *name, char *out, size_t size);

/* Directory holding the running program, or "." when it cannot be found. */
const char *whosaid_exe_dir(void);

#endif
