#pragma once

#include <boost/program_options/options_description.hpp>
#include <string>

#include "harness/driver/program.hpp"

namespace lockstress {

// What `lockstress --help` prints: the commands and the exit codes they share.
extern const char* const kOverview;
// compare's usage line, which its errors repeat.
extern const char* const kCompareUsage;

// The options each command takes, with their help texts and defaults (Boost.Program_options);
// cli.cpp reads what they parsed. Run's --variant lists the variants `program` was built with.
boost::program_options::options_description run_options(const Program& program);
boost::program_options::options_description merge_options();
boost::program_options::options_description compare_options();

// The --help text of run, merge or compare: its usage line, what it does, and its options.
std::string run_help(const Program& program);
std::string merge_help();
std::string compare_help();

}  // namespace lockstress
