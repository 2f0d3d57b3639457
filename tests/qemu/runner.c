// SPDX-License-Identifier: GPL-2.0
/*
 * qemu-run: boot the earlymod kernel in QEMU, one test case per file, and
 * check the serial log against the case's expectations.
 *
 *	qemu-run [--console] [--iso PATH] [--kernel PATH] [--verbose] CASE...
 *
 * Prints exactly one line per case, `ok NAME` or `not ok NAME - REASON`
 * (NAME is the file name without ".case"); a failed case's serial log is kept
 * as build/test-logs/NAME.log and its path printed on a `#` line.  A case
 * whose QEMU process crashes (SIGSEGV, SIGBUS, SIGABRT, SIGILL: the
 * emulator's fault) is booted once more, with a `#` line saying so.  Exit
 * status 0 iff every case passed, 1 if one failed, 2 on a usage error.
 *
 *	--console	copy the serial output to stdout as it arrives
 *	--iso PATH	boot this ISO on the seabios/ovmf paths instead of building
 *			one per case (its own kernel, initrd and command line)
 *	--kernel PATH	default kernel for cases without a `kernel` line
 *	--verbose	print the QEMU command line and each case's wall time
 *			on `#` lines
 *
 * Case file format
 * ----------------
 * One directive per line: a keyword, blanks, an argument running to the end
 * of the line (surrounding blanks removed).  Blank lines and lines starting
 * with `#` are ignored.  Relative paths are relative to the top of the tree.
 *
 *	machine NAME		QEMU machine, q35 (default) or pc
 *	device ARGS		one raw `-device ARGS` (repeatable)
 *	smp N			CPUs (default 2)
 *	mem MiB			memory (default 512)
 *	smbios ARGS		one raw `-smbios ARGS` (repeatable)
 *	qemu ARGS		extra QEMU arguments, split at blanks, no quoting
 *				(repeatable; the escape hatch)
 *	boot direct|seabios|ovmf|secureboot
 *				direct: -kernel/-initrd/-append (default);
 *				seabios, ovmf: GRUB from a per-case ISO;
 *				secureboot: OVMF with Secure Boot on loads
 *				-kernel (signed with Debian's OVMF test key)
 *	cmdline ARGS		kernel arguments appended to the base
 *				"console=ttyS0,115200 panic=-1" (repeatable;
 *				under Xen "console=hvc0 earlyprintk=xen
 *				panic=-1")
 *	xen PATH		boot the kernel as Xen's dom0, PATH the
 *				hypervisor (gzip or not): direct is QEMU's
 *				multiboot loader, seabios/ovmf GRUB's
 *				multiboot2, the initrd one module; the
 *				CPU model is -cpu max,-smap
 *	xen-cmdline ARGS	Xen's arguments, appended to "console=com1
 *				com1=115200,8n1" (repeatable)
 *	kernel PATH		bzImage (default build/kernel/arch/x86/boot/bzImage)
 *	pack PATH		pack cpio (default build/earlymod.img)
 *	initramfs PATH		initramfs (default build/initramfs.img)
 *	timeout SECONDS		whole-case limit (default 120)
 *	expect REGEX		some serial line must match
 *	reject REGEX		no serial line may match
 *	report KEY REGEX	some `REPORT KEY VALUE` line's VALUE must match
 *	noreport KEY [REGEX]	no `REPORT KEY` line (with REGEX: none matching)
 *	allow-oops		do not fail on lines matching
 *				"Kernel panic|Oops|BUG:|WARNING:"
 *	allow-errors		do not fail on `REPORT error` lines
 *
 * Regular expressions are POSIX extended (regcomp(3)), matched against each
 * line of the serial log on its own, carriage returns removed.  Every case
 * must also reach the line `REPORT end`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef EARLYMOD_TOP
#define EARLYMOD_TOP "."
#endif

#define BASE_CMDLINE	"console=ttyS0,115200 panic=-1"
/* dom0 writes through Xen's console, which Xen copies to its serial port */
#define XEN_DOM0_CMDLINE "console=hvc0 earlyprintk=xen panic=-1"
#define XEN_CMDLINE	"console=com1 com1=115200,8n1"
/*
 * Under Xen the CPU model has no SMAP: with it, TCG's IRET from ring 3
 * faults on a PV kernel's first IRET (docs/xen.md).  A case's own `qemu
 * -cpu` comes later and wins.
 */
#define XEN_CPU		"max,-smap"
#define OOPS_REGEX	"Kernel panic|Oops|BUG:|WARNING:"
#define DEFAULT_TIMEOUT	120
#define DEFAULT_SMP	2
#define DEFAULT_MEM	512
/* A guest that prints more than this is broken; stop reading. */
#define MAX_SERIAL	(32u << 20)
/* How long QEMU gets to exit after SIGTERM before SIGKILL. */
#define TERM_GRACE_MS	5000

extern char **environ;

/* --- small helpers ---------------------------------------------------------- */

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fputs("qemu-run: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return s;
}

/* A growable byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (n == 0)
		return;
	if (!b->p || n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 4096;

		while (n > cap - b->len) {
			if (cap > SIZE_MAX / 2)
				die("out of memory");
			cap *= 2;
		}
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

/* A growable NULL-terminated string vector. */
struct strv {
	char **v;
	size_t n;
};

static void strv_add(struct strv *s, char *str)
{
	if (s->n > SIZE_MAX / sizeof(char *) - 2)
		die("out of memory");
	s->v = xrealloc(s->v, (s->n + 2) * sizeof(char *));
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
}

