/* dct_internal.h: the date-string parser of extract/dct.c, shared with the JSON Lines reader.
 * Not installed. */
#ifndef CHRONICLE_DCT_INTERNAL_H
#define CHRONICLE_DCT_INTERNAL_H

#include "chronicle/date.h"
#include <stddef.h>

/* Parse a whole date string as found in news metadata: ISO 8601 ("2014-12-03T20:58:00Z",
 * "2014-12-03 20:58:00", "2014-12"), RFC 2822 ("Wed, 03 Dec 2014 20:58:00 GMT"), written dates
 * ("December 3, 2014", "3 Dec 2014 8:58 pm ET"), US numeric ("12/03/2014") and epoch seconds or
 * milliseconds as a string of 9 to 14 digits. With a time of day the result has gran MINUTE (seconds
 * dropped) and, when a zone is given, tz and CHR_TIME_HAS_TZ; else gran DAY (or what the ISO form says).
 * Returns 0 or CHR_EDATE (unparsable or impossible, e.g. February 30). */
int chr__dct_parse_string(chr_time *out, const char *s, size_t len);

/* The time of an epoch second count (UTC, gran MINUTE); CHR_EDATE outside years 1..9999. */
int chr__dct_from_epoch(chr_time *out, long long seconds);

#endif
