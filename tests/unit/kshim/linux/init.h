/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README). */
#ifndef KSHIM_INIT_H
#define KSHIM_INIT_H
#define __init
#endif
