// Litmus programs with exactly known outcome sets under sequential consistency and under the
// C++ memory model, run under the model: only allowed outcomes may appear, and over enough
// schedules every allowed one must. Compiled with -fsanitize=thread, linked with the model.

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "tests/model/outcomes.hpp"

namespace lockstress::model {
namespace {

using testing::outcomes;
using testing::with;
using Set = std::set<std::string>;

constexpr int kSchedules = 400;
constexpr auto relaxed = std::memory_order_relaxed;
constexpr auto acquire = std::memory_order_acquire;
constexpr auto release = std::memory_order_release;
constexpr auto seq_cst = std::memory_order_seq_cst;

std::atomic<int> x, y;
int r1, r2, r3, r4;  // each written by one thread, read after the schedule

void reset() {
  x.store(0);
  y.store(0);
  r1 = r2 = r3 = r4 = -1;
}

std::string pair() { return std::to_string(r1) + std::to_string(r2); }

// Both strategies must find every allowed outcome: a random walk switches anywhere, PCT at its
// change points (k about the program's length).
Set both(Memory memory, int threads, const std::function<void(int)>& body,
         const std::function<std::string()>& outcome = pair) {
  Set random = outcomes(with(Strategy::random, memory), kSchedules, threads, reset, body, outcome);
  Set pct = outcomes(with(Strategy::pct, memory), kSchedules, threads, reset, body, outcome);
  EXPECT_EQ(random, pct) << "random walk and PCT found different outcome sets";
  return random;
}

template <std::memory_order kStore, std::memory_order kLoad>
void message_passing(int thread) {
  if (thread == 0) {
    x.store(1, relaxed);  // the data
    y.store(1, kStore);   // the flag
  } else {
    r1 = y.load(kLoad);
    r2 = x.load(relaxed);
  }
}

template <std::memory_order kStore, std::memory_order kLoad>
void store_buffering(int thread) {
  if (thread == 0) {
    x.store(1, kStore);
    r1 = y.load(kLoad);
  } else {
    y.store(1, kStore);
    r2 = x.load(kLoad);
  }
}

TEST(Litmus, CoRR_TwoReadsNeverGoBackwards) {
  auto body = [](int thread) {
    if (thread == 0) {
      x.store(1, relaxed);
    } else {
      r1 = x.load(relaxed);
      r2 = x.load(relaxed);
    }
  };
  EXPECT_EQ(both(Memory::sc, 2, body), (Set{"00", "01", "11"}));
  EXPECT_EQ(both(Memory::c11, 2, body), (Set{"00", "01", "11"}));
}

TEST(Litmus, CoWR_AThreadReadsNoStoreOlderThanItsOwn) {
  auto body = [](int thread) {
    if (thread == 0) {
      x.store(1, relaxed);
      r1 = x.load(relaxed);
    } else {
      x.store(2, relaxed);
    }
  };
  auto outcome = [] { return std::to_string(r1) + std::to_string(x.load()); };
  EXPECT_EQ(both(Memory::sc, 2, body, outcome), (Set{"11", "12", "22"}));
  // r1 = 1 with x ending at 1 (2 came first), r1 = 1 or 2 with x ending at 2; never 0.
  EXPECT_EQ(both(Memory::c11, 2, body, outcome), (Set{"11", "12", "22"}));
}

TEST(Litmus, CoRW_AReadThenAWriteStaysInOrder) {
  auto body = [](int thread) {
    if (thread == 0) {
      r1 = x.load(relaxed);
      x.store(1, relaxed);
    } else {
      x.store(2, relaxed);
    }
  };
  auto outcome = [] { return std::to_string(r1) + std::to_string(x.load()); };
  // Never r1 = 2 with x ending at 2: the store after reading 2 comes later in x's order.
  EXPECT_EQ(both(Memory::sc, 2, body, outcome), (Set{"01", "02", "21"}));
  EXPECT_EQ(both(Memory::c11, 2, body, outcome), (Set{"01", "02", "21"}));
}

TEST(Litmus, CoWW_ObserversSeeOneThreadsStoresInItsOrder) {
  auto body = [](int thread) {
    if (thread == 0) {
      x.store(1, relaxed);
      x.store(2, relaxed);
    } else {
      r1 = x.load(relaxed);
      r2 = x.load(relaxed);
    }
  };
  const Set allowed{"00", "01", "02", "11", "12", "22"};
  EXPECT_EQ(both(Memory::sc, 2, body), allowed);
  EXPECT_EQ(both(Memory::c11, 2, body), allowed);
}

TEST(Litmus, MessagePassingWithReleaseAcquireNeverSeesTheFlagWithoutTheData) {
  EXPECT_EQ(both(Memory::sc, 2, message_passing<release, acquire>), (Set{"00", "01", "11"}));
  EXPECT_EQ(both(Memory::c11, 2, message_passing<release, acquire>), (Set{"00", "01", "11"}));
}

TEST(Litmus, MessagePassingRelaxedMaySeeTheFlagWithoutTheData) {
  EXPECT_EQ(both(Memory::sc, 2, message_passing<relaxed, relaxed>), (Set{"00", "01", "11"}));
  EXPECT_EQ(both(Memory::c11, 2, message_passing<relaxed, relaxed>), (Set{"00", "01", "10", "11"}));
}

TEST(Litmus, MessagePassingThroughFences) {
  auto body = [](int thread) {
    if (thread == 0) {
      x.store(1, relaxed);
      std::atomic_thread_fence(release);
      y.store(1, relaxed);
    } else {
      r1 = y.load(relaxed);
      std::atomic_thread_fence(acquire);
      r2 = x.load(relaxed);
    }
  };
  EXPECT_EQ(both(Memory::c11, 2, body), (Set{"00", "01", "11"}));
}

TEST(Litmus, StoreBufferingSeqCstForbidsBothZero) {
  EXPECT_EQ(both(Memory::sc, 2, store_buffering<seq_cst, seq_cst>), (Set{"01", "10", "11"}));
  EXPECT_EQ(both(Memory::c11, 2, store_buffering<seq_cst, seq_cst>), (Set{"01", "10", "11"}));
}

TEST(Litmus, StoreBufferingAcquireReleaseAllowsBothZero) {
  EXPECT_EQ(both(Memory::sc, 2, store_buffering<release, acquire>), (Set{"01", "10", "11"}));
  EXPECT_EQ(both(Memory::c11, 2, store_buffering<release, acquire>), (Set{"00", "01", "10", "11"}));
}

TEST(Litmus, StoreBufferingWithSeqCstFencesForbidsBothZero) {
  auto body = [](int thread) {
    std::atomic<int>& mine = thread == 0 ? x : y;
    std::atomic<int>& other = thread == 0 ? y : x;
    mine.store(1, relaxed);
    std::atomic_thread_fence(seq_cst);
    (thread == 0 ? r1 : r2) = other.load(relaxed);
  };
  EXPECT_EQ(both(Memory::c11, 2, body), (Set{"01", "10", "11"}));
}

template <std::memory_order kOrder>
void iriw(int thread) {
  switch (thread) {
    case 0:
      x.store(1, kOrder == acquire ? release : kOrder);
      break;
    case 1:
      y.store(1, kOrder == acquire ? release : kOrder);
      break;
    case 2:
      r1 = x.load(kOrder);
      r2 = y.load(kOrder);
      break;
    case 3:
      r3 = y.load(kOrder);
      r4 = x.load(kOrder);
      break;
  }
}

std::string four() {
  return std::to_string(r1) + std::to_string(r2) + std::to_string(r3) + std::to_string(r4);
}

TEST(Litmus, IriwSeqCstReadersAgreeOnTheOrderOfIndependentWrites) {
  const Set c11 =
      outcomes(with(Strategy::random, Memory::c11), 2000, 4, reset, iriw<seq_cst>, four);
  EXPECT_EQ(c11.count("1010"), 0u);
  EXPECT_EQ(c11.size(), 15u);  // every other combination of four bits
}

TEST(Litmus, IriwAcquireReadersMayDisagree) {
  const Set c11 =
      outcomes(with(Strategy::random, Memory::c11), 2000, 4, reset, iriw<acquire>, four);
  EXPECT_EQ(c11.count("1010"), 1u);
  const Set sc = outcomes(with(Strategy::random, Memory::sc), 2000, 4, reset, iriw<acquire>, four);
  EXPECT_EQ(sc.count("1010"), 0u);
}

}  // namespace
}  // namespace lockstress::model
