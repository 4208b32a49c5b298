#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kartla {
namespace {

TEST(ParallelForTest, CallsEachIndexOnceWithAnyNumberOfThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
    std::vector<std::atomic<int>> calls(1000);
    ParallelFor(calls.size(), [&](size_t i) { ++calls[i]; }, threads);
    for (size_t i = 0; i < calls.size(); ++i) {
      ASSERT_EQ(calls[i].load(), 1) << "index " << i << " with " << threads << " threads";
    }
  }
  ParallelFor(0, [](size_t) { FAIL() << "no index to call"; }, 4);
}

TEST(ParallelForTest, UsesSeveralThreadsWhenAsked) {
  std::atomic<int> inside{0}, most{0};
  ParallelFor(
      2,
      [&](size_t) {
        int now = ++inside;
        for (int seen = most; seen < now && !most.compare_exchange_weak(seen, now);) {
        }
        // Each waits (a bounded while) for the other to be inside too.
        for (int spin = 0; spin < 2000 && most < 2; ++spin) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        --inside;
      },
      2);
  EXPECT_EQ(most.load(), 2);
}

TEST(ParallelForTest, RethrowsTheLowestIndexThatThrew) {
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      ParallelFor(
          100,
          [](size_t i) {
            if (i == 7 || i == 8) throw std::runtime_error("index " + std::to_string(i));
          },
          threads);
      FAIL() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& error) {
      // Indices are handed out in order: when 8 throws, 7 has been
      // handed out and runs to its end, whichever throws first.
      EXPECT_STREQ(error.what(), "index 7") << threads << " threads";
    }
  }
}

TEST(ParallelForTest, TheEnvironmentSetsTheDefault) {
  ::setenv("KARTLA_THREADS", "3", 1);
  EXPECT_EQ(DefaultThreads(), 3u);
  for (const char* bad : {"0", "-2", "two", "", "4x"}) {
    ::setenv("KARTLA_THREADS", bad, 1);
    EXPECT_GE(DefaultThreads(), 1u) << bad;
    EXPECT_EQ(DefaultThreads(), std::max(1u, std::thread::hardware_concurrency())) << bad;
  }
  ::unsetenv("KARTLA_THREADS");
}

TEST(HandoffTest, DoesEveryPieceInOrderOnOneThreadWhileTheCallerGoesOn) {
  std::vector<int> done;  // written by the handoff's thread only, read after Wait
  std::vector<std::thread::id> on;
  {
    Handoff handoff;
    for (int i = 0; i < 50; ++i) {
      handoff.Hand([&, i] {
        done.push_back(i);
        on.push_back(std::this_thread::get_id());
      });
    }
    handoff.Wait();
    ASSERT_EQ(done.size(), 50u);
  }
  for (int i = 0; i < 50; ++i) EXPECT_EQ(done[size_t(i)], i);
  EXPECT_EQ(std::count(on.begin(), on.end(), on.front()), 50);
  EXPECT_NE(on.front(), std::this_thread::get_id());
}

TEST(HandoffTest, HandReturnsWhileThePieceRuns) {
  std::atomic<bool> release{false}, finished{false};
  Handoff handoff;
  handoff.Hand([&] {
    // A bounded wait for the caller to let it end.
    for (int spin = 0; spin < 5000 && !release; ++spin) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    finished = true;
  });
  EXPECT_FALSE(finished.load());  // Hand did not wait for it
  release = true;
  handoff.Wait();
  EXPECT_TRUE(finished.load());
}

TEST(HandoffTest, RethrowsWhatAPieceThrewOnceAndGoesOn) {
  Handoff handoff;
  handoff.Hand([] { throw std::runtime_error("first batch"); });
  try {
    handoff.Hand([] {});
    FAIL() << "the piece before threw";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "first batch");
  }
  // The piece that was refused was not handed over; the next one is.
  int ran = 0;
  handoff.Hand([&] { ++ran; });
  handoff.Wait();
  EXPECT_EQ(ran, 1);
  handoff.Hand([] { throw std::runtime_error("last batch"); });
  EXPECT_THROW(handoff.Wait(), std::runtime_error);
  EXPECT_NO_THROW(handoff.Wait());
}

TEST(HandoffTest, EndingWaitsForThePieceUnderWay) {
  std::atomic<bool> finished{false};
  {
    Handoff handoff;
    handoff.Hand([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      finished = true;
    });
  }
  EXPECT_TRUE(finished.load());
  {
    Handoff handoff;
    handoff.Hand([] { throw std::runtime_error("dropped when ending"); });
  }  // no exception escapes the destructor
}

}  // namespace
}  // namespace kartla
