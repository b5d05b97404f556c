/* whosaid: runs the default chain of stages over its inputs, each stage a
 * separate process joined by pipes, exactly as a user's shell pipeline
 * would; the stages are looked up next to this program.
 *
 * With -j N, one whosaid-normalize (fast, and the only stage that must see
 * every input to keep ids unique) feeds blocks of whole records to up to N
 * concurrent copies of the rest of the chain. Each block goes to an
 * unlinked temporary file, its chain writes to another, and the outputs are
 * copied to standard output in block order, so the result is byte for byte
 * that of a single chain whatever a stage writes per document (claims: zero
 * or more lines). Keeps at most 4N blocks in flight (disk, not memory:
 * memory is one block's read buffer). Exit status: the highest of all. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "whosaid/buf.h"
#include "whosaid/bytesize.h"
#include "whosaid/cli.h"
#include "whosaid/paths.h"

/* The default chain, in order. Later stages join it as they are built. */
static const char *const chain[] = {"normalize", "tag", "resolve", "claims", NULL};

enum { MAX_STAGES = 16, MAX_JOBS = 256 };

static void usage(FILE *fp)
{
    fprintf(fp, "usage: whosaid [OPTIONS] [FILE|DIR|-]...\n"
                "Runs the default chain of stages (");
    for (int i = 0; chain[i]; i++)
        fprintf(fp, "%s%s", i ? " | " : "", chain[i]);
    fprintf(fp, ") over the inputs and\n"
                "writes the last stage's JSON Lines to standard output (by default one\n"
                "who-said-what claim per line; --until=resolve for document records).\n"
                "Inputs go to whosaid-normalize (text files, directories, JSON Lines,\n"
                "- for stdin).\n\n"
                "  -t, --until=STAGE  stop after STAGE\n"
                "  -j, --jobs=N       run up to N copies of the stages after normalize at\n"
                "                     once, over blocks of records; the output is the same\n"
                "                     as with one (default 1)\n"
                "      --block=BYTES  records per block for -j, in bytes (default 8M;\n"
                "                     K, M, G suffixes)\n"
                "      --max-doc=BYTES  passed to whosaid-normalize: split a larger\n"
                "                     article into parts (default 4M)\n"
                "  -h, --help         show this help\n"
                "  -V, --version      show the version\n\n"
                "Exit status: the highest of the stages' statuses (0 ok, 1 data or I/O\n"
                "error, 2 usage or rule-file error, 128+N for a stage killed by signal N).\n");
}

/* Starts stage reading in_fd and writing out_fd (made its stdin and
 * stdout); every other descriptor of ours is close-on-exec. Returns its pid
 * or -1. */
static pid_t start_stage(const char *stage, char **args, int nargs, int in_fd, int out_fd)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/whosaid-%s", whosaid_exe_dir(), stage);
    char **argv = calloc((size_t)nargs + 2, sizeof *argv);
    if (!argv) return -1;
    argv[0] = path;
    for (int k = 0; k < nargs; k++)
        argv[k + 1] = args[k];
    pid_t pid = fork();
    if (pid == 0) {
        if (in_fd != STDIN_FILENO && dup2(in_fd, STDIN_FILENO) < 0) _exit(127);
        if (out_fd != STDOUT_FILENO && dup2(out_fd, STDOUT_FILENO) < 0) _exit(127);
        signal(SIGPIPE, SIG_DFL);
        execv(path, argv);
        fprintf(stderr, "%s: %s: %s\n", whosaid_cli_prog(), path, strerror(errno));
        _exit(127);
    }
    free(argv);
    return pid;
}

/* Starts chain[from..to) reading in_fd, the last stage writing out_fd; the
 * first stage gets args. Fills pids; returns 0 or -1 (message printed). */
