#pragma once

#include <atomic>

#include "cases/spin_wait.hpp"

namespace lockstress {

// The MCS queue lock (Mellor-Crummey and Scott): each thread waits on a node of its own, handed
// to the lock by lock(node) and unlock(node), so a waiter spins on its own cache line and the lock
// passes in arrival order. Its per-thread node is lock_case's State
// (lockstress/lock_operations.hpp: the node shape), one per thread per trial, no thread_local. The
// handoff store's order is a template parameter (a compile-time constant: see tas_spinlock.hpp):
// release, or relaxed, the bug real-locks.md found in a user's MCS lock.
template <std::memory_order kHandoff>
class McsLock {
 public:
  struct Node {
    std::atomic<Node*> next{nullptr};
    std::atomic<bool> waiting{false};
  };

  void lock(Node& node) {
    node.next.store(nullptr, std::memory_order_relaxed);
    node.waiting.store(true, std::memory_order_relaxed);
    // acq_rel: acquire the previous tail's node as it was published, release ours.
    Node* previous = tail_.exchange(&node, std::memory_order_acq_rel);
    if (previous == nullptr) return;
    previous->next.store(&node, std::memory_order_release);
    for (SpinWait wait; node.waiting.load(std::memory_order_acquire);) wait.once();
  }

  void unlock(Node& node) {
    Node* successor = node.next.load(std::memory_order_acquire);
    if (successor == nullptr) {
      Node* expected = &node;
      if (tail_.compare_exchange_strong(expected, nullptr, std::memory_order_release,
                                        std::memory_order_relaxed)) {
        return;
      }
      for (SpinWait wait; (successor = node.next.load(std::memory_order_acquire)) == nullptr;) {
        wait.once();
      }
    }
    // The handoff: with release, the successor's acquiring load of `waiting` reads it and orders
    // this holder's critical section before its own; relaxed orders nothing.
    successor->waiting.store(false, kHandoff);
  }

 private:
  std::atomic<Node*> tail_{nullptr};
};

}  // namespace lockstress
