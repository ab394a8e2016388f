#include "cases/catalogue.hpp"
#include "lockstress/lockstress.hpp"

int main(int argc, char** argv) {
  return lockstress::main(argc, argv, lockstress::builtin_cases());
}