static void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Append the contents of file src to the open fd; -1 with errno on error. */
static int append_file(int fd, const char *src, size_t *copied)
{
	char chunk[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC);
	size_t total = 0;

	if (in < 0)
		return -1;
	for (;;) {
		ssize_t r = read(in, chunk, sizeof(chunk));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		if (write_all(fd, chunk, (size_t)r) < 0)
			goto fail;
		total += (size_t)r;
	}
	close(in);
	if (copied)
		*copied = total;
	return 0;
fail:
	{
		int e = errno;

		close(in);
		errno = e;
	}
	return -1;
}

/*
 * Write the concatenation of srcs[] to dst.  align_first pads the first
 * source with zero bytes to a multiple of 4.  Returns NULL or an error text.
 */
static char *concat_files(const char *dst, const char *const *srcs, size_t n,
			  bool align_first)
{
	int fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return xasprintf("%s: %s", dst, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		size_t len = 0;

		if (append_file(fd, srcs[i], &len) < 0) {
			char *e = xasprintf("%s: %s", srcs[i], strerror(errno));

			close(fd);
			return e;
		}
		if (i == 0 && align_first && (len & 3)) {
			static const char zero[4];

			if (write_all(fd, zero, 4 - (len & 3)) < 0) {
				close(fd);
				return xasprintf("%s: %s", dst, strerror(errno));
			}
		}
	}
	if (close(fd) < 0)
		return xasprintf("%s: %s", dst, strerror(errno));
	return NULL;
}

