// SPDX-License-Identifier: GPL-2.0
/*
 * init for the boot-test initramfs: print a machine-readable boot report on
 * the console, then power the machine off.
 *
 * Every line of the report has the form
 *
 *	REPORT <key> <value>
 *
 * and the report always ends with `REPORT end`, after which the machine
 * powers off.  Keys, in the order they are printed:
 *
 *	action <step> <result>       steps of report.actions= (run_actions())
 *	lsmod <module line>          from the step "lsmod"
 *	insmod_us <path> <us>        from a step "insmod:" that succeeded
 *	unload <name> <kB> <kB> <ok> from a step "rmmod:" that succeeded
 *	cat <path> <value>           from a step "cat:"
 *	cmdline <contents of /proc/cmdline>
 *	meminfo MemTotal <kB>        (also MemFree, MemAvailable)
 *	memory_line <the kernel's "Memory: ..." line>
 *	module <name> <size> <refs> <users> <state>
 *	                             one per line of /proc/modules
 *	module_flags <name> <flags>  the (...) of a /proc/modules line: taints
 *	module_initstate <name> <s>  /sys/module/<name>/initstate, or "none"
 *	ksyms <module> <n>           symbols of each module in /proc/kallsyms
 *	tainted <n> <letters>        /proc/sys/kernel/tainted ("-": none)
 *	ksym <name> <type> <module>  each symbol asked for by report.ksyms=
 *	                             on the command line (module "vmlinux"),
 *	                             nothing for a name kallsyms does not have
 *	iommu_group <group> <device> one per /sys/kernel/iommu_groups/N/devices/D,
 *	                             sorted by group number, then device
 *	hypervisor <type>            /sys/hypervisor/type, else the kernel's
 *	                             "Hypervisor detected: X" line, else "none"
 *	nr_cpus <n>                  online CPUs
 *	clocksource <name>           the current clocksource (sysfs)
 *	cpu_flags <flags>            the "flags" of the first CPU in
 *	                             /proc/cpuinfo
 *	led <name>                   one per /sys/class/leds entry, sorted
 *	input <name>                 the name of each /sys/class/input device
 *	platform_device <name>       one per /sys/bus/platform/devices entry
 *	ptdump <area> <n2m> <n4k>    with report.ptdump on the command line:
 *	                             present memory of the direct map ("direct")
 *	                             and the kernel image ("kernel") in large
 *	                             pages (2 MiB units) and in 4 KiB pages
 *	klog <message>               every kernel log line containing "earlymod:"
 *	error <what>                 something above could not be read
 *	end
 *
 * Kernel log lines are reported without their "<level>" prefix and without
 * the "[ seconds ] " timestamp.  A value never contains a newline (any is
 * replaced by a space), so one line is one record.
 *
 * The cpio holds no /dev/console node (making one needs root), so the kernel
 * starts us with no open files.  We mount devtmpfs on /dev and attach
 * /dev/console to fds 0, 1 and 2 ourselves; errors met before that are
 * queued and printed once the console is there.
 *
 * While the report is printed, the console log level is lowered to 5 so that
 * routine kernel messages (level 5 and up) cannot split a REPORT line on the
 * shared serial port; warnings, errors and panics still reach the console.
 *
 * init must never exit (the kernel would panic): if powering off fails, we
 * say so and sleep forever.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* syslog(2) actions; glibc exports klogctl() but not their names. */
enum {
	SYSLOG_READ_ALL = 3,
	SYSLOG_CONSOLE_LEVEL = 8,
	SYSLOG_SIZE_BUFFER = 10,
};

/* Messages with a level below this still reach the console during the report. */
#define REPORT_CONSOLE_LEVEL 5

static int console_ok;

/* Errors seen before the console was open, printed once it is. */
static char *pending[16];
static unsigned int npending;

