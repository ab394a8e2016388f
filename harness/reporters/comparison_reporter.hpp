#pragma once

#include <ostream>
#include <string>

#include "harness/analysis/comparison.hpp"

namespace lockstress {

// The comparison of two summaries, for people: where each came from, one row per measure with
// both rates, their intervals and Fisher's p-value, then the significant changes and the safe
// cases that got worse in words.
void write_comparison(const Comparison& comparison, const Summary& base,
                      const std::string& base_name, const Summary& now, const std::string& new_name,
                      std::ostream& out);

// "0.31", "0.0042", "1.6e-31", "3.2e-1804": a p-value from its log10, so that values below the
// smallest double still print.
std::string format_p_value(const FisherResult& fisher);

}  // namespace lockstress