static int mkdir_p(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				int e = errno;

				free(p);
				errno = e;
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* --- options and global state ----------------------------------------------- */

static struct {
	bool console;
	bool verbose;
	const char *iso;
	const char *kernel;
} opt;

static char *top;		/* absolute top of the tree */
static bool cwd_is_top;
static regex_t oops_re;

/* Signals that end the run; blocked except while waiting in ppoll(). */
static sigset_t stop_signals;
static sigset_t wait_mask;
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static bool interrupted(void)
{
	sigset_t pending;

	if (stop_signal)
		return true;
	if (sigpending(&pending) == 0)
		for (int s = 1; s < NSIG; s++)
			if (sigismember(&stop_signals, s) == 1 &&
			    sigismember(&pending, s) == 1)
				return true;
	return false;
}

/* A path inside the tree, as given in a case file. */
static char *top_path(const char *p)
{
	return p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", top, p);
}

/* A path to show the user: relative if we run from the top. */
static const char *show_path(const char *p)
{
	size_t n = strlen(top);

	if (cwd_is_top && strncmp(p, top, n) == 0 && p[n] == '/')
		return p + n + 1;
	return p;
}

/* --- case files ------------------------------------------------------------- */

enum boot { BOOT_DIRECT, BOOT_SEABIOS, BOOT_OVMF, BOOT_SECUREBOOT, NR_BOOT };
static const char *const boot_names[NR_BOOT] = {
	"direct", "seabios", "ovmf", "secureboot" };
/* -kernel/-initrd/-append: the firmware (SeaBIOS, or OVMF) loads the kernel */
#define BOOT_IS_DIRECT(b)	((b) == BOOT_DIRECT || (b) == BOOT_SECUREBOOT)

enum check_kind { CHK_EXPECT, CHK_REJECT, CHK_REPORT, CHK_NOREPORT };

struct check {
	enum check_kind kind;
	unsigned int lineno;
	char *key;		/* report, noreport */
	char *src;		/* the regex as written; NULL: any value */
	regex_t re;
};

struct tcase {
	char *path;
	char *name;
	char *machine;
	unsigned int smp, mem, timeout;
	enum boot boot;
	struct strv devices, smbios, extra;
	char *cmdline;		/* the whole kernel command line */
	char *kernel, *pack, *initramfs;
	char *xen;		/* the hypervisor; NULL: boot the kernel itself */
	char *xen_cmdline;	/* Xen's whole command line */
	bool allow_oops, allow_errors;
	struct check *checks;
	size_t nchecks;
};

static void case_free(struct tcase *c)
{
	free(c->path);
	free(c->name);
	free(c->machine);
	strv_free(&c->devices);
	strv_free(&c->smbios);
	strv_free(&c->extra);
	free(c->cmdline);
	free(c->kernel);
	free(c->pack);
	free(c->initramfs);
	free(c->xen);
	free(c->xen_cmdline);
	for (size_t i = 0; i < c->nchecks; i++) {
		free(c->checks[i].key);
		if (c->checks[i].src) {
			free(c->checks[i].src);
			regfree(&c->checks[i].re);
		}
	}
	free(c->checks);
	memset(c, 0, sizeof(*c));
}

static char *case_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name;
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".case") == 0)
		n -= 5;
	name = strndup(base, n);
	if (!name)
		die("out of memory");
	return name;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *skip_blanks(char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Split off the first word of s; returns it and advances *s past it. */
static char *next_word(char **s)
{
	char *w = skip_blanks(*s), *e = w;

	while (*e && !is_blank(*e))
		e++;
	if (*e)
		*e++ = '\0';
	*s = skip_blanks(e);
	return w;
}

static int parse_uint(const char *s, unsigned int lo, unsigned int hi,
		      unsigned int *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* Set a string directive that may appear once. */
static int set_once(char **slot, const char *arg)
{
	if (*slot)
		return -1;
	*slot = xstrdup(arg);
	return 0;
}

static char *add_check(struct tcase *c, enum check_kind kind, unsigned int lineno,
		       const char *key, const char *src)
{
	struct check *k;
	int rc;

	c->checks = xrealloc(c->checks, (c->nchecks + 1) * sizeof(*c->checks));
	k = &c->checks[c->nchecks];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->lineno = lineno;
	k->key = key ? xstrdup(key) : NULL;
	if (src) {
		rc = regcomp(&k->re, src, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[256];

			regerror(rc, &k->re, msg, sizeof(msg));
			free(k->key);
			k->key = NULL;
			return xasprintf("bad regex /%s/: %s", src, msg);
		}
		k->src = xstrdup(src);
	}
	c->nchecks++;
	return NULL;
}

/*
 * Parse one directive.  line is modifiable and has no newline.  Returns NULL
 * or an error message.
 */
static char *parse_line(struct tcase *c, char *line, unsigned int lineno,
			bool *seen_boot)
{
	char *rest = line;
	char *kw = next_word(&rest);
	char *arg = rest;
	size_t n = strlen(arg);

	while (n > 0 && is_blank(arg[n - 1]))
		arg[--n] = '\0';

	if (!strcmp(kw, "allow-oops") || !strcmp(kw, "allow-errors")) {
		if (*arg)
			return xasprintf("%s takes no argument", kw);
		if (!strcmp(kw, "allow-oops"))
			c->allow_oops = true;
		else
			c->allow_errors = true;
		return NULL;
	}
	if (!*arg)
		return xasprintf("%s needs an argument", kw);

	if (!strcmp(kw, "machine")) {
		if (set_once(&c->machine, arg))
			return xstrdup("machine given twice");
	} else if (!strcmp(kw, "device")) {
		strv_add(&c->devices, xstrdup(arg));
	} else if (!strcmp(kw, "smbios")) {
		strv_add(&c->smbios, xstrdup(arg));
	} else if (!strcmp(kw, "qemu")) {
		while (*arg)
			strv_add(&c->extra, xstrdup(next_word(&arg)));
	} else if (!strcmp(kw, "smp")) {
		if (parse_uint(arg, 1, 64, &c->smp))
			return xasprintf("smp: want 1..64, got \"%s\"", arg);
	} else if (!strcmp(kw, "mem")) {
		if (parse_uint(arg, 64, 65536, &c->mem))
			return xasprintf("mem: want 64..65536 MiB, got \"%s\"", arg);
	} else if (!strcmp(kw, "timeout")) {
		if (parse_uint(arg, 1, 3600, &c->timeout))
			return xasprintf("timeout: want 1..3600 s, got \"%s\"", arg);
	} else if (!strcmp(kw, "boot")) {
		size_t i;

		if (*seen_boot)
			return xstrdup("boot given twice");
		for (i = 0; i < NR_BOOT; i++)
			if (!strcmp(arg, boot_names[i]))
				break;
		if (i == NR_BOOT)
			return xasprintf("boot: want direct, seabios, ovmf or secureboot, got \"%s\"", arg);
		c->boot = (enum boot)i;
		*seen_boot = true;
	} else if (!strcmp(kw, "cmdline") || !strcmp(kw, "xen-cmdline")) {
		char **line = kw[0] == 'c' ? &c->cmdline : &c->xen_cmdline;
		char *s = xasprintf("%s %s", *line, arg);

		free(*line);
		*line = s;
	} else if (!strcmp(kw, "kernel") || !strcmp(kw, "pack") ||
		   !strcmp(kw, "initramfs") || !strcmp(kw, "xen")) {
		char **slot = kw[0] == 'k' ? &c->kernel :
			      kw[0] == 'p' ? &c->pack :
			      kw[0] == 'x' ? &c->xen : &c->initramfs;

		if (*slot)
			return xasprintf("%s given twice", kw);
		*slot = top_path(arg);
	} else if (!strcmp(kw, "expect")) {
		return add_check(c, CHK_EXPECT, lineno, NULL, arg);
	} else if (!strcmp(kw, "reject")) {
		return add_check(c, CHK_REJECT, lineno, NULL, arg);
	} else if (!strcmp(kw, "report") || !strcmp(kw, "noreport")) {
		char *key = next_word(&arg);

		if (kw[0] == 'r' && !*arg)
			return xstrdup("report needs a key and a regex");
		return add_check(c, kw[0] == 'r' ? CHK_REPORT : CHK_NOREPORT,
				 lineno, key, *arg ? arg : NULL);
	} else {
		return xasprintf("unknown directive \"%s\"", kw);
	}
	return NULL;
}

/* Read and parse a case file.  Returns NULL or an error message. */
static char *case_load(struct tcase *c, const char *path)
{
	struct buf text = { 0 };
	char chunk[4096];
	bool seen_boot = false;
	unsigned int lineno = 0;
	char *p, *err = NULL;
	int fd;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->name = case_name(path);
	c->smp = DEFAULT_SMP;
	c->mem = DEFAULT_MEM;
	c->timeout = DEFAULT_TIMEOUT;
	c->boot = BOOT_DIRECT;
	/* the arguments of cmdline and xen-cmdline; the bases come last */
	c->cmdline = xstrdup("");
	c->xen_cmdline = xstrdup("");

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xasprintf("%s: %s", path, strerror(errno));
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			free(text.p);
			return err;
		}
		if (r == 0)
			break;
		buf_add(&text, chunk, (size_t)r);
	}
	close(fd);
	buf_add(&text, "", 1);
	if (memchr(text.p, '\0', text.len - 1)) {
		free(text.p);
		return xasprintf("%s: contains a NUL byte", path);
	}

	for (p = text.p; *p && !err; ) {
		char *nl = strchr(p, '\n'), *line;
		size_t n;

		if (nl)
			*nl = '\0';
		lineno++;
		n = strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			p[--n] = '\0';
		line = skip_blanks(p);
		if (*line && *line != '#') {
			char *e = parse_line(c, line, lineno, &seen_boot);

			if (e) {
				err = xasprintf("%s:%u: %s", path, lineno, e);
				free(e);
			}
		}
		p = nl ? nl + 1 : p + n;
	}
	free(text.p);
	if (err)
		return err;

	if (!c->machine)
		c->machine = xstrdup("q35");
	if (c->boot == BOOT_SECUREBOOT && c->xen)
		return xasprintf("%s: xen cannot boot secureboot", path);
	if (*c->xen_cmdline && !c->xen)
		return xasprintf("%s: xen-cmdline without xen", path);
	p = xasprintf("%s%s", c->xen ? XEN_DOM0_CMDLINE : BASE_CMDLINE, c->cmdline);
	free(c->cmdline);
	c->cmdline = p;
	p = xasprintf("%s%s", XEN_CMDLINE, c->xen_cmdline);
	free(c->xen_cmdline);
	c->xen_cmdline = p;
	if (!c->kernel)
		c->kernel = top_path(opt.kernel ? opt.kernel
				     : "build/kernel/arch/x86/boot/bzImage");
	if (!c->pack)
		c->pack = top_path("build/earlymod.img");
	if (!c->initramfs)
		c->initramfs = top_path("build/initramfs.img");
	return NULL;
}

