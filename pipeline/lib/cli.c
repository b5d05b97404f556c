#include "whosaid/cli.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/out.h"
#include "whosaid/record.h"

static const char *prog_name = "whosaid";
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

void whosaid_cli_init(char **argv)
{
    const char *slash = strrchr(argv[0], '/');
    prog_name = slash ? slash + 1 : argv[0];
    argv[0] = (char *)prog_name; /* getopt's own messages then read "prog: ..." too */
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocked read returns EINTR so the loop can stop. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    size_t max;
    if (whosaid_reader_max_from_env(&max))
        whosaid_cli_warn("WHOSAID_MAX_RECORD=%s is not a size (bytes, or with a K, M or G "
                         "suffix); using 64 MiB",
                         getenv("WHOSAID_MAX_RECORD"));
}

const char *whosaid_cli_prog(void)
{
    return prog_name;
}

int whosaid_cli_stop_signal(void)
{
    return stop_signal;
}

void whosaid_cli_warn(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void whosaid_cli_report(const whosaid_error *e)
{
    if (e->file[0] && e->line > 0)
        fprintf(stderr, "%s: %s:%ld: %s\n", prog_name, e->file, e->line, e->msg);
    else if (e->file[0])
        fprintf(stderr, "%s: %s: %s\n", prog_name, e->file, e->msg);
    else
        fprintf(stderr, "%s: %s\n", prog_name, e->msg);
}

int whosaid_cli_output_gone(int rc)
{
    if (rc == WHOSAID_EIO && errno == EPIPE) return 1;
    whosaid_cli_warn("writing output: %s",
                     rc == WHOSAID_EIO ? strerror(errno) : whosaid_errmsg(rc));
    return 0;
}

int whosaid_cli_finish(whosaid_out *o, int status)
{
    if (o) {
        int rc = whosaid_out_flush(o);
        if (rc && !whosaid_cli_output_gone(rc) && status == 0) status = WHOSAID_EXIT_DATA;
    }
    if (stop_signal) return 128 + stop_signal;
    return status;
}

int whosaid_cli_common_option(int opt, void (*usage)(FILE *fp))
{
    switch (opt) {
    case 'h': usage(stdout); break;
    case 'V': printf("%s (whosaid) %s\n", prog_name, WHOSAID_VERSION); break;
    default: usage(stderr); return WHOSAID_EXIT_USAGE;
    }
    return fclose(stdout) ? WHOSAID_EXIT_DATA : WHOSAID_EXIT_OK;
}

int whosaid_cli_open_input(const char *name, whosaid_input *in)
{
    /* stdin's buffer lives as long as stdin: static, set once */
    static char stdin_buf[WHOSAID_CLI_INPUT_BUFFER];
    static int stdin_set;
    in->buf = NULL;
    if (strcmp(name, "-") == 0) {
        in->fp = stdin;
        if (!stdin_set) {
            (void)setvbuf(stdin, stdin_buf, _IOFBF, sizeof stdin_buf);
            whosaid_pipe_widen(fileno(stdin));
        }
        stdin_set = 1;
        return 0;
    }
    if (!(in->fp = fopen(name, "rb"))) return -1;
    /* without a buffer of its own, the file is read with stdio's */
    if ((in->buf = malloc(WHOSAID_CLI_INPUT_BUFFER)) &&
        setvbuf(in->fp, in->buf, _IOFBF, WHOSAID_CLI_INPUT_BUFFER)) {
        free(in->buf);
        in->buf = NULL;
    }
    return 0;
}

void whosaid_cli_close_input(whosaid_input *in)
{
    if (in->fp && in->fp != stdin) fclose(in->fp);
    free(in->buf);
    in->fp = NULL;
    in->buf = NULL;
}
