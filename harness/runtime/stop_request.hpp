#pragma once

namespace lockstress {

// The driver asks a runner to stop after its current trial (a stopping rule was met) by sending
// it protocol::kStopSignal. The runner finishes the trial, writes its end record, and exits 0.

// Installs the handler; call it before the first trial record is written, since the driver may
// send the signal as soon as it has read one.
void install_stop_request_handler();

bool stop_requested();

}  // namespace lockstress