/* --- running processes ------------------------------------------------------ */

/*
 * Start argv[0] (searched in PATH) with the given fds as its stdin, stdout
 * and stderr, default signal handling and an empty signal mask.
 */
static pid_t spawn(char *const argv[], int in, int out, int err, char **errmsg)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t deflt, empty;
	pid_t pid = -1;
	int rc;

	sigemptyset(&empty);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGINT);
	sigaddset(&deflt, SIGTERM);
	sigaddset(&deflt, SIGHUP);
	sigaddset(&deflt, SIGPIPE);

	if (posix_spawn_file_actions_init(&fa) || posix_spawnattr_init(&attr))
		die("out of memory");
	if (posix_spawn_file_actions_adddup2(&fa, in, 0) ||
	    posix_spawn_file_actions_adddup2(&fa, out, 1) ||
	    posix_spawn_file_actions_adddup2(&fa, err, 2) ||
	    posix_spawnattr_setsigmask(&attr, &empty) ||
	    posix_spawnattr_setsigdefault(&attr, &deflt) ||
	    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
					    POSIX_SPAWN_SETSIGDEF))
		die("posix_spawn setup failed");
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc) {
		*errmsg = xasprintf("cannot run %s: %s", argv[0], strerror(rc));
		return -1;
	}
	return pid;
}

/* Sleep up to ms milliseconds; returns early on a stop signal. */
static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	ppoll(NULL, 0, &ts, &wait_mask);
}

/* Wait for pid to exit by itself until deadline; true if it did. */
static bool wait_until(pid_t pid, double deadline, int *status)
{
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return true;
		if (r < 0 && errno != EINTR)
			return true;	/* not ours any more: nothing to wait for */
		if (now_sec() >= deadline || stop_signal)
			return false;
		nap(20);
	}
}

/* Stop pid: SIGTERM, then SIGKILL after a grace period; always reaps it. */
static void terminate(pid_t pid, int *status)
{
	if (kill(pid, SIGTERM) == 0 &&
	    wait_until(pid, now_sec() + TERM_GRACE_MS / 1000.0, status))
		return;
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* Run a helper to completion, its output to logpath.  NULL or an error. */
static char *run_helper(char *const argv[], const char *logpath)
{
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int log = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	char *err = NULL;
	int status = 0;
	pid_t pid;

	if (null < 0 || log < 0) {
		err = xasprintf("%s: %s", log < 0 ? logpath : "/dev/null",
				strerror(errno));
		goto out;
	}
	pid = spawn(argv, null, log, log, &err);
	if (pid < 0)
		goto out;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			err = xasprintf("waitpid: %s", strerror(errno));
			goto out;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		err = xasprintf("%s failed (see %s)",
				argv[1] && argv[1][0] != '-' ? argv[1] : argv[0],
				show_path(logpath));
out:
	if (null >= 0)
		close(null);
	if (log >= 0)
		close(log);
	return err;
}

struct qemu_result {
	bool timed_out;
	bool interrupted;
	bool overflow;		/* more than MAX_SERIAL bytes of output */
	bool exited;		/* status is valid */
	int status;
	double seconds;
};

/*
 * Run QEMU with its stdout (the serial port) on a pipe; copy what it prints
 * to logpath, to serial and, with --console, to our stdout, until it exits
 * or the time is up.  Returns NULL or an error text for a setup failure.
 */
static char *run_qemu(char *const argv[], const char *logpath, const char *errpath,
		      unsigned int timeout, struct buf *serial, struct qemu_result *res)
{
	double start = now_sec(), deadline = start + timeout;
	int pipefd[2] = { -1, -1 };
	int log = -1, errfd = -1, null = -1;
	bool eof = false, echo = opt.console;
	char *err = NULL;
	char chunk[65536];
	pid_t pid;

	memset(res, 0, sizeof(*res));
	log = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (log < 0 || errfd < 0 || null < 0) {
		err = xasprintf("cannot open %s: %s", log < 0 ? logpath :
				errfd < 0 ? errpath : "/dev/null", strerror(errno));
		goto out;
	}
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		err = xasprintf("pipe: %s", strerror(errno));
		goto out;
	}
	pid = spawn(argv, null, pipefd[1], errfd, &err);
	close(pipefd[1]);
	pipefd[1] = -1;
	if (pid < 0)
		goto out;

	while (!eof) {
		double left = deadline - now_sec();
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		struct timespec ts;
		ssize_t r;
		int pr;

		if (stop_signal) {
			res->interrupted = true;
			break;
		}
		if (left <= 0) {
			res->timed_out = true;
			break;
		}
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		pr = ppoll(&pfd, 1, &ts, &wait_mask);
		if (pr < 0) {
			if (errno == EINTR)
				continue;
			err = xasprintf("poll: %s", strerror(errno));
			break;
		}
		if (pr == 0)
			continue;
		r = read(pipefd[0], chunk, sizeof(chunk));
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			err = xasprintf("read: %s", strerror(errno));
			break;
		}
		if (r == 0) {
			eof = true;
			break;
		}
		if (write_all(log, chunk, (size_t)r) < 0) {
			err = xasprintf("%s: %s", logpath, strerror(errno));
			break;
		}
		if (echo && write_all(1, chunk, (size_t)r) < 0)
			echo = false;	/* stdout went away; keep testing */
		if ((size_t)r > MAX_SERIAL - serial->len) {
			res->overflow = true;
			break;
		}
		buf_add(serial, chunk, (size_t)r);
	}

	/* QEMU closes the serial port when it exits; give it time to finish. */
	if (eof && wait_until(pid, deadline, &res->status)) {
		res->exited = true;
	} else {
		if (eof && !stop_signal)
			res->timed_out = true;
		terminate(pid, &res->status);
	}
	if (stop_signal)
		res->interrupted = true;