/* --- output ----------------------------------------------------------------- */

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;		/* nowhere left to complain */
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Print one `REPORT key value` line; the value is flattened to one line. */
static void report(const char *key, const char *fmt, ...)
{
	va_list ap;
	char *val = NULL;
	char *line = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&val, fmt, ap);
	va_end(ap);
	if (n < 0) {
		static const char oom[] = "REPORT error out of memory\n";

		if (console_ok)
			write_all(1, oom, sizeof(oom) - 1);
		return;
	}
	for (char *p = val; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (*val)
		n = asprintf(&line, "REPORT %s %s\n", key, val);
	else
		n = asprintf(&line, "REPORT %s\n", key);
	free(val);
	if (n < 0)
		return;
	if (console_ok)
		write_all(1, line, (size_t)n);
	free(line);
}

/* Report an error: now if the console is open, otherwise later. */
static void error(const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (console_ok) {
		report("error", "%s", msg);
		free(msg);
	} else if (npending < sizeof(pending) / sizeof(pending[0])) {
		pending[npending++] = msg;
	} else {
		free(msg);
	}
}

/* --- files ------------------------------------------------------------------ */

/*
 * Read a whole file into a NUL-terminated heap buffer.  Files under /proc and
 * /sys report a size of 0 or 4096, so read until EOF.  Returns NULL (errno
 * set) on failure.
 */
static char *read_file(const char *path, size_t *lenp)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		free(buf);
		errno = e;
		return NULL;
	}
	for (;;) {
		ssize_t r;

		if (cap - len < 2) {
			char *nb;

			if (cap > SIZE_MAX / 2)
				goto fail_nomem;
			nb = realloc(buf, cap * 2);
			if (!nb)
				goto fail_nomem;
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;

fail_nomem:
	errno = ENOMEM;
fail:
	{
		int e = errno;

		close(fd);
		free(buf);
		errno = e;
	}
	return NULL;
}

/* Strip trailing newlines and blanks in place. */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			 s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* --- setup ------------------------------------------------------------------ */

static void mount_one(const char *src, const char *dir, const char *type)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		error("mkdir %s: %s", dir, strerror(errno));
	if (mount(src, dir, type, MS_NOSUID | MS_NOEXEC, NULL) < 0 && errno != EBUSY)
		error("mount %s on %s: %s", type, dir, strerror(errno));
}

static void open_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0) {
		/* Last resort: the kernel log, so the failure is seen at all. */
		fd = open("/dev/kmsg", O_WRONLY);
		if (fd < 0)
			return;
	}
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0)
			return;
	if (fd > 2)
		close(fd);
	console_ok = 1;
}

/* --- the kernel log --------------------------------------------------------- */

static char *klog;		/* whole log, one record per line */

static void read_klog(void)
{
	int size = klogctl(SYSLOG_SIZE_BUFFER, NULL, 0);
	int n;

	if (size <= 0) {
		error("klogctl size: %s", size < 0 ? strerror(errno) : "empty");
		return;
	}
	klog = malloc((size_t)size + 1);
	if (!klog) {
		error("klog: out of memory");
		return;
	}
	n = klogctl(SYSLOG_READ_ALL, klog, size);
	if (n < 0) {
		error("klogctl read: %s", strerror(errno));
		free(klog);
		klog = NULL;
		return;
	}
	klog[n] = '\0';
}

/*
 * Return the message part of one log line: skip "<N>" and "[ secs ] ".
 * The line is NUL-terminated by the caller.
 */
static const char *klog_message(const char *line)
{
	const char *p = line;

	if (*p == '<') {
		const char *q = strchr(p, '>');

		if (q)
			p = q + 1;
	}
	if (*p == '[') {
		const char *q = strchr(p, ']');

		if (q) {
			p = q + 1;
			if (*p == ' ')
				p++;
		}
	}
	return p;
}

/*
 * Call fn(message, arg) for every kernel log line; stop early when fn
 * returns non-zero, and return that value.  The message is NUL-terminated
 * only for the duration of the call.
 */
