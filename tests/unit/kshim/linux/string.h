/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (tests/unit/kshim/README). */
#include <string.h>
