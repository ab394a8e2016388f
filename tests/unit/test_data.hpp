#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace lockstress::testing {

// A file from tests/data: real TSan reports captured from clang 14 and g++ 12 runs.
inline std::string read_test_data(const std::string& name) {
  std::ifstream in(std::string(LOCKSTRESS_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace lockstress::testing
