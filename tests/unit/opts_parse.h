/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* PARSE("--pid", "1", ...): runs opts__parse on that argv into the test's `o`
 * and `err`, which the including file defines. */
#ifndef __KUBEGLASS_OPTS_PARSE_H
#define __KUBEGLASS_OPTS_PARSE_H

#include "opts.h"

#define PARSE(...)                                                                   \
	({                                                                           \
		char *argv_[] = {"kubeglass", __VA_ARGS__, NULL};                    \
		opts__parse(&o, sizeof(argv_) / sizeof(argv_[0]) - 1, argv_, err,    \
			    sizeof(err));                                            \
	})

#endif /* __KUBEGLASS_OPTS_PARSE_H */