static int start_chain(int from, int to, char **args, int nargs, int in_fd, int out_fd, pid_t *pids)
{
    int in = in_fd;
    for (int i = from; i < to; i++) {
        int fds[2] = {-1, out_fd};
        if (i + 1 < to && pipe2(fds, O_CLOEXEC) != 0) {
            whosaid_cli_warn("pipe: %s", strerror(errno));
            return -1;
        }
        pids[i - from] = i == from ? start_stage(chain[i], args, nargs, in, fds[1])
                                   : start_stage(chain[i], NULL, 0, in, fds[1]);
        if (in != in_fd) close(in);
        if (fds[1] != out_fd) close(fds[1]);
        if (pids[i - from] < 0) {
            whosaid_cli_warn("cannot start whosaid-%s: %s", chain[i], strerror(errno));
            if (fds[0] >= 0) close(fds[0]);
            return -1;
        }
        in = fds[0];
    }
    return 0;
}

/* The status a stage's wait status stands for; reports a stage killed by a
 * signal other than those that mean "stop" or "output gone". */
static int stage_status(const char *stage, int ws)
{
    if (WIFEXITED(ws)) return WEXITSTATUS(ws);
    int sig = WTERMSIG(ws);
    if (sig != SIGPIPE && sig != SIGINT && sig != SIGTERM)
        whosaid_cli_warn("whosaid-%s: killed by signal %d", stage, sig);
    return 128 + sig;
}

static int run_chain(int nstages, char **args, int nargs)
{
    pid_t pids[MAX_STAGES];
    if (start_chain(0, nstages, args, nargs, STDIN_FILENO, STDOUT_FILENO, pids)) return 1;
    int status = 0;
    for (int i = 0; i < nstages; i++) {
        int ws;
        while (waitpid(pids[i], &ws, 0) < 0 && errno == EINTR) {
        }
        int s = stage_status(chain[i], ws);
        if (s > status) status = s;
    }
    return status;
}

/* ---- -j: blocks of records through concurrent chains ---------------------- */

typedef struct block {
    pid_t pids[MAX_STAGES];
    int running; /* stages not yet reaped */
    int out_fd;  /* the chain's output, an unlinked temporary file */
    int status;
} block;

typedef struct jobs {
    int nstages, njobs;
    block *q; /* ring of blocks in input order, oldest first */
    size_t head, n, cap;
    int running_chains;
    pid_t normalize;
    int status;
    int gone; /* our output was closed: stop */
} jobs;

static int temp_fd(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/whosaid-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) unlink(path);
    return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reaps one child (blocking) and books its status. 0, or -1 when none. */
static int reap(jobs *J)
{
    int ws;
    pid_t pid = waitpid(-1, &ws, 0);
    if (pid < 0) return errno == EINTR ? 0 : -1;
    if (pid == J->normalize) {
        int s = stage_status(chain[0], ws);
        if (s > J->status) J->status = s;
        J->normalize = 0;
        return 0;
    }
    for (size_t k = 0; k < J->n; k++) {
        block *b = &J->q[(J->head + k) % J->cap];
        for (int i = 1; i < J->nstages; i++) {
            if (b->pids[i - 1] != pid) continue;
            int s = stage_status(chain[i], ws);
            if (s > b->status) b->status = s;
            b->pids[i - 1] = 0;
            if (--b->running == 0) J->running_chains--;
            return 0;
        }
    }
    return 0;
}

/* Copies the finished blocks at the head of the queue to stdout, in order. */
static void drain(jobs *J)
{
    static char chunk[1 << 16];
    while (J->n && J->q[J->head].running == 0) {
        block *b = &J->q[J->head];
        if (b->status > J->status) J->status = b->status;
        ssize_t r = 0;
        if (lseek(b->out_fd, 0, SEEK_SET) < 0)
            r = -1;
        else
            while (!J->gone && (r = read(b->out_fd, chunk, sizeof chunk)) != 0) {
                if (r < 0 && errno == EINTR) continue;
                if (r < 0) break;
                if (write_all(STDOUT_FILENO, chunk, (size_t)r)) {
                    if (errno != EPIPE) {
                        whosaid_cli_warn("writing output: %s", strerror(errno));
                        if (J->status < WHOSAID_EXIT_DATA) J->status = WHOSAID_EXIT_DATA;
                    }
                    J->gone = 1;
                }
            }
        if (r < 0 && !J->gone) {
            whosaid_cli_warn("temporary file: %s", strerror(errno));
            if (J->status < WHOSAID_EXIT_DATA) J->status = WHOSAID_EXIT_DATA;
        }
        close(b->out_fd);
        J->head = (J->head + 1) % J->cap;
        J->n--;
    }
}

