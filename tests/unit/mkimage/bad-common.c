/* expect: ^bad-common\.eko: common symbol 'shared_counter' \(compile with -fno-common\)$ */
/* cflags: -fcommon */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("common", "1", PLATFORM);
int shared_counter;
int *counter_ptr(void) { return &shared_counter; }
