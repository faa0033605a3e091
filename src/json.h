/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Pure encoders for --format json: a JSON string body that is safe on a
 * terminal and in JavaScript, and base64 for bytes that are not UTF-8.
 * No state, no allocation: each is easy to test and to fuzz.
 */
#ifndef __KUBEGLASS_JSON_H
#define __KUBEGLASS_JSON_H

#include <stddef.h>

/* The most bytes json__string() writes per input byte ("\u00XX"). */
#define JSON_MAX_PER_BYTE 6
#define JSON_INVALID ((size_t)-1)

/*
 * Writes the body of a JSON string (no quotes) for in[0..len) to out, which
 * must hold JSON_MAX_PER_BYTE * len bytes, and returns its length; or
 * JSON_INVALID if in is not valid UTF-8, and then out holds nothing useful.
 * Valid UTF-8 passes unchanged, except: '"' and '\\' are escaped; \b \f \n
 * \r \t by name; other C0 controls, DEL, C1 controls (U+0080-009F), the bidi
 * controls escape.c names, and U+2028/U+2029 (line breaks to JavaScript) as
 * \uXXXX. Decoding the result gives back exactly in[0..len).
 */
size_t json__string(const void *in, size_t len, char *out);

/* Bytes base64__encode() writes for len input bytes. */
#define BASE64_LEN(len) (((len) + 2) / 3 * 4)

/* Standard base64 (RFC 4648, '+' '/', '=' padding) of in[0..len) into out,
 * which holds BASE64_LEN(len) bytes. Returns that length; no NUL. */
size_t base64__encode(const void *in, size_t len, char *out);

#endif /* __KUBEGLASS_JSON_H */