/* Runs the rest of the chain over data[0..len) (whole lines) as a new block
 * at the tail of the queue, once a job slot and a queue slot are free. */
static int start_block(jobs *J, const char *data, size_t len)
{
    while (J->running_chains >= J->njobs || J->n == J->cap) {
        if (reap(J) < 0) break;
        drain(J);
    }
    int in_fd = temp_fd(), out_fd = in_fd >= 0 ? temp_fd() : -1;
    if (in_fd < 0 || out_fd < 0 || write_all(in_fd, data, len) || lseek(in_fd, 0, SEEK_SET) < 0) {
        whosaid_cli_warn("temporary file: %s", strerror(errno));
        if (in_fd >= 0) close(in_fd);
        if (out_fd >= 0) close(out_fd);
        return -1;
    }
    block *b = &J->q[(J->head + J->n) % J->cap];
    memset(b, 0, sizeof *b);
    b->out_fd = out_fd;
    int rc = start_chain(1, J->nstages, NULL, 0, in_fd, out_fd, b->pids);
    close(in_fd);
    for (int i = 1; i < J->nstages; i++)
        b->running += b->pids[i - 1] > 0;
    if (rc) b->status = WHOSAID_EXIT_DATA;
    if (b->running) J->running_chains++;
    J->n++;
    return rc;
}

static void stop_all(jobs *J, int sig)
{
    if (J->normalize > 0) kill(J->normalize, sig);
    for (size_t k = 0; k < J->n; k++) {
        block *b = &J->q[(J->head + k) % J->cap];
        for (int i = 1; i < J->nstages; i++)
            if (b->pids[i - 1] > 0) kill(b->pids[i - 1], sig);
    }
}

