/* Stand-in for bcryptprimitives.dll!ProcessPrng, which Wine 8 lacks and the Rust standard library
 * in the cryptography, python-calamine and pydantic-core wheels imports: random bytes from
 * BCryptGenRandom (the system's generator). Loaded only in the Wine prefix of the build and its
 * tests; never shipped. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
