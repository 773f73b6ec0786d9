// OpenBLAS's CBLAS interface (Debian: libopenblas-dev; `apt-get install libopenblas-dev`).
//
// The module deliberately does NOT link OpenBLAS. OpenBLAS (DYNAMIC_ARCH builds) picks its kernel in a
// library constructor that reads OPENBLAS_CORETYPE, i.e. before `main` when the library is linked. Atelier
// instead loads it with dlopen after choosing the core type from cpuid (see Tensor/BLAS.swift), so this
// header only provides the prototypes' types (as function-pointer typedefs) and a cpuid probe.
#ifndef ATELIER_CBLAS_SHIM_H
#define ATELIER_CBLAS_SHIM_H

// Prefer OpenBLAS's own header (Debian's pthread variant, then other layouts); any cblas.h declares the enums.
#if __has_include(<openblas-pthread/cblas.h>)
#include <openblas-pthread/cblas.h>
#elif __has_include(<openblas/cblas.h>)
#include <openblas/cblas.h>
#else
#include <cblas.h>
#endif
#include <stdint.h>

// Integers are `int`: the LP64 OpenBLAS that Debian's libopenblas0 ships (libopenblas64 would differ).
typedef void (*atelier_sgemm_fn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, int, int, int, float,
                                 const float *, int, const float *, int, float, float *, int);
typedef char *(*atelier_get_corename_fn)(void);
typedef int (*atelier_get_num_threads_fn)(void);
typedef void (*atelier_set_num_threads_fn)(int);

/// Executes cpuid(leaf, subleaf); returns 0 on CPUs other than x86-64.
static inline int atelier_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4]) {
#if defined(__x86_64__) || defined(__i386__)
    uint32_t a, b, c, d;
    __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(subleaf));
    regs[0] = a; regs[1] = b; regs[2] = c; regs[3] = d;
    return 1;
#else
    regs[0] = regs[1] = regs[2] = regs[3] = 0;
    return 0;
#endif
}

/// XCR0: which register states the OS saves (AVX needs bits 1-2, AVX-512 bits 5-7). Call only when OSXSAVE is set.
static inline uint64_t atelier_xgetbv0(void) {
#if defined(__x86_64__) || defined(__i386__)
    uint32_t lo, hi;
    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
#else
    return 0;
#endif
}

#endif