static int run_jobs(int nstages, int njobs, size_t block_size, char **args, int nargs)
{
    jobs J = {0};
    J.nstages = nstages;
    J.njobs = njobs;
    J.cap = (size_t)njobs * 4;
    J.q = calloc(J.cap, sizeof *J.q);
    whosaid_buf buf = WHOSAID_BUF_INIT;
    int fds[2];
    if (!J.q || whosaid_buf_reserve(&buf, block_size + (1 << 16)) || pipe2(fds, O_CLOEXEC)) {
        whosaid_cli_warn("%s", J.q && buf.data ? strerror(errno) : "out of memory");
        free(J.q);
        whosaid_buf_free(&buf);
        return WHOSAID_EXIT_DATA;
    }
    pid_t np[1];
    if (start_chain(0, 1, args, nargs, STDIN_FILENO, fds[1], np)) np[0] = 0;
    close(fds[1]);
    J.normalize = np[0];
    if (!np[0]) J.status = WHOSAID_EXIT_DATA;
    int eof = 0;
    while (!eof && !J.gone && !whosaid_cli_stop_signal()) {
        /* Fill a block, then cut it after its last whole line. */
        while (buf.len < block_size) {
            if (whosaid_buf_reserve(&buf, 1 << 16)) break;
            ssize_t r = read(fds[0], buf.data + buf.len, buf.cap - buf.len - 1);
            if (r < 0 && errno == EINTR) {
                if (whosaid_cli_stop_signal()) break;
                continue;
            }
            if (r <= 0) {
                eof = 1;
                break;
            }
            buf.len += (size_t)r;
        }
        if (whosaid_cli_stop_signal()) break;
        size_t cut = buf.len;
        if (!eof) {
            while (cut > 0 && buf.data[cut - 1] != '\n')
                cut--;
            if (cut == 0) cut = buf.len; /* one record longer than a block: grow */
            if (cut == buf.len && buf.data[cut - 1] != '\n') {
                if (whosaid_buf_reserve(&buf, buf.len)) break;
                block_size = buf.cap - 1;
                continue;
            }
        }
        if (cut && start_block(&J, buf.data, cut) && J.status < WHOSAID_EXIT_DATA)
            J.status = WHOSAID_EXIT_DATA;
        memmove(buf.data, buf.data + cut, buf.len - cut);
        buf.len -= cut;
        drain(&J);
    }
    close(fds[0]);
    int status_at_stop = J.status;
    if (J.gone || whosaid_cli_stop_signal())
        stop_all(&J, whosaid_cli_stop_signal() ? whosaid_cli_stop_signal() : SIGTERM);
    while (J.normalize > 0 || J.running_chains > 0) {
        if (reap(&J) < 0) break;
        drain(&J);
    }
    drain(&J);
    while (J.n) { /* after an early stop: discard what is left */
        close(J.q[J.head].out_fd);
        J.head = (J.head + 1) % J.cap;
        J.n--;
    }
    free(J.q);
    whosaid_buf_free(&buf);
    if (whosaid_cli_stop_signal()) return 128 + whosaid_cli_stop_signal();
    /* Output gone: the chains we stopped are no failure of theirs. */
    return J.gone ? status_at_stop : J.status;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"until", required_argument, NULL, 't'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"block", required_argument, NULL, 'b'},
                                             {"max-doc", required_argument, NULL, 'm'},
                                             WHOSAID_CLI_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    int c, nstages = 0, njobs = 1;
    size_t block_size = 8u << 20;
    const char *until = NULL, *max_doc = NULL;
    char *end;
    whosaid_cli_init(argv);
    while ((c = getopt_long(argc, argv, "+t:j:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 't': until = optarg; break;
        case 'j':
            njobs = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || njobs < 1 || njobs > MAX_JOBS) {
                whosaid_cli_warn("-j: expected a number of jobs from 1 to %d", MAX_JOBS);
                return WHOSAID_EXIT_USAGE;
            }
            break;
        case 'b':
            if (whosaid_bytesize_parse(optarg, &block_size)) {
                whosaid_cli_warn("--block: '%s' is not a size (say 8M)", optarg);
                return WHOSAID_EXIT_USAGE;
            }
            break;
        case 'm': max_doc = optarg; break;
        default: return whosaid_cli_common_option(c, usage); /* -h, -V or a bad option */
        }
    }
    while (chain[nstages])
        nstages++;
    if (until) {
        int k = 0;
        while (chain[k] && strcmp(chain[k], until) != 0)
            k++;
        if (!chain[k]) {
            whosaid_cli_warn("unknown stage '%s'", until);
            return WHOSAID_EXIT_USAGE;
        }
        nstages = k + 1;
    }
    if (nstages > MAX_STAGES) {
        whosaid_cli_warn("more than %d stages", MAX_STAGES);
        return WHOSAID_EXIT_USAGE;
    }
    /* normalize's own options go before the inputs; it checks them. */
    char **args = argv + optind;
    int nargs = argc - optind;
    char **with_opt = NULL;
    if (max_doc) {
        with_opt = calloc((size_t)nargs + 3, sizeof *with_opt);
        if (!with_opt) {
            whosaid_cli_warn("out of memory");
            return WHOSAID_EXIT_DATA;
        }
        with_opt[0] = "--max-doc";
        with_opt[1] = (char *)max_doc;
        with_opt[2] = "--";
        memcpy(with_opt + 3, args, (size_t)nargs * sizeof *args);
        args = with_opt;
        nargs += 3;
    }
    /* Only the stages after normalize run in parallel. */
    int status = njobs > 1 && nstages > 1 ? run_jobs(nstages, njobs, block_size, args, nargs)
                                          : run_chain(nstages, args, nargs);
    free(with_opt);
    return status;
}