out:
	res->seconds = now_sec() - start;
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (log >= 0 && close(log) < 0 && !err)
		err = xasprintf("%s: %s", logpath, strerror(errno));
	if (errfd >= 0)
		close(errfd);
	if (null >= 0)
		close(null);
	return err;
}

/* The first line of a file, for error messages; "" if none. */
static char *first_line(const char *path)
{
	char line[512] = "";
	FILE *f = fopen(path, "re");

	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* --- checking the log ------------------------------------------------------- */

struct lines {
	char *text;		/* the log with '\n' turned into '\0' */
	char **v;
	size_t n;
};

/* Split the serial output into lines: CRs dropped, NULs made blanks. */
static void split_lines(const struct buf *serial, struct lines *L)
{
	size_t cap = 0;
	char *w, *start;

	L->text = xrealloc(NULL, serial->len + 1);
	L->v = NULL;
	L->n = 0;
	w = start = L->text;
	for (size_t i = 0; i <= serial->len; i++) {
		char ch;

		if (i == serial->len) {
			if (w == start)
				break;		/* no text after the last newline */
			ch = '\n';
		} else {
			ch = serial->p[i];
		}
		if (ch == '\r')
			continue;
		if (ch != '\n') {
			*w++ = ch ? ch : ' ';
			continue;
		}
		*w++ = '\0';
		if (L->n == cap) {
			cap = cap ? cap * 2 : 1024;
			L->v = xrealloc(L->v, cap * sizeof(char *));
		}
		L->v[L->n++] = start;
		start = w;
	}
}

/* If line is `REPORT <key> <value>`, return the value (maybe ""), else NULL. */
static const char *report_value(const char *line, const char *key)
{
	size_t kl = strlen(key);

	if (strncmp(line, "REPORT ", 7) != 0)
		return NULL;
	line += 7;
	if (strncmp(line, key, kl) != 0)
		return NULL;
	if (line[kl] == '\0')
		return line + kl;
	if (line[kl] != ' ')
		return NULL;
	return line + kl + 1;
}

/* Shorten a log line for a one-line reason. */
static char *clip(const char *s)
{
	size_t n = strlen(s);

	return n > 160 ? xasprintf("%.160s...", s) : xstrdup(s);
}

static char *check_one(const struct check *k, const struct lines *L)
{
	for (size_t i = 0; i < L->n; i++) {
		const char *line = L->v[i];
		const char *val;

		switch (k->kind) {
		case CHK_EXPECT:
			if (!regexec(&k->re, line, 0, NULL, 0))
				return NULL;
			break;
		case CHK_REJECT:
			if (!regexec(&k->re, line, 0, NULL, 0)) {
				char *c = clip(line);
				char *r = xasprintf("line %u: rejected /%s/ found: %s",
						    k->lineno, k->src, c);
				free(c);
				return r;
			}
			break;
		case CHK_REPORT:
			val = report_value(line, k->key);
			if (val && !regexec(&k->re, val, 0, NULL, 0))
				return NULL;
			break;
		case CHK_NOREPORT:
			val = report_value(line, k->key);
			if (val && (!k->src || !regexec(&k->re, val, 0, NULL, 0))) {
				char *c = clip(line);
				char *r = xasprintf("line %u: unexpected %s", k->lineno, c);
				free(c);
				return r;
			}
			break;
		}
	}
	switch (k->kind) {
	case CHK_EXPECT:
		return xasprintf("line %u: expected /%s/ not found", k->lineno, k->src);
	case CHK_REPORT:
		return xasprintf("line %u: no REPORT %s matching /%s/", k->lineno,
				 k->key, k->src);
	default:
		return NULL;
	}
}

/* The first reason the run failed, or NULL if it passed. */
static char *judge(const struct tcase *c, const struct buf *serial,
		   const struct qemu_result *res, const char *errpath)
{
	struct lines L;
	bool end = false;
	char *why = NULL;

	split_lines(serial, &L);
	for (size_t i = 0; i < L.n; i++)
		if (!strcmp(L.v[i], "REPORT end") || !strncmp(L.v[i], "REPORT end ", 11))
			end = true;

	if (res->interrupted) {
		why = xstrdup("interrupted");
		goto out;
	}
	if (!c->allow_oops) {
		for (size_t i = 0; i < L.n; i++) {
			if (!regexec(&oops_re, L.v[i], 0, NULL, 0)) {
				char *cl = clip(L.v[i]);

				why = xasprintf("kernel problem: %s", cl);
				free(cl);
				goto out;
			}
		}
	}
	if (res->overflow) {
		why = xasprintf("more than %u MiB of serial output", MAX_SERIAL >> 20);
		goto out;
	}
	if (res->timed_out) {
		why = xasprintf("timeout after %u s%s", c->timeout,
				end ? " (after REPORT end: power-off failed?)" : "");
		goto out;
	}
	if (res->exited && !(WIFEXITED(res->status) && WEXITSTATUS(res->status) == 0)) {
		char *l = first_line(errpath);

		if (WIFSIGNALED(res->status))
			why = xasprintf("qemu killed by signal %d%s%s",
					WTERMSIG(res->status), *l ? ": " : "", l);
		else
			why = xasprintf("qemu exited with status %d%s%s",
					WEXITSTATUS(res->status), *l ? ": " : "", l);
		free(l);
		goto out;
	}
	if (!end) {
		why = xstrdup("guest did not reach REPORT end");
		goto out;
	}
	if (!c->allow_errors) {
		for (size_t i = 0; i < L.n; i++) {
			if (report_value(L.v[i], "error")) {
				char *cl = clip(L.v[i]);

				why = xasprintf("guest reported: %s", cl);
				free(cl);
				goto out;
			}
		}
	}
	for (size_t i = 0; i < c->nchecks && !why; i++)
		why = check_one(&c->checks[i], &L);
out:
	free(L.v);
	free(L.text);
	return why;
}

/* --- one case --------------------------------------------------------------- */

static const char *ovmf_file(const char *env, const char *const *candidates)
{
	const char *e = getenv(env);

	if (e && *e)
		return e;
	for (; *candidates; candidates++)
		if (file_exists(*candidates))
			return *candidates;
	return NULL;
}

/*
 * QEMU's multiboot loader takes its modules as one option value: each
 * "FILE ARGS", separated by commas, a comma inside written twice.
 */
static char *multiboot_module(const char *file, const char *args)
{
	struct buf b = { 0 };

	buf_add(&b, file, strlen(file));
	if (args) {
		buf_add(&b, " ", 1);
		for (const char *p = args; *p; p++) {
			buf_add(&b, p, 1);
			if (*p == ',')
				buf_add(&b, ",", 1);
		}
	}
	buf_add(&b, "", 1);
	return b.p;
}

/* Build QEMU's argument vector for the case. */
static void qemu_args(const struct tcase *c, struct strv *a, const char *initrd,
		      const char *iso, const char *ovmf_code, const char *ovmf_vars,
		      const char *xen_elf)
{
	const char *qemu = getenv("QEMU");

	strv_add(a, xstrdup(qemu && *qemu ? qemu : "qemu-system-x86_64"));
	strv_add(a, xstrdup("-machine"));
	/* the Secure Boot firmware keeps its variables in SMM */
	strv_add(a, c->boot == BOOT_SECUREBOOT ? xasprintf("%s,smm=on", c->machine) :
						 xstrdup(c->machine));
	strv_add(a, xstrdup("-accel"));
	strv_add(a, xstrdup("tcg"));
	strv_add(a, xstrdup("-smp"));
	strv_add(a, xasprintf("%u", c->smp));
	strv_add(a, xstrdup("-m"));
	strv_add(a, xasprintf("%u", c->mem));
	strv_add(a, xstrdup("-display"));
	strv_add(a, xstrdup("none"));
	strv_add(a, xstrdup("-monitor"));
	strv_add(a, xstrdup("none"));
	strv_add(a, xstrdup("-serial"));
	strv_add(a, xstrdup("stdio"));
	strv_add(a, xstrdup("-no-reboot"));
	for (size_t i = 0; i < c->devices.n; i++) {
		strv_add(a, xstrdup("-device"));
		strv_add(a, xstrdup(c->devices.v[i]));
	}
	for (size_t i = 0; i < c->smbios.n; i++) {
		strv_add(a, xstrdup("-smbios"));
		strv_add(a, xstrdup(c->smbios.v[i]));
	}
	if (c->boot == BOOT_OVMF || c->boot == BOOT_SECUREBOOT) {
		if (c->boot == BOOT_SECUREBOOT) {
			strv_add(a, xstrdup("-global"));
			strv_add(a, xstrdup("driver=cfi.pflash01,property=secure,value=on"));
		}
		strv_add(a, xstrdup("-drive"));
		strv_add(a, xasprintf("if=pflash,format=raw,unit=0,readonly=on,file=%s",
				      ovmf_code));
		strv_add(a, xstrdup("-drive"));
		strv_add(a, xasprintf("if=pflash,format=raw,unit=1,file=%s", ovmf_vars));
	}
	if (BOOT_IS_DIRECT(c->boot) && c->xen) {
		char *kern = multiboot_module(c->kernel, c->cmdline);
		char *rd = multiboot_module(initrd, NULL);

		strv_add(a, xstrdup("-kernel"));
		strv_add(a, xstrdup(xen_elf));
		strv_add(a, xstrdup("-append"));
		strv_add(a, xstrdup(c->xen_cmdline));
		strv_add(a, xstrdup("-initrd"));
		strv_add(a, xasprintf("%s,%s", kern, rd));
		free(kern);
		free(rd);
	} else if (BOOT_IS_DIRECT(c->boot)) {
		strv_add(a, xstrdup("-kernel"));
		strv_add(a, xstrdup(c->kernel));
		strv_add(a, xstrdup("-initrd"));
		strv_add(a, xstrdup(initrd));
		strv_add(a, xstrdup("-append"));
		strv_add(a, xstrdup(c->cmdline));
	} else {
		strv_add(a, xstrdup("-cdrom"));
		strv_add(a, xstrdup(iso));
		strv_add(a, xstrdup("-boot"));
		strv_add(a, xstrdup("d"));
	}
	if (c->xen) {
		strv_add(a, xstrdup("-cpu"));
		strv_add(a, xstrdup(XEN_CPU));
	}
	for (size_t i = 0; i < c->extra.n; i++)
		strv_add(a, xstrdup(c->extra.v[i]));
}

static void print_argv(char *const *v)
{
	fputs("# ", stdout);
	for (; *v; v++)
		printf("%s%s", *v, v[1] ? " " : "\n");
}

/* Prepare and boot one case; returns NULL if it passed, else the reason. */
static char *boot_case(struct tcase *c, const char *work, struct buf *serial,
		       struct qemu_result *res, bool *ran)
{
	/* the firmware of the OVMF paths: plain, and Secure Boot on with
	 * Debian's test ("snakeoil") key enrolled */
	static const struct {
		const char *code_env, *vars_env, *what;
		const char *codes[3], *varss[3];
	} fw[NR_BOOT] = {
		[BOOT_OVMF] = { "OVMF_CODE", "OVMF_VARS", "OVMF firmware",
			{ "/usr/share/OVMF/OVMF_CODE_4M.fd",
			  "/usr/share/OVMF/OVMF_CODE.fd" },
			{ "/usr/share/OVMF/OVMF_VARS_4M.fd",
			  "/usr/share/OVMF/OVMF_VARS.fd" } },
		[BOOT_SECUREBOOT] = { "OVMF_SB_CODE", "OVMF_SB_VARS",
			"OVMF Secure Boot firmware",
			{ "/usr/share/OVMF/OVMF_CODE_4M.snakeoil.fd",
			  "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd" },
			{ "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd" } },
	};
	char *initrd = xasprintf("%s/initrd.img", work);
	char *iso = opt.iso ? xstrdup(opt.iso) : xasprintf("%s/boot.iso", work);
	char *vars = xasprintf("%s/ovmf-vars.fd", work);
	char *log = xasprintf("%s/serial.log", work);
	char *errlog = xasprintf("%s/qemu.err", work);
	char *xen_elf = xasprintf("%s/xen", work);
	const char *code = NULL;
	struct strv argv = { 0 };
	char *why = NULL;

	*ran = false;
	if (BOOT_IS_DIRECT(c->boot) || !opt.iso) {
		const char *need[] = { c->kernel, c->pack, c->initramfs, c->xen };

		for (size_t i = 0; i < 4 && need[i]; i++) {
			if (!file_exists(need[i])) {
				why = xasprintf("%s: no such file", show_path(need[i]));
				goto out;
			}
		}
	} else if (!file_exists(iso)) {
		why = xasprintf("%s: no such file", iso);
		goto out;
	}

	if (BOOT_IS_DIRECT(c->boot)) {
		const char *parts[] = { c->pack, c->initramfs };

		why = concat_files(initrd, parts, 2, true);
		/* QEMU's multiboot loader wants the ELF image itself */
		if (!why && c->xen) {
			char *unzip = xasprintf("%s/unzip.log", work);
			char *const sh[] = { "sh", "-c",
				"gzip -dcf \"$1\" > \"$2\"", "gzip", c->xen, xen_elf,
				NULL };

			why = run_helper(sh, unzip);
			free(unzip);
		}
	} else if (!opt.iso) {
		char *script = xasprintf("%s/scripts/mkiso.sh", top);
		char *mklog = xasprintf("%s/mkiso.log", work);
		char *sh[] = { "sh", script, iso, c->kernel, c->pack,
				     c->initramfs, c->cmdline, c->xen, c->xen_cmdline,
				     NULL };

		if (!c->xen)
			sh[7] = NULL;
		why = run_helper(sh, mklog);
		free(script);
		free(mklog);
	}
	if (!why && fw[c->boot].what) {
		const char *tmpl = ovmf_file(fw[c->boot].vars_env, fw[c->boot].varss);

		code = ovmf_file(fw[c->boot].code_env, fw[c->boot].codes);
		if (!code || !tmpl)
			why = xasprintf("%s not found (install ovmf, or set %s and %s)",
					fw[c->boot].what, fw[c->boot].code_env,
					fw[c->boot].vars_env);
		else
			why = concat_files(vars, &tmpl, 1, false);
	}
	if (why)
		goto out;
	if (interrupted()) {
		res->interrupted = true;
		why = xstrdup("interrupted");
		goto out;
	}

	qemu_args(c, &argv, initrd, iso, code, vars, xen_elf);
	if (opt.verbose)
		print_argv(argv.v);
	fflush(stdout);
	why = run_qemu(argv.v, log, errlog, c->timeout, serial, res);
	*ran = !why;
	if (!why)
		why = judge(c, serial, res, errlog);
out:
	strv_free(&argv);
	free(initrd);
	free(iso);
	free(vars);
	free(log);
	free(errlog);
	free(xen_elf);
	return why;
}

/*
 * QEMU itself crashed (a fault in the emulator, not a verdict on the guest):
 * TCG has been seen to die of SIGSEGV in device emulation, rarely and
 * never twice in a row.
 */
static bool qemu_crashed(const struct qemu_result *res)
{
	int sig = WIFSIGNALED(res->status) ? WTERMSIG(res->status) : 0;

	return res->exited && !res->timed_out && !res->interrupted &&
	       (sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT || sig == SIGILL);
}

static bool run_case(const char *path)
{
	struct qemu_result res = { 0 };
	struct buf serial = { 0 };
	struct tcase c;
	char *why, *work = NULL, *logs = NULL, *kept = NULL;
	double start = now_sec();
	bool ran = false;

	why = case_load(&c, path);
	if (!why) {
		work = xasprintf("%s/build/test-work/%s", top, c.name);
		logs = xasprintf("%s/build/test-logs", top);
		if (mkdir_p(work) < 0 || mkdir_p(logs) < 0)
			why = xasprintf("mkdir: %s", strerror(errno));
	}
	if (!why)
		why = boot_case(&c, work, &serial, &res, &ran);
	if (why && qemu_crashed(&res)) {	/* once more, and say so */
		printf("# %s: %s; booting it once more\n", c.name, why);
		free(why);
		free(serial.p);
		memset(&serial, 0, sizeof(serial));
		memset(&res, 0, sizeof(res));
		ran = false;
		why = boot_case(&c, work, &serial, &res, &ran);
	}

	if (logs) {
		kept = xasprintf("%s/%s.log", logs, c.name);
		if (!why) {
			if (unlink(kept) < 0 && errno != ENOENT)
				fprintf(stderr, "qemu-run: %s: %s\n", kept, strerror(errno));
		} else if (ran) {
			char *log = xasprintf("%s/serial.log", work);

			if (rename(log, kept) < 0) {
				fprintf(stderr, "qemu-run: keeping %s: %s\n", log, strerror(errno));
				free(kept);
				kept = log;
			} else {
				free(log);
			}
		} else {
			free(kept);
			kept = NULL;
		}
	}

	if (why) {
		printf("not ok %s - %s\n", c.name ? c.name : path, why);
		if (kept)
			printf("# serial log: %s\n", show_path(kept));
	} else {
		printf("ok %s\n", c.name);
	}
	if (opt.verbose)
		printf("# %s: %.1f s\n", c.name ? c.name : path, now_sec() - start);
	fflush(stdout);

	free(why);
	free(work);
	free(logs);
	free(kept);
	free(serial.p);
	case_free(&c);
	return !why;
}

/* --- main ------------------------------------------------------------------- */

static void __attribute__((noreturn)) usage(void)
{
	fputs("usage: qemu-run [--console] [--iso PATH] [--kernel PATH] [--verbose] CASE...\n"
	      "Boot each test case in QEMU and print `ok NAME` or `not ok NAME - REASON`.\n"
	      "  --console      copy the guest's serial output to stdout live\n"
	      "  --iso PATH     boot this ISO on the seabios/ovmf paths\n"
	      "  --kernel PATH  default kernel for cases without a `kernel` line\n"
	      "  --verbose      print QEMU command lines and timings\n"
	      "The case format is described in tests/qemu/README.md.\n", stderr);
	exit(2);
}

static void setup_signals(void)
{
	struct sigaction sa;
	sigset_t old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;	/* no SA_RESTART: interrupt ppoll */
	sigemptyset(&sa.sa_mask);
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL) ||
	    sigaction(SIGHUP, &sa, NULL))
		die("sigaction: %s", strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	if (sigprocmask(SIG_BLOCK, &stop_signals, &old))
		die("sigprocmask: %s", strerror(errno));
	wait_mask = old;
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
}

