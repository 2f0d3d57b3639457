/* expect: ^bad-usevm-size\.eko: \.earlymod\.vmlinux: 'em_shared_key' is 8 bytes in the entry, 4 in vmlinux$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("usevm-size", "1", PLATFORM);
EARLYMOD_USE_VMLINUX(em_shared_key);
long em_shared_key = 1;