static int klog_each(int (*fn)(const char *msg, void *arg), void *arg)
{
	char *p = klog;

	if (!p)
		return 0;
	while (*p) {
		char *nl = strchr(p, '\n');
		char save = 0;
		int r;

		if (nl) {
			save = *nl;
			*nl = '\0';
		}
		r = fn(klog_message(p), arg);
		if (nl)
			*nl = save;
		if (r)
			return r;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

/* --- report items ----------------------------------------------------------- */

static void report_cmdline(void)
{
	char *s = read_file("/proc/cmdline", NULL);

	if (!s) {
		error("/proc/cmdline: %s", strerror(errno));
		return;
	}
	chomp(s);
	report("cmdline", "%s", s);
	free(s);
}

static void report_meminfo(void)
{
	static const char *const keys[] = { "MemTotal", "MemFree", "MemAvailable" };
	char *s = read_file("/proc/meminfo", NULL);

	if (!s) {
		error("/proc/meminfo: %s", strerror(errno));
		return;
	}
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t kl = strlen(keys[k]);
		const char *line = s;
		int found = 0;

		while (line && *line) {
			if (strncmp(line, keys[k], kl) == 0 && line[kl] == ':') {
				unsigned long long v;

				if (sscanf(line + kl + 1, "%llu", &v) == 1) {
					report("meminfo", "%s %llu", keys[k], v);
					found = 1;
				}
				break;
			}
			line = strchr(line, '\n');
			if (line)
				line++;
		}
		if (!found)
			error("/proc/meminfo: no %s", keys[k]);
	}
	free(s);
}

static int find_memory_line(const char *msg, void *arg)
{
	(void)arg;
	if (strncmp(msg, "Memory: ", 8) == 0) {
		report("memory_line", "%s", msg);
		return 1;
	}
	return 0;
}

static void report_memory_line(void)
{
	if (!klog)
		return;		/* already reported */
	if (!klog_each(find_memory_line, NULL))
		error("kernel log: no \"Memory:\" line");
}

/* One line of /proc/modules, the address left out. */
struct modline {
	char name[256], users[256], state[32];
	unsigned long long size;
	int refs;
};

static int parse_modline(const char *line, struct modline *m)
{
	return sscanf(line, "%255s %llu %d %255s %31s", m->name, &m->size,
		      &m->refs, m->users, m->state) == 5;
}

static void report_modules(void)
{
	char *s = read_file("/proc/modules", NULL);
	char *line, *save = NULL;

	if (!s) {
		if (errno != ENOENT)
			error("/proc/modules: %s", strerror(errno));
		return;
	}
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char flags[32], path[320], *st;
		struct modline m;

		if (!parse_modline(line, &m)) {
			error("/proc/modules: cannot parse \"%s\"", line);
			continue;
		}
		report("module", "%s %llu %d %s %s", m.name, m.size, m.refs,
		       m.users, m.state);
		if (sscanf(line, "%*s %*s %*s %*s %*s %*s (%31[^)])", flags) == 1)
			report("module_flags", "%s %s", m.name, flags);
		snprintf(path, sizeof(path), "/sys/module/%s/initstate", m.name);
		st = read_file(path, NULL);
		if (st) {
			chomp(st);
			report("module_initstate", "%s %s", m.name, st);
			free(st);
		} else {
			report("module_initstate", "%s none", m.name);
		}
	}
	free(s);
}

/*
 * report.NAME on the kernel command line: a copy of VALUE for NAME=VALUE
 * (up to the next blank), "" for a bare NAME, NULL when it is not there.
 */
static char *cmdline_param(const char *name)
{
	char *cmd = read_file("/proc/cmdline", NULL), *p, *v = NULL;
	size_t n = strlen(name);

	for (p = cmd; p && (p = strstr(p, name)); p += n) {
		if (p != cmd && !isspace((unsigned char)p[-1]))
			continue;
		if (p[n] == '=') {
			v = strndup(p + n + 1, strcspn(p + n + 1, " \t\n"));
			break;
		}
		if (!p[n] || isspace((unsigned char)p[n])) {
			v = strdup("");
			break;
		}
	}
	free(cmd);
	return v;
}

/*
 * /proc/kallsyms: for each module, how many symbols carry its [name]; and
 * for each name in report.ksyms=A,B,... on the command line, where it is:
 * "ksym NAME TYPE MODULE" (MODULE "vmlinux" for the kernel's own), once
 * per symbol of that name; nothing when there is none.
 */
