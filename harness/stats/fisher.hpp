#pragma once

#include <cstdint>

namespace lockstress {

// Fisher's exact test for a difference between two rates: `events1` in `trials1` against
// `events2` in `trials2`. Two-sided, as R's fisher.test: the probability, under the hypergeometric
// distribution with the table's margins fixed, of every table no more likely than the one
// observed (with R's relative tolerance of 1e-7 for ties).
//
// Computed in log space from log-gamma, so that p-values far below the smallest double (two
// disjoint 200-trial outcomes give ~1e-119; larger ones, below 1e-308) keep their digits in
// log10_p while p_value rounds to 0.
struct FisherResult {
  double p_value = 1;
  double log10_p = 0;
};

FisherResult fisher_exact(std::int64_t events1, std::int64_t trials1, std::int64_t events2,
                          std::int64_t trials2);

}  // namespace lockstress