static void find_top(void)
{
	const char *t = getenv("EARLYMOD_TOP");
	char *cwd;

	top = realpath(t && *t ? t : EARLYMOD_TOP, NULL);
	if (!top)
		die("%s: %s", t && *t ? t : EARLYMOD_TOP, strerror(errno));
	cwd = getcwd(NULL, 0);
	if (cwd) {
		char *real = realpath(cwd, NULL);

		cwd_is_top = real && !strcmp(real, top);
		free(real);
		free(cwd);
	}
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--console")) {
			opt.console = true;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			opt.verbose = true;
		} else if (!strcmp(a, "--iso") || !strcmp(a, "--kernel")) {
			if (++i >= argc)
				usage();
			if (a[2] == 'i')
				opt.iso = argv[i];
			else
				opt.kernel = argv[i];
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (a[0] == '-') {
			fprintf(stderr, "qemu-run: unknown option %s\n", a);
			usage();
		} else {
			break;
		}
	}
	if (i >= argc)
		usage();

	find_top();
	if (opt.iso) {
		char *abs = realpath(opt.iso, NULL);

		if (!abs)
			die("%s: %s", opt.iso, strerror(errno));
		opt.iso = abs;
	}
	if (opt.kernel) {
		char *abs = realpath(opt.kernel, NULL);

		if (!abs)
			die("%s: %s", opt.kernel, strerror(errno));
		opt.kernel = abs;
	}
	if (regcomp(&oops_re, OOPS_REGEX, REG_EXTENDED | REG_NOSUB))
		die("cannot compile %s", OOPS_REGEX);
	setup_signals();

	for (; i < argc; i++) {
		if (!run_case(argv[i]))
			failed++;
		if (interrupted())
			break;
	}
	regfree(&oops_re);
	if (stop_signal || interrupted())
		return 130;
	return failed ? 1 : 0;
}
