/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README): the boot_params fields of the initrd. */
#ifndef KSHIM_SETUP_H
#define KSHIM_SETUP_H
#include <linux/types.h>

struct setup_header {
	__u8  type_of_loader;
	__u32 ramdisk_image;
	__u32 ramdisk_size;
};

struct boot_params {
	struct setup_header hdr;
	__u32 ext_ramdisk_image;
	__u32 ext_ramdisk_size;
};

extern struct boot_params boot_params;
#endif
