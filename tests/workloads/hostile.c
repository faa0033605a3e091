// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A hostile target: names itself with a terminal escape, then writes to stdout what would attack
 * an operator's terminal if shown raw, one write each, then --ones single-byte writes cycling
 * through all 256 byte values.
 *
 *   hostile --gate PATH [--ones N]
 *
 * Prints on stderr the number of writes it made, once done.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static const char *const attacks[] = {
	"\033[2J\033[H",                     /* clear screen, cursor home */
	"\033]0;pwned title\007",            /* window title (OSC 0) */
	"\033]2;pwned title\033\\",          /* window title ended by ST */
	"\033]52;c;ZWNobyBwd25lZA==\007",    /* OSC 52: set the clipboard */
	"\033[10;10H\033[5A\033[3C\033[s\033[u", /* cursor moves, save and restore */
	"\033[?1049h\033[?25l\033[?1000h",   /* DEC private modes: alt screen, hide cursor, mouse */
	"\033P+q544e\033\\",                  /* DCS: terminfo query */
	"\033[6n\033[21t",                   /* report requests: cursor position, title */
	"\302\233" "31m C1 CSI as UTF-8",    /* U+009B */
	"\233" "31m C1 CSI as one byte",     /* 0x9b alone: invalid UTF-8 */
	"\342\200\256 bidi override U+202E", /* trojan-source reordering */
	"\xff\xfe\xc0\xaf\xed\xa0\x80 invalid UTF-8",
	"NUL\0in\0the\0middle",
	"bell\007 backspace\010 delete\177 formfeed\014 vt\013 cr\r",
};

int main(int argc, char **argv)
{
	long ones = 0, made = 0, i;
	const char *gate = NULL;
	char c;
	size_t k;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--gate"))
			gate = argv[i + 1];
		else if (!strcmp(argv[i], "--ones"))
			ones = strtol(argv[i + 1], NULL, 0);
	}
	prctl(PR_SET_NAME, "\033]0;x\007\033[2J", 0, 0, 0);
	if (gate) {
		int g = open(gate, O_RDONLY);

		if (g < 0 || read(g, &c, 1) != 1)
			return 1;
		close(g);
	}
	for (k = 0; k < sizeof(attacks) / sizeof(attacks[0]); k++) {
		/* The NUL case is written whole: its length, not strlen. */
		size_t len = k == 12 ? sizeof("NUL\0in\0the\0middle") - 1 : strlen(attacks[k]);

		if (write(1, attacks[k], len) < 0)
			return 1;
		made++;
	}
	for (i = 0; i < ones; i++) {
		c = (char)(i & 0xff);
		if (write(1, &c, 1) < 0)
			return 1;
		made++;
	}
	fprintf(stderr, "%ld\n", made);
	return 0;
}
