/* A stand-in for bcryptprimitives.dll, for the Windows tests under Wine only.
 *
 * Why: Rust's standard library (since 1.78) takes its random numbers on
 * Windows from ProcessPrng in bcryptprimitives.dll, which every supported
 * Windows (10 and later) has, but Wine 8 (Debian 12's) does not: every
 * Rust program built for Windows then fails to start under it ("Library
 * bcryptprimitives.dll not found", status c0000135). .ci/windows builds
 * this file with mingw-w64 and puts the DLL into the system32 of its own
 * Wine prefix; it is never shipped with the app.
 *
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), the system's cryptographic generator, which Wine has;
 * like the real one it always reports success unless the generator fails.
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