#define MAX_KMODS 16
#define MAX_KSYMS 16

static void report_kallsyms(void)
{
	char *want = cmdline_param("report.ksyms"), *s, *line, *w;
	char *save = NULL, *wsave = NULL, mods[MAX_KMODS][64], *wanted[MAX_KSYMS];
	unsigned long counts[MAX_KMODS] = { 0 };
	unsigned int nmods = 0, nwanted = 0, i;

	for (w = want ? strtok_r(want, ",", &wsave) : NULL; w && nwanted < MAX_KSYMS;
	     w = strtok_r(NULL, ",", &wsave))
		wanted[nwanted++] = w;
	s = read_file("/proc/kallsyms", NULL);
	if (!s) {
		error("/proc/kallsyms: %s", strerror(errno));
		free(want);
		return;
	}
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char type, name[256], mod[64] = "";

		if (sscanf(line, "%*s %c %255s [%63[^]]]", &type, name, mod) < 2)
			continue;
		if (mod[0]) {
			for (i = 0; i < nmods && strcmp(mods[i], mod); i++)
				;
			if (i == nmods && nmods < MAX_KMODS)
				strcpy(mods[nmods++], mod);
			if (i < nmods)
				counts[i]++;
		}
		for (i = 0; i < nwanted; i++)
			if (!strcmp(wanted[i], name))
				report("ksym", "%s %c %s", name, type,
				       mod[0] ? mod : "vmlinux");
	}
	for (i = 0; i < nmods; i++)
		report("ksyms", "%s %lu", mods[i], counts[i]);
	free(s);
	free(want);
}

/* /proc/sys/kernel/tainted, and its letters (kernel/panic.c's taint_flags) */
static void report_tainted(void)
{
	static const char letters[] = "PFSRMBUDAWCIOELKXTN";
	char *s = read_file("/proc/sys/kernel/tainted", NULL), l[sizeof(letters)];
	unsigned long t, n = 0;

	if (!s) {
		error("/proc/sys/kernel/tainted: %s", strerror(errno));
		return;
	}
	t = strtoul(s, NULL, 10);
	for (unsigned int i = 0; i < sizeof(letters) - 1; i++)
		if (t & (1UL << i))
			l[n++] = letters[i];
	l[n] = 0;
	report("tainted", "%lu %s", t, n ? l : "-");
	free(s);
}

struct group_dev {
	unsigned long group;
	char *dev;
};

static int group_dev_cmp(const void *a, const void *b)
{
	const struct group_dev *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return strcmp(x->dev, y->dev);
}

/* Parse a whole directory name as a decimal number. */
static int parse_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

static void report_iommu_groups(void)
{
	static const char root[] = "/sys/kernel/iommu_groups";
	struct group_dev *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *g;
	DIR *top = opendir(root);

	if (!top) {
		if (errno != ENOENT)
			error("%s: %s", root, strerror(errno));
		return;
	}
	while ((errno = 0, g = readdir(top)) != NULL) {
		unsigned long group;
		char *path = NULL;
		struct dirent *d;
		DIR *dd;

		if (parse_ulong(g->d_name, &group) < 0)
			continue;
		if (asprintf(&path, "%s/%s/devices", root, g->d_name) < 0) {
			error("iommu groups: out of memory");
			break;
		}
		dd = opendir(path);
		if (!dd) {
			error("%s: %s", path, strerror(errno));
			free(path);
			continue;
		}
		while ((errno = 0, d = readdir(dd)) != NULL) {
			if (d->d_name[0] == '.')
				continue;
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				struct group_dev *nv = realloc(v, ncap * sizeof(*v));

				if (!nv)
					break;
				v = nv;
				cap = ncap;
			}
			v[n].group = group;
			v[n].dev = strdup(d->d_name);
			if (!v[n].dev)
				break;
			n++;
		}
		if (errno)
			error("%s: %s", path, strerror(errno));
		closedir(dd);
		free(path);
	}
	if (errno)
		error("%s: %s", root, strerror(errno));
	closedir(top);

	qsort(v, n, sizeof(*v), group_dev_cmp);
	for (size_t i = 0; i < n; i++) {
		report("iommu_group", "%lu %s", v[i].group, v[i].dev);
		free(v[i].dev);
	}
	free(v);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One `REPORT key NAME` per entry of directory @dir, sorted; with @file,
 * NAME is the first line of @dir/ENTRY/@file instead (entries without it
 * are left out).  A missing directory reports nothing.
 */
