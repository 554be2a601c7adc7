// GMP for Swift. gmp.h defines several of its operations as macros (or as
// inline functions behind macros), which Swift cannot import; the
// `cgmp_` wrappers below expose them as plain static inline functions.
#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H

#include <gmp.h>

static inline int cgmp_mpz_sgn(const mpz_t z) { return mpz_sgn(z); }
static inline int cgmp_mpz_cmp_si(const mpz_t z, long v) { return mpz_cmp_si(z, v); }
static inline int cgmp_mpz_cmp_ui(const mpz_t z, unsigned long v) { return mpz_cmp_ui(z, v); }
static inline int cgmp_mpz_odd_p(const mpz_t z) { return mpz_odd_p(z); }
static inline int cgmp_mpz_even_p(const mpz_t z) { return mpz_even_p(z); }
static inline int cgmp_mpq_sgn(const mpq_t q) { return mpq_sgn(q); }
static inline int cgmp_mpq_cmp_si(const mpq_t q, long n, unsigned long d) { return mpq_cmp_si(q, n, d); }
static inline mpz_ptr cgmp_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr cgmp_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline int cgmp_mpz_fits_slong_p(const mpz_t z) { return mpz_fits_slong_p(z); }
/// The number of limbs in |z| (0 for zero); used for cheap size estimates.
static inline long cgmp_mpz_size(const mpz_t z) { return (long)mpz_size(z); }

#endif
