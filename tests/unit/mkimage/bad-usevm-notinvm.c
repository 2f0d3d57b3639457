/* expect: ^bad-usevm-notinvm\.eko: \.earlymod\.vmlinux: vmlinux does not define 'usevm_only_here' \(define it in the entry's fallbacks\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("usevm-notinvm", "1", PLATFORM);
EARLYMOD_USE_VMLINUX(usevm_only_here);
int usevm_only_here = 1;