static void report_dir(const char *key, const char *dir, const char *file)
{
	DIR *dd = opendir(dir);
	struct dirent *d;
	char **v = NULL;
	size_t n = 0, cap = 0;

	if (!dd) {
		if (errno != ENOENT)
			error("%s: %s", dir, strerror(errno));
		return;
	}
	while ((errno = 0, d = readdir(dd)) != NULL) {
		char *name = NULL;

		if (d->d_name[0] == '.')
			continue;
		if (file) {
			char *path;

			if (asprintf(&path, "%s/%s/%s", dir, d->d_name, file) < 0)
				break;
			name = read_file(path, NULL);
			free(path);
			if (!name)
				continue;
			chomp(name);
		} else {
			name = strdup(d->d_name);
		}
		if (!name)
			break;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **nv = realloc(v, ncap * sizeof(*v));

			if (!nv) {
				free(name);
				break;
			}
			v = nv;
			cap = ncap;
		}
		v[n++] = name;
	}
	if (errno)
		error("%s: %s", dir, strerror(errno));
	closedir(dd);
	qsort(v, n, sizeof(*v), str_cmp);
	for (size_t i = 0; i < n; i++) {
		report(key, "%s", v[i]);
		free(v[i]);
	}
	free(v);
}

/* What board drivers register: LEDs, input devices, platform devices. */
static void report_board_devices(void)
{
	report_dir("led", "/sys/class/leds", NULL);
	report_dir("input", "/sys/class/input", "name");
	report_dir("platform_device", "/sys/bus/platform/devices", NULL);
}

/*
 * With report.ptdump on the command line: how the kernel maps the direct
 * map ("Low Kernel Mapping") and its own image ("High Kernel Mapping"),
 * from the page-table dump (CONFIG_PTDUMP_DEBUGFS): the present memory in
 * large pages, counted in 2 MiB units, and in 4 KiB pages.
 */
static void report_ptdump(void)
{
	static const char *const area[][2] = {
		{ "Low Kernel Mapping", "direct" },
		{ "High Kernel Mapping", "kernel" },
	};
	unsigned long long large[2] = { 0 }, small[2] = { 0 };
	char *want = cmdline_param("report.ptdump"), *s, *line, *end;
	int cur = -1;
	unsigned int i;

	if (!want)
		return;
	free(want);
	mount_one("debugfs", "/sys/kernel/debug", "debugfs");
	s = read_file("/sys/kernel/debug/page_tables/kernel", NULL);
	if (!s) {
		error("/sys/kernel/debug/page_tables/kernel: %s", strerror(errno));
		return;
	}
	for (line = s; line && *line; line = end ? end + 1 : NULL) {
		unsigned long long a, b;
		const char *level;

		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (!strncmp(line, "---[ ", 5)) {
			cur = -1;
			for (i = 0; i < 2; i++)
				if (!strncmp(line + 5, area[i][0], strlen(area[i][0])))
					cur = (int)i;
			continue;
		}
		/* present ranges only: they say RW or ro */
		if (cur < 0 || sscanf(line, "0x%llx-0x%llx", &a, &b) != 2 || b <= a ||
		    (!strstr(line, " RW ") && !strstr(line, " ro ")))
			continue;
		level = strrchr(line, ' ');
		level = level ? level + 1 : line;
		if (strstr(line, " PSE ") && (!strcmp(level, "pmd") || !strcmp(level, "pud")))
			large[cur] += (b - a) >> 21;
		else if (!strcmp(level, "pte"))
			small[cur] += (b - a) >> 12;
	}
	free(s);
	for (i = 0; i < 2; i++)
		report("ptdump", "%s %llu %llu", area[i][1], large[i], small[i]);
}

