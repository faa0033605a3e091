/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Terminal-safe renderings of bytes a target chose. Nothing a target writes
 * may reach the operator's terminal raw: no ESC, CR, BEL, C1 control, or
 * Unicode bidi override.
 */
#ifndef __KUBEGLASS_ESCAPE_H
#define __KUBEGLASS_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bytes escape__text() writes per input byte ("\xHH"). */
#define ESCAPE_MAX_PER_BYTE 4

/*
 * Writes a printable rendering of in[0..len) to out, which must hold
 * ESCAPE_MAX_PER_BYTE * len bytes, and returns its length. Printable ASCII and
 * valid UTF-8 pass; '\\' becomes "\\\\", TAB "\t", CR "\r", LF "\n", ESC "\e";
 * any other control byte, C1 control, bidi control or invalid UTF-8 byte
 * becomes "\xHH". The output is not NUL-terminated.
 */
size_t escape__text(const void *in, size_t len, char *out);

/* Bytes at the end of in[0..len) that start a valid but unfinished UTF-8
 * sequence (0 to 3): a caller that streams text holds them for the next piece. */
size_t escape__utf8_tail(const void *in, size_t len);

/* The code point of the valid n-byte (2 to 4) UTF-8 sequence at s. */
uint32_t escape__code_point(const unsigned char *s, size_t n);
/* C1 controls and bidi controls: valid UTF-8 that steers a terminal or reorders text. */
bool escape__dangerous_code_point(uint32_t cp);

/* One canonical hexdump line for up to 16 bytes at offset off: offset, hex in
 * two groups of eight, and the bytes as ASCII with '.' for the rest. Returns
 * its length without the trailing '\n', which it writes. out holds 80 bytes. */
#define HEXDUMP_LINE_MAX 80
size_t escape__hexdump_line(const void *in, size_t len, unsigned long long off, char *out);

#endif /* __KUBEGLASS_ESCAPE_H */
