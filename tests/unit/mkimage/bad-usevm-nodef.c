/* expect: ^bad-usevm-nodef\.eko: \.earlymod\.vmlinux: 'host_value' is not a global definition of the entry$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("usevm-nodef", "1", PLATFORM);
EARLYMOD_USE_VMLINUX(host_value);
extern int host_value;
int usevm_nodef(void) { return host_value; }
