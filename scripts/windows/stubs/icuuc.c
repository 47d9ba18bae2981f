/* Stand-in for Windows 10's icuuc.dll, which Wine 8 lacks and Qt6Core.dll imports (its ICU
 * text codecs). Every converter is "not available": Qt falls back to its built-in UTF-8, UTF-16
 * and Latin-1 codecs. Loaded only in the Wine prefix of the build and its tests; never shipped. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;
typedef uint16_t UChar;
typedef void UConverter;
typedef void (*UConverterCallback)(void);

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UConverterCallback *f, const void **ctx)
{ (void)c; if (f) *f = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UConverterCallback *f, const void **ctx)
{ (void)c; if (f) *f = NULL; if (ctx) *ctx = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, UConverterCallback f, const void *ctx, UConverterCallback *of,
                                const void **octx, UErrorCode *err)
{ (void)c; (void)f; (void)ctx; (void)of; (void)octx; fail(err); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, UConverterCallback f, const void *ctx, UConverterCallback *of,
                                  const void **octx, UErrorCode *err)
{ (void)c; (void)f; (void)ctx; (void)of; (void)octx; fail(err); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t n, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)n; (void)off; fail(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *end, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)end; (void)off; fail(err); }
EXPORT void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *te, const char **s, const char *se,
                           int32_t *off, int8_t flush, UErrorCode *err)
{ (void)c; (void)t; (void)te; (void)s; (void)se; (void)off; (void)flush; fail(err); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **t, const char *te, const UChar **s, const UChar *se,
                             int32_t *off, int8_t flush, UErrorCode *err)
{ (void)c; (void)t; (void)te; (void)s; (void)se; (void)off; (void)flush; fail(err); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; fail(err); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
