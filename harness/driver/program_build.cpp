#include "harness/driver/program_build.hpp"

#include <optional>

// Written by lockstress_add_runner(): returns the value recorded under `key`, or nullptr for a key
// it does not know. Keys: "compiler", "variants" ("plain;tsan"), and for each variant V
// "variant.V.detector", "variant.V.flags", "variant.V.runtime".
extern "C" const char* lockstress_build_field(const char* key);

// Stands in when the program was not built by lockstress_add_runner(): the generated source's
// strong definition replaces it.
extern "C" __attribute__((weak)) const char* lockstress_build_field(const char* /*key*/) {
  return nullptr;
}

namespace lockstress {
namespace {

std::optional<std::string> field(const std::string& key) {
  const char* value = lockstress_build_field(key.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::vector<std::string> split(const std::string& list, char separator) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(separator, start), list.size());
    if (end > start) out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<ProgramBuild> program_build() {
  ProgramBuild build;
  build.compiler = field("compiler").value_or("");
  const std::optional<std::string> names = field("variants");
  if (!names) {
    for (Variant& variant : builtin_variants()) build.variants.push_back({variant, "", ""});
    return build;
  }
  for (const std::string& name : split(*names, ';')) {
    const std::string prefix = "variant." + name + ".";
    const std::string kind = field(prefix + "detector").value_or("");
    const std::optional<Detector> detector = parse_detector(kind);
    if (!detector) {
      return Error{"this program's variant " + name + " was built as a detector of kind '" + kind +
                   "', which this lockstress does not know"};
    }
    build.variants.push_back({{name, *detector},
                              field(prefix + "flags").value_or(""),
                              field(prefix + "runtime").value_or("")});
  }
  return build;
}

std::vector<Variant> variants_of(const ProgramBuild& build) {
  std::vector<Variant> variants;
  for (const VariantBuild& b : build.variants) variants.push_back(b.variant);
  return variants;
}

}  // namespace lockstress
