/* What every stage's main() shares: the program name in messages, signal
 * set-up, and the end-of-run bookkeeping that turns write failures into exit
 * statuses. The only library module that prints (to stderr), because it
 * exists for main(). Exit statuses (documented in README.md):
 * 0 ok, 1 data or I/O error, 2 usage or rule-file error, 128+N on signal N. */
#ifndef WHOSAID_CLI_H
#define WHOSAID_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "whosaid/error.h"
#include "whosaid/out.h"

enum { WHOSAID_EXIT_OK = 0, WHOSAID_EXIT_DATA = 1, WHOSAID_EXIT_USAGE = 2 };

/* Remembers the program name (and sets argv[0] to it, so getopt's messages
 * read "prog: ..." like ours); ignores SIGPIPE (write errors are handled as
 * EPIPE instead); makes SIGINT, SIGTERM and SIGHUP stop the loop between
 * records rather than kill the process mid-record. */
void whosaid_cli_init(char **argv);
const char *whosaid_cli_prog(void);

/* The signal that asked the stage to stop, or 0. Loops check it per record. */
int whosaid_cli_stop_signal(void);

/* "prog: message" on stderr. */
void whosaid_cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* "prog: file:line: message" (or "prog: file: message" when line is 0). */
void whosaid_cli_report(const whosaid_error *e);

/* Handles a failed whosaid_out_* call: returns 1 when the output is gone
 * (EPIPE: quiet, the caller stops with status 0), else prints
 * "prog: writing output: <strerror>" and returns 0 (caller stops with 1). */
int whosaid_cli_output_gone(int rc);

/* Flushes o and reports a failure; folds in a pending stop signal. Returns
 * the status main() should exit with, given the status so far. */
int whosaid_cli_finish(whosaid_out *o, int status);

/* The long options every main takes (-h, -V), for its getopt_long table. */
/* clang-format off */
#define WHOSAID_CLI_LONGOPTS \
    {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'}
/* clang-format on */

/* The default branch of every main's option switch: -h prints usage on
 * stdout, -V the version line "prog (whosaid) X.Y.Z"; any other option is
 * a usage error (getopt has said which): usage on stderr. Returns the
 * status main() exits with: 0, WHOSAID_EXIT_DATA when stdout could not be
 * written, or WHOSAID_EXIT_USAGE. */
int whosaid_cli_common_option(int opt, void (*usage)(FILE *fp));

/* An input of a record loop, read through a WHOSAID_CLI_INPUT_BUFFER
 * stdio buffer: glibc's default is the file system's block (4 KiB), and a
 * read(2) per 4 KiB of a stage's input showed in profiles. A pipe still
 * gives each line as soon as it arrives (read returns what is there). */
#define WHOSAID_CLI_INPUT_BUFFER ((size_t)64 << 10)
typedef struct whosaid_input {
    FILE *fp;
    char *buf; /* a file's buffer, freed by whosaid_cli_close_input */
} whosaid_input;
/* Opens name ("-": stdin, whose buffer is set the first time, before
 * anything reads it) into *in. 0, or -1 with errno set (nothing to close). */
int whosaid_cli_open_input(const char *name, whosaid_input *in);
/* Closes a file (stdin stays open) and frees its buffer. */
void whosaid_cli_close_input(whosaid_input *in);

#endif
