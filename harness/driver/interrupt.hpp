#pragma once

namespace lockstress {

// SIGINT and SIGTERM during a run. The first one only takes note: interrupt_fd() becomes readable
// (run_child kills the running runner when it does) and interrupt_signal() returns it, so the run
// can write what it measured. A second one exits at once with 128 + its number, killing the
// running runner's process group on the way: for a user who does not want to wait for that.
void catch_interrupts();

// The first signal caught, or 0.
int interrupt_signal();

// Readable once a signal was caught; -1 before catch_interrupts().
int interrupt_fd();

// The process group of the runner now running (0: none), for the second signal to kill.
void set_running_runner(int pid);

}  // namespace lockstress