/* The line is only NUL-terminated during the call: keep a copy. */
static int find_hypervisor(const char *msg, void *arg)
{
	static const char tag[] = "Hypervisor detected: ";
	const char *p = strstr(msg, tag);

	if (!p)
		return 0;
	*(char **)arg = strdup(p + sizeof(tag) - 1);
	return 1;
}

static void report_hypervisor(void)
{
	char *s = read_file("/sys/hypervisor/type", NULL);
	char *found = NULL;

	if (s) {
		chomp(s);
		if (*s) {
			report("hypervisor", "%s", s);
			free(s);
			return;
		}
		free(s);
	}
	if (!klog_each(find_hypervisor, &found))
		report("hypervisor", "none");
	else if (!found)
		error("hypervisor: out of memory");
	else
		report("hypervisor", "%s", found);
	free(found);
}

static void report_clocksource(void)
{
	static const char path[] =
		"/sys/devices/system/clocksource/clocksource0/current_clocksource";
	char *s = read_file(path, NULL);

	if (!s) {
		error("%s: %s", path, strerror(errno));
		return;
	}
	chomp(s);
	report("clocksource", "%s", s);
	free(s);
}

static void report_cpu_flags(void)
{
	char *s = read_file("/proc/cpuinfo", NULL), *line, *end;

	if (!s) {
		error("/proc/cpuinfo: %s", strerror(errno));
		return;
	}
	for (line = s; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (end)
			*end = 0;
		if (!strncmp(line, "flags", 5)) {
			char *v = strchr(line, ':');

			report("cpu_flags", "%s", v ? v + 1 + (v[1] == ' ') : "");
			free(s);
			return;
		}
	}
	error("/proc/cpuinfo: no flags line");
	free(s);
}

/* Count the CPUs in a list such as "0-3,5,7-8". */
static int count_cpu_list(const char *s)
{
	int count = 0;

	while (*s && *s != '\n') {
		char *end;
		unsigned long a, b;

		errno = 0;
		a = strtoul(s, &end, 10);
		if (errno || end == s)
			return -1;
		b = a;
		s = end;
		if (*s == '-') {
			s++;
			b = strtoul(s, &end, 10);
			if (errno || end == s || b < a)
				return -1;
			s = end;
		}
		if (b - a >= (unsigned long)(INT_MAX - count))
			return -1;
		count += (int)(b - a + 1);
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -1;
	}
	return count;
}

static void report_nr_cpus(void)
{
	static const char path[] = "/sys/devices/system/cpu/online";
	char *s = read_file(path, NULL);
	int n;

	if (!s) {
		error("%s: %s", path, strerror(errno));
		return;
	}
	n = count_cpu_list(s);
	if (n < 0)
		error("%s: cannot parse \"%s\"", path, s);
	else
		report("nr_cpus", "%d", n);
	free(s);
}

static int report_klog_line(const char *msg, void *arg)
{
	(void)arg;
	if (strstr(msg, "earlymod:"))
		report("klog", "%s", msg);
	return 0;
}

/*
 * report.actions=A,B,... on the command line: steps init takes before the
 * report, in order, each reported as "action STEP RESULT" (RESULT "ok" or
 * the errno name):
 *
 *	insmod:PATH   finit_module() of PATH, no parameters; when it succeeds,
 *	              also "insmod_us PATH N": its wall time, microseconds
 *	rmmod:NAME    delete_module(NAME, O_NONBLOCK), as rmmod does; when it
 *	              succeeds, also "unload NAME SIZE GAIN ok|short": the
 *	              module's size in /proc/modules before, what MemFree rose
 *	              by (kB), and whether that covers the size
 *	lsmod         "lsmod NAME SIZE REFS USERS STATE" per /proc/modules line
 *	cat:PATH      "cat PATH VALUE": the first line of PATH, or its errno
 *
 * They run at the normal console level, so what the kernel prints while
 * loading or removing a module reaches the console.
 */
static const char *errno_name(int e)
{
	const char *n = e ? strerrorname_np(e) : "ok";

	return n ? n : "unknown-errno";
}

