#pragma once

#include <optional>
#include <string_view>

namespace lockstress {

// A variant is one build of the same case sources, and so one detector: the plain build shows
// what the hardware does (lost updates), the TSan build what happens-before analysis sees.
enum class Variant { plain, tsan };

inline constexpr Variant kAllVariants[] = {Variant::plain, Variant::tsan};

constexpr std::string_view to_string(Variant variant) {
  switch (variant) {
    case Variant::plain:
      return "plain";
    case Variant::tsan:
      return "tsan";
  }
  return "?";
}

inline std::optional<Variant> parse_variant(std::string_view name) {
  for (Variant variant : kAllVariants) {
    if (to_string(variant) == name) return variant;
  }
  return std::nullopt;
}

}  // namespace lockstress
