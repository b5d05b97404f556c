/* whosaid: runs the default chain of stages over its inputs, each stage a
 * separate process joined by pipes, exactly as a user's shell pipeline
 * would; the stages are looked up next to this program. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "whosaid/cli.h"
#include "whosaid/paths.h"

/* The default chain, in order. Later stages join it as they are built. */
static const char *const chain[] = {"normalize", "tag", NULL};

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: whosaid [OPTIONS] [FILE|DIR|-]...\n"
            "Runs the default chain of stages (");
    for (int i = 0; chain[i]; i++) fprintf(fp, "%s%s", i ? " | " : "", chain[i]);
    fprintf(fp,
            ") over the inputs and\n"
            "writes the last stage's JSON Lines to standard output. Inputs go to\n"
            "whosaid-normalize (text files, directories, JSON Lines, - for stdin).\n\n"
            "  -t, --until=STAGE  stop after STAGE\n"
            "  -h, --help         show this help\n"
            "  -V, --version      show the version\n\n"
            "Exit status: the highest of the stages' statuses (0 ok, 1 data or I/O\n"
            "error, 2 usage or rule-file error, 128+N for a stage killed by signal N).\n");
}

/* Starts stage i reading in_fd and writing out_fd. Returns its pid or -1. */
static pid_t start_stage(const char *stage, char **args, int nargs, int in_fd, int out_fd,
                         int close_fd)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/whosaid-%s", whosaid_exe_dir(), stage);
    char **argv = calloc((size_t)nargs + 2, sizeof *argv);
    if (!argv) return -1;
    argv[0] = path;
    for (int k = 0; k < nargs; k++) argv[k + 1] = args[k];
    pid_t pid = fork();
    if (pid == 0) {
        if (in_fd != STDIN_FILENO) {
            dup2(in_fd, STDIN_FILENO);
            close(in_fd);
        }
        if (out_fd != STDOUT_FILENO) {
            dup2(out_fd, STDOUT_FILENO);
            close(out_fd);
        }
        if (close_fd >= 0) close(close_fd);
        signal(SIGPIPE, SIG_DFL);
        execv(path, argv);
        fprintf(stderr, "%s: %s: %s\n", whosaid_cli_prog(), path, strerror(errno));
        _exit(127);
    }
    free(argv);
    return pid;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"until", required_argument, NULL, 't'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"version", no_argument, NULL, 'V'},
                                             {NULL, 0, NULL, 0}};
    int c, nstages = 0;
    const char *until = NULL;
    whosaid_cli_init(argv[0]);
    while ((c = getopt_long(argc, argv, "+t:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 't': until = optarg; break;
        case 'h': usage(stdout); return fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
        case 'V': whosaid_cli_version(); return fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
        default: usage(stderr); return WHOSAID_EXIT_USAGE;
        }
    }
    while (chain[nstages]) nstages++;
    if (until) {
        int k = 0;
        while (chain[k] && strcmp(chain[k], until) != 0) k++;
        if (!chain[k]) {
            whosaid_cli_warn("unknown stage '%s'", until);
            return WHOSAID_EXIT_USAGE;
        }
        nstages = k + 1;
    }
    pid_t pids[16];
    int in_fd = STDIN_FILENO;
    for (int i = 0; i < nstages; i++) {
        int fds[2] = {-1, STDOUT_FILENO};
        if (i + 1 < nstages && pipe(fds) != 0) {
            whosaid_cli_warn("pipe: %s", strerror(errno));
            return WHOSAID_EXIT_DATA;
        }
        pids[i] = i == 0 ? start_stage(chain[i], argv + optind, argc - optind, in_fd, fds[1], fds[0])
                         : start_stage(chain[i], NULL, 0, in_fd, fds[1], fds[0]);
        if (pids[i] < 0) {
            whosaid_cli_warn("cannot start whosaid-%s: %s", chain[i], strerror(errno));
            return WHOSAID_EXIT_DATA;
        }
        if (in_fd != STDIN_FILENO) close(in_fd);
        if (fds[1] != STDOUT_FILENO) close(fds[1]);
        in_fd = fds[0];
    }
    int status = 0;
    for (int i = 0; i < nstages; i++) {
        int ws;
        while (waitpid(pids[i], &ws, 0) < 0 && errno == EINTR) {}
        int s = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
        if (WIFSIGNALED(ws) && WTERMSIG(ws) != SIGPIPE && WTERMSIG(ws) != SIGINT)
            whosaid_cli_warn("whosaid-%s: killed by signal %d", chain[i], WTERMSIG(ws));
        if (s > status) status = s;
    }
    return status;
}