static void action_lsmod(void)
{
	char *s = read_file("/proc/modules", NULL), *line, *save = NULL;

	for (line = s ? strtok_r(s, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct modline m;

		if (parse_modline(line, &m))
			report("lsmod", "%s %llu %d %s %s", m.name, m.size, m.refs,
			       m.users, m.state);
	}
	free(s);
}

/* kB of MemFree, or -1 */
static long memfree_kb(void)
{
	char *s = read_file("/proc/meminfo", NULL), *p;
	long kb = -1;

	p = s ? strstr(s, "MemFree:") : NULL;
	if (p)
		kb = strtol(p + strlen("MemFree:"), NULL, 10);
	free(s);
	return kb;
}

/* A module's size in /proc/modules, in kB, or -1 */
static long module_kb(const char *name)
{
	char *s = read_file("/proc/modules", NULL), *line, *save = NULL;
	long kb = -1;

	for (line = s ? strtok_r(s, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct modline m;

		if (parse_modline(line, &m) && !strcmp(m.name, name))
			kb = (long)(m.size / 1024);
	}
	free(s);
	return kb;
}

static void action_cat(const char *path)
{
	char *s = read_file(path, NULL);

	if (!s) {
		report("cat", "%s %s", path, errno_name(errno));
		return;
	}
	s[strcspn(s, "\n")] = 0;
	report("cat", "%s %s", path, s);
	free(s);
}

static void run_actions(void)
{
	char *list = cmdline_param("report.actions"), *a, *save = NULL;

	if (!list)
		return;
	for (a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
		int e = 0;

		if (!strncmp(a, "insmod:", 7)) {
			int fd = open(a + 7, O_RDONLY | O_CLOEXEC);
			struct timespec t0, t1;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) < 0)
				e = errno;
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if (fd >= 0)
				close(fd);
			if (!e)
				report("insmod_us", "%s %ld", a + 7,
				       (t1.tv_sec - t0.tv_sec) * 1000000L +
				       (t1.tv_nsec - t0.tv_nsec) / 1000);
		} else if (!strncmp(a, "rmmod:", 6)) {
			long size = module_kb(a + 6), before = memfree_kb(), gain;

			if (syscall(SYS_delete_module, a + 6, O_NONBLOCK) < 0) {
				e = errno;
			} else if (size >= 0 && before >= 0) {
				gain = memfree_kb() - before;
				report("unload", "%s %ld %ld %s", a + 6, size, gain,
				       gain >= size ? "ok" : "short");
			}
		} else if (!strncmp(a, "cat:", 4)) {
			action_cat(a + 4);
			continue;
		} else if (!strcmp(a, "lsmod")) {
			action_lsmod();
			continue;
		} else {
			error("report.actions: unknown step \"%s\"", a);
			continue;
		}
		report("action", "%s %s", a, errno_name(e));
	}
	free(list);
}

/* --- main ------------------------------------------------------------------- */

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	report("error", "power off: %s", strerror(errno));
	for (;;)
		pause();
}

int main(void)
{
	mount_one("proc", "/proc", "proc");
	mount_one("sysfs", "/sys", "sysfs");
	mount_one("devtmpfs", "/dev", "devtmpfs");
	open_console();

	for (unsigned int i = 0; i < npending; i++) {
		report("error", "%s", pending[i]);
		free(pending[i]);
	}
	npending = 0;

	run_actions();
	if (klogctl(SYSLOG_CONSOLE_LEVEL, NULL, REPORT_CONSOLE_LEVEL) < 0)
		error("klogctl console level: %s", strerror(errno));
	read_klog();

	report_cmdline();
	report_meminfo();
	report_memory_line();
	report_modules();
	report_kallsyms();
	report_tainted();
	report_iommu_groups();
	report_hypervisor();
	report_clocksource();
	report_cpu_flags();
	report_board_devices();
	report_ptdump();
	report_nr_cpus();
	klog_each(report_klog_line, NULL);
	report("end", "");

	free(klog);
	power_off();
	return 0;
}
