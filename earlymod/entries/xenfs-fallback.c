// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmlinux refers to nothing in the xenfs entry: the file system's
 * module_init() is all there is, and it runs only when the entry is linked.
 */
