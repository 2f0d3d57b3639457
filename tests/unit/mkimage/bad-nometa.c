/* expect: ^bad-nometa\.eko: no \.earlymod\.info section: missing metadata \(EARLYMOD_ENTRY\(\)\)$ */
int some_function(void) { return 1; }
