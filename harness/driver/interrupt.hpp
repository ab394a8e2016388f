#pragma once

namespace lockstress {

// The signals that end a run early with everything it measured written (docs/running.md, "Interrupted"),
// each a way a run is commonly stopped from outside:
//   SIGINT   Ctrl-C
//   SIGTERM  kill, GNU timeout, a CI cancel, systemd
//   SIGHUP   the terminal or ssh session closed
//   SIGALRM  an alarm a wrapper set
//   SIGXCPU  the CPU-time limit (ulimit -t) reached
//   SIGUSR1, SIGUSR2  sent by scripts as a polite stop (their default would kill us silently)
// The first one is noted: interrupt_fd() becomes readable (run_child kills the running runner
// when it does) and interrupt_signal() returns it, so that the run stops and writes its outputs.
// Every later one, whichever and however soon (GNU timeout signals the child, then its whole
// process group; a CI cancel does the same), only kills the running runner's process group
// again: nothing keeps the outputs from being written. To stop at once and write nothing, send
// SIGQUIT (Ctrl-\), whose default action stays, or SIGKILL.
// SIGPIPE and SIGXFSZ are ignored: a write to a closed pipe or past the file-size limit then
// fails (EPIPE, EFBIG) and is reported as an output that could not be written.
void catch_interrupts();

// The first signal caught, or 0.
int interrupt_signal();

// Readable once a signal was caught; -1 before catch_interrupts().
int interrupt_fd();

// The process group of the runner now running (0: none), for later signals to kill.
void set_running_runner(int pid);

}  // namespace lockstress
