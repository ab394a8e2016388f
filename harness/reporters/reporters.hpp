#pragma once

#include <ostream>

#include "harness/summary/summary.hpp"

namespace lockstress {

// Every reporter reads the finished summary and writes one format; none changes anything.

// The aligned table, the reasons behind each verdict, the unique reports, and a rerun line.
void write_console(const Summary& summary, std::ostream& out);

// lockstress.summary/1, the format merge and compare read back (docs/json-summary.md).
void write_json(const Summary& summary, std::ostream& out);

// GitHub-flavoured Markdown for a CI step summary or a review comment: the table with verdict
// symbols, the platform, the reasons, and each unique report in a collapsed <details> block.
void write_markdown(const Summary& summary, std::ostream& out);

// JUnit XML (the Jenkins xUnit schema): a <testsuite> per variant, a <testcase> per cell; fail is
// <failure>, error is <error>, inconclusive is <skipped>, each with the reasons and first report.
void write_junit(const Summary& summary, std::ostream& out);

// SARIF 2.1.0 for code scanning: one result per unique sanitizer report, located at the top
// frame of each access.
void write_sarif(const Summary& summary, std::ostream& out);

// One self-contained HTML page (no script, no network): the table and inline SVG plots of each
// cell's failure rate with its 95% interval, and of rate against threads or iterations when a
// run swept them.
void write_html(const Summary& summary, std::ostream& out);

}  // namespace lockstress
